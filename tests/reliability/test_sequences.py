# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Generated sample sequences through a group actor: invariants of every status."""

import asyncio
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import async_solipsism
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples
from frequenz.client.microgrid.component import ComponentErrorCode as Error
from frequenz.client.microgrid.component import ComponentStateCode as Code
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frequenz.telemetry_tracker import (
    HealthPolicy,
    InverterBatteryGroupStatus,
    UnhealthyReason,
)
from frequenz.telemetry_tracker.component import ComponentStats
from frequenz.telemetry_tracker.health import sample_time_utc

from ..harness import fake_wall_clock, running_group
from ..samples import BATTERY_HEALTHY, INVERTER_HEALTHY, make_sample
from .helpers import anything, capture_errors

INVERTERS = frozenset({1, 2})
BATTERIES = frozenset({10, 11})
MEMBERS = sorted(INVERTERS | BATTERIES)
FOREIGN = [3, 99]
HEALTHY_STATES = {1: INVERTER_HEALTHY, 2: INVERTER_HEALTHY} | {
    10: BATTERY_HEALTHY,
    11: BATTERY_HEALTHY,
}


@dataclass(frozen=True)
class Send:
    """One sample to send on a component's stream, after a gap (fake loop time)."""

    gap_s: float
    stream: int
    named: int
    time_kind: str
    offset_s: float
    states: frozenset[object]
    errors: frozenset[object]


@dataclass(frozen=True)
class End:
    """The end of a component's stream, after a gap (fake loop time)."""

    gap_s: float
    stream: int


gaps = st.sampled_from([0.0, 0.0, 0.001, 0.1, 0.5, 0.999, 1.0, 1.5, 3.0])
codes = st.sampled_from(
    [
        *(Code.READY, Code.STANDBY, Code.RELAY_CLOSED, Code.ERROR, Code.RELAY_OPEN),
        *(Code.UNKNOWN, 999, "READY", None),
    ]
)
errors = st.frozensets(st.sampled_from([Error.OVERCURRENT, 999]), max_size=2)


@st.composite
def sends(draw: st.DrawFn) -> Send:
    """Draw a sample, mostly for its own stream and healthy, sometimes odd."""
    stream = draw(st.sampled_from(MEMBERS))
    return Send(
        gap_s=draw(gaps),
        stream=stream,
        named=draw(st.one_of(st.just(stream), st.sampled_from(MEMBERS + FOREIGN))),
        time_kind=draw(st.sampled_from(["offset"] * 5 + ["repeat", "naive", "none"])),
        offset_s=draw(st.sampled_from([-10.0, -2.0, -0.5, 0.0, 0.0, 0.5, 2.0])),
        states=draw(
            st.one_of(
                st.just(frozenset(HEALTHY_STATES[stream])),
                st.frozensets(codes, max_size=3),
            )
        ),
        errors=draw(st.one_of(st.just(frozenset[object]()), errors)),
    )


@st.composite
def steps(draw: st.DrawFn) -> Send | End:
    """Draw a step: a sample, or about one time in eight a stream end."""
    if draw(st.integers(0, 7)) == 0:
        return End(gap_s=draw(gaps), stream=draw(st.sampled_from(MEMBERS)))
    return draw(sends())


events = st.lists(steps(), min_size=15, max_size=60)


MAX_CLOCK_SKEW = HealthPolicy().max_clock_skew


@dataclass
class Model:
    """The samples sent, and what the documented ordering rules make of them."""

    latest: dict[int, ComponentDataSamples | None] = field(
        default_factory=lambda: dict.fromkeys(MEMBERS)
    )
    newest_time: dict[int, datetime | None] = field(
        default_factory=lambda: dict.fromkeys(MEMBERS)
    )
    last_sent_time: dict[int, datetime] = field(default_factory=dict)
    sent: dict[int, list[ComponentDataSamples]] = field(
        default_factory=lambda: {stream: [] for stream in MEMBERS}
    )
    counts: Counter[tuple[int, str]] = field(default_factory=Counter)

    def build(self, send: Send) -> ComponentDataSamples:
        """Build the sample a `Send` describes, stamped from the fake wall clock."""
        sampled_at: datetime | None = fake_wall_clock() + timedelta(
            seconds=send.offset_s
        )
        if send.time_kind == "repeat":
            sampled_at = self.last_sent_time.get(send.stream, sampled_at)
        if sampled_at is not None:
            self.last_sent_time[send.stream] = sampled_at
        if send.time_kind == "naive" and sampled_at is not None:
            sampled_at = sampled_at.replace(tzinfo=None)
        if send.time_kind == "none":
            sampled_at = None
        return make_sample(
            send.named,
            sampled_at=anything(sampled_at),
            states=anything(send.states),
            errors=anything(send.errors),
        )

    def on_sent(self, stream: int, named: int, sample: ComponentDataSamples) -> None:
        """Apply the ordering rules to a sample sent on a stream."""
        self.sent[stream].append(sample)
        if named != stream:
            self.counts[stream, "foreign"] += 1
            return
        time = sample_time_utc(sample)
        newest = self.newest_time[stream]
        if time is not None and newest is not None and time <= newest:
            self.counts[stream, "duplicate" if time == newest else "out_of_order"] += 1
            return
        if time is not None and time - fake_wall_clock() > MAX_CLOCK_SKEW:
            # Judged but not kept: it would hold off every later sample.
            self.counts[stream, "in_future"] += 1
            return
        if time is not None:
            self.newest_time[stream] = time
        self.latest[stream] = sample
        self.counts[stream, "accepted"] += 1


