# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""B5: how fast health changes reach a subscriber on a loaded event loop."""

import asyncio
import enum
import itertools
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import timedelta

from frequenz.client.microgrid.component import ComponentStateCode

from frequenz.telemetry_tracker import UnhealthyReason

from ._report import Bound, Checked, Row, Target
from ._samples import SampleFactory
from ._scale import Scale
from ._telemetry import RunningGroup, build_groups, stop_groups
from ._timing import GcPauses, percentile, recorded_gc_pauses

_ERROR_STATES = frozenset({ComponentStateCode.ERROR})
_MS = 1e3


@dataclass(frozen=True)
class Sizes:
    """The sizes of one B5 run."""

    components: int
    """Components in all, in groups of two inverters and two batteries."""

    rate_hz: float
    """Samples per second from each component."""

    tolerance_s: float
    """The missing-data tolerance."""

    warm_up_s: float
    """Feeding before any event is injected."""

    duration_s: float
    """Feeding while events are injected."""

    silence_every_s: float
    """How often one more component falls silent."""

    error_every_s: float
    """How often one component sends a sample with an error state."""


SIZES = {
    Scale.FULL: (
        Sizes(1_000, 10.0, 1.0, 2.0, 12.0, 0.05, 0.02),
        Sizes(400, 10.0, 1.0, 2.0, 12.0, 0.05, 0.02),
    ),
    Scale.QUICK: (Sizes(400, 10.0, 1.0, 1.0, 5.0, 0.05, 0.02),),
    Scale.SMOKE: (Sizes(8, 20.0, 0.1, 0.2, 0.8, 0.15, 0.1),),
}
"""The loads for each scale; the targets apply to the first of the full run."""

_TICK_S = 0.005
"""How often the feeder wakes; it sends every sample due by then, as a
client hands over what arrived since it last ran."""


@enum.unique
class Expected(enum.Enum):
    """The transition a subscriber is waiting to see for a component."""

    MISSING = "missing data"
    """The component fell silent; it should turn unhealthy (missing data)."""

    UNHEALTHY = "unhealthy state"
    """The component sent an error state; it should turn unhealthy."""

    HEALTHY = "healthy again"
    """The component sent a healthy sample after an event; it should recover."""


@dataclass
class Probe:
    """The events injected so far and the latencies seen by the subscribers."""

    expected: dict[int, tuple[Expected, float]] = field(default_factory=dict)
    """The transition each component should report next, and since when (loop time)."""

    latencies_s: dict[Expected, list[float]] = field(
        default_factory=lambda: {kind: [] for kind in Expected}
    )
    """The latency of every transition seen, by kind."""

    def expect(self, component_id: int, kind: Expected, since_s: float) -> None:
        """Wait for a transition; one still awaited counts as never seen."""
        self._give_up(component_id)
        self.expected[component_id] = (kind, since_s)

    def observe(self, component_id: int, reasons: frozenset[UnhealthyReason]) -> None:
        """Record a transition seen by a subscriber, if one was expected."""
        waiting = self.expected.get(component_id)
        if waiting is None:
            return
        kind, since_s = waiting
        if not _matches(kind, reasons):
            return
        del self.expected[component_id]
        self.latencies_s[kind].append(asyncio.get_running_loop().time() - since_s)

    def reset(self) -> None:
        """Forget everything seen so far."""
        self.expected.clear()
        for latencies_s in self.latencies_s.values():
            latencies_s.clear()

    def give_up_waiting(self) -> None:
        """Count every transition still awaited as never seen."""
        for component_id in list(self.expected):
            self._give_up(component_id)

    def _give_up(self, component_id: int) -> None:
        waiting = self.expected.pop(component_id, None)
        if waiting is not None:
            self.latencies_s[waiting[0]].append(float("inf"))


def _matches(kind: Expected, reasons: frozenset[UnhealthyReason]) -> bool:
    if kind is Expected.MISSING:
        return UnhealthyReason.MISSING_DATA in reasons
    if kind is Expected.UNHEALTHY:
        return UnhealthyReason.STATE_NOT_HEALTHY in reasons
    return not reasons


