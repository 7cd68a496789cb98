# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""B7: memory per tracked component, and what a stalled subscriber holds."""

import gc
import math
import tracemalloc
from dataclasses import dataclass

from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import InverterBatteryGroupActor

from ._report import Bound, Checked, Row, Target
from ._samples import SampleFactory
from ._scale import Scale
from ._telemetry import make_telemetry


@dataclass(frozen=True)
class Sizes:
    """The sizes of one B7 run."""

    components: tuple[int, ...]
    """Group sizes, half inverters and half batteries; at least two."""

    rounds: int
    """New samples per component while a subscriber is stalled."""


SIZES = {
    Scale.FULL: Sizes(components=(64, 256, 1024), rounds=5),
    Scale.QUICK: Sizes(components=(64, 256, 1024), rounds=3),
    Scale.SMOKE: Sizes(components=(4, 8), rounds=2),
}
"""The sizes for each scale."""

PER_COMPONENT_TARGET = Target(bound=Bound.AT_MOST, limit=5.0, checked=Checked.VALUE)
"""At most 5 KB per tracked component."""

GROWTH_TARGET = Target(bound=Bound.AT_MOST, limit=1.0, checked=Checked.VALUE)
"""The memory a stalled subscriber keeps grows at most linearly with the group size."""

_KB = 1024


@dataclass(frozen=True)
class Footprint:
    """Traced memory of one group, in bytes, samples not counted."""

    tracking: int
    """Held after every component's first sample, with one reading subscriber."""

    stalled_holds: int
    """Held by a second subscriber that read nothing, measured as what
    dropping it frees."""


def _traced_bytes() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


async def _traced(components: int, rounds: int, *, stalled: bool) -> tuple[int, int]:
    """Track a group under tracemalloc and measure what it holds.

    The channels and every sample are made before tracing starts, so neither
    the telemetry source nor the retained samples are counted.

    Returns:
        The bytes held after every component's first sample, and the bytes
        freed at the end by dropping the stalled subscriber (0 without one).
    """
    telemetry = make_telemetry(1, components // 2, components - components // 2)
    factory = SampleFactory()
    kinds = telemetry.kinds.items()
    batches: list[list[tuple[int, ComponentDataSamples]]] = [
        [(i, factory.sample(i, kind)) for i, kind in kinds] for _ in range(rounds + 1)
    ]
    tracemalloc.start()
    try:
        before = _traced_bytes()
        actor = InverterBatteryGroupActor(
            group=telemetry.group, telemetry_receivers=telemetry.receivers
        )
        reader = actor.new_status_receiver(limit=1)
        stalled_receiver = actor.new_status_receiver() if stalled else None
        actor.start()
        await reader.receive()
        held_after_warm_up = 0
        for batch_index, batch in enumerate(batches):
            if batch_index == 1:
                held_after_warm_up = _traced_bytes() - before
            for component_id, sample in batch:
                await telemetry.senders[component_id].send(sample)
                await reader.receive()
        held_at_end = _traced_bytes()
        if stalled_receiver is not None:
            stalled_receiver.close()
        del stalled_receiver
        stalled_holds = held_at_end - _traced_bytes()
        await actor.stop()
    finally:
        tracemalloc.stop()
    return held_after_warm_up, stalled_holds


async def _footprint(components: int, rounds: int) -> Footprint:
    tracking, _ = await _traced(components, rounds, stalled=False)
    _, stalled_holds = await _traced(components, rounds, stalled=True)
    return Footprint(tracking=tracking, stalled_holds=stalled_holds)


def _growth_exponent(
    small: int, large: int, small_bytes: int, large_bytes: int
) -> float:
    """Return k in bytes ~ size^k between two sizes (1: linear, 2: squared)."""
    ratio = max(large_bytes, 1) / max(small_bytes, 1)
    return math.log(ratio) / math.log(large / small)


async def run(scale: Scale) -> list[Row]:
    """Measure B7 and return its rows."""
    sizes = SIZES[scale]
    footprints = {n: await _footprint(n, sizes.rounds) for n in sizes.components}
    rows = [
        Row(
            benchmark="B7",
            case=f"group of {n} components, one reading subscriber",
            metric="traced memory per component, samples not counted",
            value=footprint.tracking / n / _KB,
            unit="KB",
            target=PER_COMPONENT_TARGET,
            note="includes the group actor and its channels, shared by all",
        )
        for n, footprint in footprints.items()
    ]
    smallest, largest = min(footprints), max(footprints)
    rows.append(
        Row(
            benchmark="B7",
            case=f"groups of {smallest} and {largest} components",
            metric="traced memory per added component",
            value=(footprints[largest].tracking - footprints[smallest].tracking)
            / (largest - smallest)
            / _KB,
            unit="KB",
            target=PER_COMPONENT_TARGET,
            note="the difference between the two groups, so no shared part",
        )
    )
    extra = {n: f.stalled_holds for n, f in footprints.items()}
    for n, extra_bytes in extra.items():
        rows.append(
            Row(
                benchmark="B7",
                case=f"group of {n} components, {sizes.rounds} samples each, "
                "a 2nd subscriber reads nothing",
                metric="memory the stalled subscriber holds",
                value=extra_bytes / _KB,
                unit="KB",
                note=f"{extra_bytes / n:.0f} B per component; the receiver "
                "buffers 50 statuses",
            )
        )
    rows.append(
        Row(
            benchmark="B7",
            case=f"stalled subscriber, groups of {smallest} to {largest} components",
            metric="growth exponent k of held memory ~ size^k",
            value=_growth_exponent(smallest, largest, extra[smallest], extra[largest]),
            unit="",
            target=GROWTH_TARGET,
            note="2 would be growth with the group size squared",
        )
    )
    return rows