@dataclass
class Outcome:
    """The statuses and counters of one run."""

    statuses: list[InverterBatteryGroupStatus]
    stats: dict[ElectricalComponentId, ComponentStats]
    was_running: bool
    error_count: int


async def run(steps: Iterable[Send | End], model: Model) -> Outcome:
    """Run the steps through a group actor, end every stream, and return the outcome."""
    ended: set[int] = set()
    with capture_errors() as error_records:
        async with running_group(
            sorted(INVERTERS), sorted(BATTERIES), tolerance_s=1.0
        ) as harness:
            for step in steps:
                await asyncio.sleep(step.gap_s)
                if step.stream in ended:
                    continue
                if isinstance(step, End):
                    await harness.end_stream(step.stream)
                    ended.add(step.stream)
                    continue
                sample = model.build(step)
                await harness.senders[step.stream].send(sample)
                model.on_sent(step.stream, step.named, sample)
            for stream in set(MEMBERS) - ended:
                await harness.end_stream(stream)
            await harness.wait_for(all_streams_ended)
            stats = harness.actor.component_stats()
            was_running = harness.actor.is_running
    return Outcome(harness.statuses, stats, was_running, len(error_records.records))


def all_streams_ended(status: InverterBatteryGroupStatus) -> bool:
    """Return whether every component's stream has ended in the status."""
    return all(
        UnhealthyReason.STREAM_ENDED in status.health_of(stream).reasons
        for stream in MEMBERS
    )


def check_status(status: InverterBatteryGroupStatus, index: int, model: Model) -> None:
    """Check the invariants of one status."""
    assert status.sequence == index
    for side, healthy, unhealthy in (
        (INVERTERS, status.healthy_inverters, status.unhealthy_inverters),
        (BATTERIES, status.healthy_batteries, status.unhealthy_batteries),
    ):
        assert {int(i) for i in healthy} | {int(i) for i in unhealthy} == side
        assert not set(healthy) & set(unhealthy)
        for component_id, health in healthy.items():
            assert health.component_id == component_id
            assert health.sample is not None
            assert health.sample in model.sent[int(component_id)]
        for component_id, health in unhealthy.items():
            assert health.component_id == component_id
            assert health.reasons
    assert {int(i) for i in status.changed_ids} <= set(MEMBERS)


def check_sample_times(statuses: list[InverterBatteryGroupStatus]) -> None:
    """Check that no component's latest sample goes back in sample time."""
    for stream in MEMBERS:
        times = [
            time
            for status in statuses
            if (sample := status.health_of(stream).sample) is not None
            and (time := sample_time_utc(sample)) is not None
        ]
        assert times == sorted(times)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=events)
def test_sequences_keep_invariants(steps: list[Send | End]) -> None:
    model = Model()
    with asyncio.Runner(loop_factory=async_solipsism.EventLoop) as runner:
        outcome = runner.run(run(steps, model))

    assert outcome.error_count == 0
    assert outcome.was_running
    for index, status in enumerate(outcome.statuses):
        check_status(status, index, model)
    check_sample_times(outcome.statuses)
    final = outcome.statuses[-1]
    for stream in MEMBERS:
        stats = outcome.stats[ElectricalComponentId(stream)]
        assert final.health_of(stream).sample is model.latest[stream]
        assert stats.samples_accepted == model.counts[stream, "accepted"]
        assert stats.samples_rejected_foreign_id == model.counts[stream, "foreign"]
        assert stats.samples_rejected_duplicate == model.counts[stream, "duplicate"]
        assert stats.samples_in_future == model.counts[stream, "in_future"]
        assert (
            stats.samples_rejected_out_of_order == model.counts[stream, "out_of_order"]
        )