@asynccontextmanager
async def _subscribed(groups: list[RunningGroup], probe: Probe) -> AsyncIterator[None]:
    """Read every group's statuses in a task per group, reporting transitions."""

    async def subscribe(group: RunningGroup) -> None:
        async for status in group.statuses:
            for component_id in status.changed_ids:
                probe.observe(int(component_id), status.health_of(component_id).reasons)

    tasks = [asyncio.create_task(subscribe(group)) for group in groups]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        with suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks)


class Feeder:
    """Sends every component's samples on schedule and injects the events.

    Every `error_every_s` one component sends a sample with an error state,
    and its next sample is healthy again. Every `silence_every_s` one more
    component sends nothing for longer than the tolerance, then resumes. The
    probe receives what each event should cause and from when.
    """

    def __init__(self, groups: list[RunningGroup], sizes: Sizes, probe: Probe) -> None:
        """Order the components so that consecutive ones are in different groups."""
        self._sizes = sizes
        self._probe = probe
        self._factory = SampleFactory()
        self._order = [
            (group, component_id)
            for position in range(4)
            for group in groups
            for component_id in list(group.telemetry.kinds)[position : position + 1]
        ]
        self._candidates = itertools.cycle(self._order)
        self._slot = 0
        self._origin_s: float | None = None
        self._silent_until_s: dict[int, float] = {}
        self._after_error: set[int] = set()
        self._last_sent_s: dict[int, float] = {}

    async def run(self, duration_s: float, *, inject: bool) -> None:
        """Feed for a while, injecting events if asked."""
        loop = asyncio.get_running_loop()
        started_s = loop.time()
        if self._origin_s is None:
            self._origin_s = started_s
        spacing_s = 1.0 / (self._sizes.rate_hz * len(self._order))
        next_silence_s = next_error_s = started_s
        while (now_s := loop.time()) < started_s + duration_s:
            if inject and now_s >= next_silence_s:
                self._silence_one(now_s)
                next_silence_s += self._sizes.silence_every_s
            error_due = inject and now_s >= next_error_s
            if error_due:
                next_error_s += self._sizes.error_every_s
            due = int((now_s - self._origin_s) / spacing_s)
            while self._slot <= due:
                sent_error = await self._send_slot(loop.time(), error_due)
                error_due = error_due and not sent_error
            await asyncio.sleep(_TICK_S)

    def _busy(self, component_id: int) -> bool:
        return (
            component_id in self._probe.expected
            or component_id in self._silent_until_s
            or component_id in self._after_error
        )

    def _silence_one(self, now_s: float) -> None:
        for _ in range(len(self._order)):
            _, component_id = next(self._candidates)
            if self._busy(component_id):
                continue
            silence_s = self._sizes.tolerance_s * 1.3 + 0.1
            self._silent_until_s[component_id] = now_s + silence_s
            since_s = self._last_sent_s.get(component_id, now_s)
            self._probe.expect(component_id, Expected.MISSING, since_s)
            return

    async def _send_slot(self, now_s: float, error_due: bool) -> bool:
        """Send the next scheduled sample; return whether it had an error state."""
        group, component_id = self._order[self._slot % len(self._order)]
        self._slot += 1
        if self._silent_until_s.get(component_id, 0.0) > now_s:
            return False
        states = None
        if self._silent_until_s.pop(component_id, None) is not None:
            self._probe.expect(component_id, Expected.HEALTHY, now_s)
        elif component_id in self._after_error:
            self._after_error.discard(component_id)
            self._probe.expect(component_id, Expected.HEALTHY, now_s)
        elif error_due and not self._busy(component_id):
            states = _ERROR_STATES
            self._after_error.add(component_id)
            self._probe.expect(component_id, Expected.UNHEALTHY, now_s)
        self._last_sent_s[component_id] = now_s
        kind = group.telemetry.kinds[component_id]
        sample = self._factory.sample(component_id, kind, states)
        await group.telemetry.senders[component_id].send(sample)
        return states is not None


