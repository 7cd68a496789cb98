# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""B1: the tracker's CPU cost per sample against one bare channel hop."""

import asyncio
import functools
from dataclasses import dataclass
from datetime import UTC, datetime

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import ComponentKind, HealthPolicy
from frequenz.telemetry_tracker.component import ComponentHealthTracker

from ._report import Bound, Row, Target
from ._samples import SampleFactory
from ._scale import Scale
from ._telemetry import (
    build_group,
    round_robin_steps,
    run_lockstep,
    start_groups,
    stop_groups,
)
from ._timing import Paired, bare_hop, cpu_seconds, cpu_seconds_sync


@dataclass(frozen=True)
class Sizes:
    """The sizes of one B1 run."""

    samples: int
    """Samples per repeat."""

    repeats: int
    """Measured repeats, after one warm-up repeat."""


SIZES = {
    Scale.FULL: Sizes(samples=5_000, repeats=9),
    Scale.QUICK: Sizes(samples=2_000, repeats=5),
    Scale.SMOKE: Sizes(samples=40, repeats=1),
}
"""The sizes for each scale."""

TARGET = Target(bound=Bound.AT_MOST, limit=4.0)
"""The pipeline's cost per sample may be at most four bare hops."""

_US = 1e6


def _judge_alone(samples: list[ComponentDataSamples]) -> None:
    """Feed samples to one component's state machine, with no channel or task."""
    loop = asyncio.get_running_loop()
    tracker = ComponentHealthTracker(
        component_id=ElectricalComponentId(1),
        kind=ComponentKind.INVERTER,
        policy=HealthPolicy(),
        missing_data_tolerance_s=1.0,
        now_loop_s=loop.time(),
        now_utc=datetime.now(UTC),
    )
    for sample in samples:
        tracker.on_sample(sample, now_loop_s=loop.time(), now_utc=datetime.now(UTC))


async def run(scale: Scale) -> list[Row]:
    """Measure B1 and return its rows."""
    sizes = SIZES[scale]
    factory = SampleFactory()
    group = build_group(1, 2, 2)
    await start_groups([group], factory)
    pipeline, alone = Paired(), Paired()
    try:
        async with bare_hop() as round_trips:
            for repeat in range(sizes.repeats + 1):
                steps = round_robin_steps([group], factory, sizes.samples)
                samples = [step.sample for step in steps]
                inverter_samples = [
                    factory.sample(1, ComponentKind.INVERTER)
                    for _ in range(sizes.samples)
                ]
                hop_s = await cpu_seconds(functools.partial(round_trips, samples))
                pipeline_s = await cpu_seconds(functools.partial(run_lockstep, steps))
                alone_s = cpu_seconds_sync(
                    functools.partial(_judge_alone, inverter_samples)
                )
                if repeat == 0:
                    continue
                per_hop_s = hop_s / (2 * sizes.samples)
                pipeline.add(pipeline_s / sizes.samples, per_hop_s)
                alone.add(alone_s / sizes.samples, per_hop_s)
    finally:
        await stop_groups([group])
    return _rows(pipeline, alone, sizes.repeats)


def _rows(pipeline: Paired, alone: Paired, repeats: int) -> list[Row]:
    hop_us = pipeline.baseline_median * _US
    return [
        Row(
            benchmark="B1",
            case="bare BroadcastChannel hop (echo task, round trip / 2)",
            metric="CPU per message",
            value=hop_us,
            unit="us",
            repeats=repeats,
            note="the baseline of this benchmark",
        ),
        Row(
            benchmark="B1",
            case="group 2+2: component actor, group actor, 1 subscriber",
            metric="CPU per sample",
            value=pipeline.subject_median * _US,
            unit="us",
            baseline="bare hop",
            baseline_value=hop_us,
            ratio=pipeline.ratio_median,
            target=TARGET,
            repeats=repeats,
            note="a sample makes 3 hops (to the component actor, the group "
            "actor, the subscriber), so 3x is this design's floor",
        ),
        Row(
            benchmark="B1",
            case="ComponentHealthTracker.on_sample alone (no task, no channel)",
            metric="CPU per sample",
            value=alone.subject_median * _US,
            unit="us",
            baseline="bare hop",
            baseline_value=hop_us,
            ratio=alone.ratio_median,
            repeats=repeats,
            note="the health policy's share of the pipeline's cost",
        ),
    ]
