# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""B3: the tracker side by side with the SDK's own battery status tracking."""

import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from frequenz.channels import BroadcastChannel, Receiver, Sender
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import ComponentKind

from ._report import Bound, Row, Target
from ._samples import SampleFactory
from ._scale import Scale
from ._sdk import sdk_battery_tracking
from ._telemetry import build_groups, stop_groups
from ._timing import Paired


@dataclass(frozen=True)
class Sizes:
    """The sizes of one B3 run."""

    pairs: int
    """Inverter-battery pairs."""

    rate_hz: float
    """Samples per second from each component."""

    window_s: float
    """Length of each measured window (wall-clock seconds)."""

    warm_up_s: float
    """Feeding before each window, not measured."""

    repeats: int
    """Measured windows per design."""


SIZES = {
    Scale.FULL: Sizes(pairs=50, rate_hz=10.0, window_s=5.0, warm_up_s=1.0, repeats=5),
    Scale.QUICK: Sizes(pairs=20, rate_hz=10.0, window_s=2.0, warm_up_s=0.5, repeats=2),
    Scale.SMOKE: Sizes(pairs=2, rate_hz=20.0, window_s=0.2, warm_up_s=0.1, repeats=1),
}
"""The sizes for each scale."""

TARGET = Target(bound=Bound.AT_MOST, limit=0.5)
"""The tracker may cost at most half of what the SDK costs per sample."""

_MAX_DATA_AGE = timedelta(seconds=1)
_US = 1e6

Feed = Sequence[tuple[Sender[ComponentDataSamples], int, ComponentKind]]
"""The sender, id and kind of each component, in feeding order."""


async def _feed(
    feed: Feed, factory: SampleFactory, sizes: Sizes, duration_s: float
) -> int:
    """Send each component `rate_hz` samples a second, spread evenly; return how many."""
    loop = asyncio.get_running_loop()
    spacing_s = 1.0 / (sizes.rate_hz * len(feed))
    started_s = loop.time()
    sent = 0
    while sent * spacing_s < duration_s:
        delay_s = started_s + sent * spacing_s - loop.time()
        if delay_s > 0:
            await asyncio.sleep(delay_s)
        sender, component_id, kind = feed[sent % len(feed)]
        await sender.send(factory.sample(component_id, kind))
        sent += 1
    return sent


async def _cpu_per_sample(feed: Feed, sizes: Sizes) -> float:
    """Warm up, then feed for one window; return process CPU seconds per sample."""
    factory = SampleFactory()
    await _feed(feed, factory, sizes, sizes.warm_up_s)
    started_s = time.process_time()
    sent = await _feed(feed, factory, sizes, sizes.window_s)
    return (time.process_time() - started_s) / sent


def _pair_ids(pairs: int) -> list[tuple[int, int]]:
    return [(1 + 2 * index, 2 + 2 * index) for index in range(pairs)]


def _kinds(pairs: int) -> dict[int, ComponentKind]:
    kinds = {}
    for inverter, battery in _pair_ids(pairs):
        kinds[inverter] = ComponentKind.INVERTER
        kinds[battery] = ComponentKind.BATTERY
    return kinds


@asynccontextmanager
async def _drained(receivers: Sequence[Receiver[object]]) -> AsyncIterator[None]:
    """Read every receiver in its own task, as a subscriber would."""

    async def drain(receiver: Receiver[object]) -> None:
        async for _ in receiver:
            pass

    tasks = [asyncio.create_task(drain(receiver)) for receiver in receivers]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        with suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks)


async def _feeder_alone(sizes: Sizes) -> float:
    feed = []
    channels = []
    for component_id, kind in _kinds(sizes.pairs).items():
        channel = BroadcastChannel[ComponentDataSamples](
            f"telemetry-{component_id}", warn_on_overflow=False
        )
        channels.append(channel)
        feed.append((channel[0], component_id, kind))
    return await _cpu_per_sample(feed, sizes)


async def _sdk(sizes: Sizes) -> float:
    feed = []
    receivers: dict[int, Receiver[ComponentDataSamples]] = {}
    for component_id, kind in _kinds(sizes.pairs).items():
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            f"telemetry-{component_id}"
        )
        receivers[component_id] = receiver
        feed.append((sender, component_id, kind))
    pairs = _pair_ids(sizes.pairs)
    async with (
        sdk_battery_tracking(
            pairs, receivers, max_data_age=_MAX_DATA_AGE
        ) as pool_statuses,
        _drained([pool_statuses]),
    ):
        return await _cpu_per_sample(feed, sizes)


async def _tracker(sizes: Sizes) -> float:
    groups = build_groups(sizes.pairs, 1, 1)
    feed = [
        (group.telemetry.senders[component_id], component_id, kind)
        for group in groups
        for component_id, kind in group.telemetry.kinds.items()
    ]
    for group in groups:
        group.actor.start()
    try:
        async with _drained([group.statuses for group in groups]):
            cost_s = await _cpu_per_sample(feed, sizes)
    finally:
        await stop_groups(groups)
    for group in groups:
        status = group.actor.latest_status
        if status is None or not status.is_usable:
            raise RuntimeError(f"Group {group.actor.group} was not usable at the end.")
    return cost_s


def _ignore_leaked_timer_waits(
    loop: asyncio.AbstractEventLoop, context: dict[str, Any]
) -> None:
    """Drop the report of the tasks that the SDK's stopped timers leave behind.

    frequenz-channels 1.12's `Timer.ready()` waits on an inner
    `Event.wait()` task that it does not cancel when it is itself
    cancelled, so every stopped `BatteryStatusTracker` leaves two such tasks
    to be reported as destroyed while pending. Other reports pass through.
    """
    task = context.get("task")
    coroutine = getattr(task, "get_coro", lambda: None)()
    if getattr(coroutine, "__qualname__", "") == "Event.wait":
        return
    loop.default_exception_handler(context)


async def run(scale: Scale) -> list[Row]:
    """Measure B3 and return its rows."""
    sizes = SIZES[scale]
    asyncio.get_running_loop().set_exception_handler(_ignore_leaked_timer_waits)
    paired = Paired()
    feeder_s = []
    for _ in range(sizes.repeats):
        feeder = await _feeder_alone(sizes)
        sdk = await _sdk(sizes)
        tracker = await _tracker(sizes)
        feeder_s.append(feeder)
        paired.add(tracker - feeder, sdk - feeder)
    case = f"{sizes.pairs} inverter-battery pairs, {sizes.rate_hz:g} Hz per component"
    return [
        Row(
            benchmark="B3",
            case=f"SDK BatteryStatusTracker pool: {case}",
            metric="CPU per sample, feeder's share taken off",
            value=paired.baseline_median * _US,
            unit="us",
            repeats=sizes.repeats,
            note="the baseline of this benchmark",
        ),
        Row(
            benchmark="B3",
            case=f"tracker, one 1+1 group and subscriber per pair: {case}",
            metric="CPU per sample, feeder's share taken off",
            value=paired.subject_median * _US,
            unit="us",
            baseline="SDK",
            baseline_value=paired.baseline_median * _US,
            ratio=paired.ratio_median,
            target=TARGET,
            repeats=sizes.repeats,
        ),
        Row(
            benchmark="B3",
            case=f"feeder alone: {case}",
            metric="CPU per sample",
            value=statistics.median(feeder_s) * _US,
            unit="us",
            repeats=sizes.repeats,
            note="measured in each repeat and taken off both rows above",
        ),
    ]
