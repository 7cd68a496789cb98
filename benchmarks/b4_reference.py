# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""B4: the tracker against the reference design, for growing groups."""

import asyncio
import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import timedelta

from frequenz.channels import BroadcastReceiver

from frequenz.telemetry_tracker import InverterBatteryGroupStatus

from ._reference import ReferenceGroupTracker
from ._report import Bound, Row, Target
from ._samples import SampleFactory
from ._scale import Scale
from ._telemetry import (
    Telemetry,
    build_group,
    make_telemetry,
    round_robin_steps,
    run_lockstep,
    start_groups,
    stop_groups,
    warm_up,
)
from ._timing import Paired, cpu_seconds


@dataclass(frozen=True)
class Sizes:
    """The sizes of one B4 run."""

    components: tuple[int, ...]
    """Group sizes, half inverters and half batteries."""

    samples: int
    """Samples per size, design and repeat."""

    repeats: int
    """Measured repeats, after one warm-up repeat."""


SIZES = {
    Scale.FULL: Sizes(components=(8, 32, 128, 512), samples=2_000, repeats=5),
    Scale.QUICK: Sizes(components=(8, 32, 128, 512), samples=1_000, repeats=3),
    Scale.SMOKE: Sizes(components=(2, 4), samples=20, repeats=1),
}
"""The sizes for each scale."""

TARGETS = {
    128: Target(bound=Bound.AT_LEAST, limit=4.0),
    512: Target(bound=Bound.AT_LEAST, limit=8.0),
}
"""How many times the tracker's cost the reference design must cost, by size."""

_US = 1e6


@dataclass(frozen=True)
class RunningReference:
    """The reference design running on its own telemetry, with one subscriber."""

    telemetry: Telemetry
    """The channels that feed it."""

    statuses: BroadcastReceiver[InverterBatteryGroupStatus]
    """The one subscriber's receiver."""


@asynccontextmanager
async def _running_reference(components: int) -> AsyncIterator[RunningReference]:
    telemetry = make_telemetry(1, components // 2, components - components // 2)
    reference = ReferenceGroupTracker(
        group=telemetry.group,
        telemetry_receivers=telemetry.receivers,
        tolerance=timedelta(seconds=1),
    )
    running = RunningReference(
        telemetry=telemetry, statuses=reference.new_status_receiver()
    )
    task = asyncio.create_task(reference.run(), name="reference-design")
    try:
        yield running
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def _measure_reference(components: int, samples: int) -> float:
    factory = SampleFactory()
    async with _running_reference(components) as running:
        await warm_up([running], factory)
        steps = round_robin_steps([running], factory, samples)
        return await cpu_seconds(functools.partial(run_lockstep, steps)) / samples


async def _measure_tracker(components: int, samples: int) -> float:
    factory = SampleFactory()
    group = build_group(1, components // 2, components - components // 2)
    await start_groups([group], factory)
    try:
        steps = round_robin_steps([group], factory, samples)
        return await cpu_seconds(functools.partial(run_lockstep, steps)) / samples
    finally:
        await stop_groups([group])


async def run(scale: Scale) -> list[Row]:
    """Measure B4 and return its rows."""
    sizes = SIZES[scale]
    paired = {components: Paired() for components in sizes.components}
    for repeat in range(sizes.repeats + 1):
        for components in sizes.components:
            reference_s = await _measure_reference(components, sizes.samples)
            tracker_s = await _measure_tracker(components, sizes.samples)
            if repeat > 0:
                paired[components].add(reference_s, tracker_s)
    return [
        Row(
            benchmark="B4",
            case=f"reference design, {components} components",
            metric="CPU per sample",
            value=paired[components].subject_median * _US,
            unit="us",
            baseline="tracker",
            baseline_value=paired[components].baseline_median * _US,
            ratio=paired[components].ratio_median,
            target=TARGETS.get(components),
            repeats=sizes.repeats,
            note="ratio = how many times the tracker's cost the reference costs",
        )
        for components in sizes.components
    ]