@dataclass(frozen=True)
class Load:
    """The event loop's load while the events were injected."""

    cpu_share: float
    """Process CPU time over wall-clock time."""

    gc: GcPauses
    """The garbage collections."""

    wall_s: float
    """How long the injection lasted (wall clock, seconds)."""


async def _feed_and_probe(sizes: Sizes) -> tuple[Probe, Load, int]:
    """Run the whole load; return the probe, the load and the number of groups."""
    groups = build_groups(
        sizes.components // 4, 2, 2, tolerance=timedelta(seconds=sizes.tolerance_s)
    )
    probe = Probe()
    feeder = Feeder(groups, sizes, probe)
    for group in groups:
        group.actor.start()
    try:
        async with _subscribed(groups, probe):
            await feeder.run(sizes.warm_up_s, inject=False)
            probe.reset()
            started_cpu_s, started_s = time.process_time(), time.perf_counter()
            with recorded_gc_pauses() as pauses:
                await feeder.run(sizes.duration_s, inject=True)
            wall_s = time.perf_counter() - started_s
            load = Load(
                cpu_share=(time.process_time() - started_cpu_s) / wall_s,
                gc=pauses,
                wall_s=wall_s,
            )
            await feeder.run(sizes.tolerance_s * 1.5 + 0.2, inject=False)
            probe.give_up_waiting()
    finally:
        await stop_groups(groups)
    return probe, load, len(groups)


def _summary(latencies_s: list[float]) -> str:
    unseen = sum(1 for latency in latencies_s if latency == float("inf"))
    seen = [latency for latency in latencies_s if latency != float("inf")]
    if not seen:
        return f"no event seen, {unseen} not seen"
    return (
        f"p50 {percentile(seen, 0.5) * _MS:.1f} ms, max {max(seen) * _MS:.1f} ms, "
        f"{len(latencies_s)} events, {unseen} not seen"
    )


async def run(scale: Scale) -> list[Row]:
    """Measure B5 and return its rows."""
    rows = []
    for index, sizes in enumerate(SIZES[scale]):
        rows += _rows(sizes, *await _feed_and_probe(sizes), checked=index == 0)
    return rows


def _rows(
    sizes: Sizes, probe: Probe, load: Load, groups: int, *, checked: bool
) -> list[Row]:
    case = (
        f"{sizes.components} components ({groups} groups of 2+2) at "
        f"{sizes.rate_hz:g} Hz, tolerance {sizes.tolerance_s:g} s"
    )
    missing = probe.latencies_s[Expected.MISSING]
    by_sample = (
        probe.latencies_s[Expected.UNHEALTHY] + probe.latencies_s[Expected.HEALTHY]
    )
    return [
        Row(
            benchmark="B5",
            case=case,
            metric="missing data: last sample sent to status seen, p99",
            value=percentile(missing, 0.99) * _MS if missing else float("nan"),
            unit="ms",
            target=Target(
                bound=Bound.AT_MOST,
                limit=sizes.tolerance_s * _MS + 20.0,
                checked=Checked.VALUE,
            )
            if checked
            else None,
            note=_summary(missing),
        ),
        Row(
            benchmark="B5",
            case=case,
            metric="change caused by a sample: sent to status seen, p99",
            value=percentile(by_sample, 0.99) * _MS if by_sample else float("nan"),
            unit="ms",
            target=Target(bound=Bound.AT_MOST, limit=5.0, checked=Checked.VALUE)
            if checked
            else None,
            note=_summary(by_sample),
        ),
        Row(
            benchmark="B5",
            case=case,
            metric="process CPU while loaded, share of one core",
            value=load.cpu_share * 100.0,
            unit="%",
            note="the load the latencies above were measured under",
        ),
        Row(
            benchmark="B5",
            case=case,
            metric="longest garbage collection pause",
            value=max(load.gc.durations_s, default=0.0) * _MS,
            unit="ms",
            note=f"{len(load.gc.durations_s)} collections "
            f"({load.gc.full_collections} full) took "
            f"{sum(load.gc.durations_s) / load.wall_s:.0%} of the wall time",
        ),
    ]
