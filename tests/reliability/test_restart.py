# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Exceptions while samples are handled: the SDK restarts the actor once, nothing is lost."""

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, cast

import pytest
from frequenz.channels import Receiver, Sender
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples
from frequenz.client.microgrid.component import ComponentStateCode as Code
from frequenz.sdk.actor import Actor

from frequenz.telemetry_tracker import (
    InverterBatteryGroup,
    InverterBatteryGroupActor,
    InverterBatteryGroupStatus,
    UnhealthyReason,
)

from ..harness import Harness, fake_wall_clock, loop_time
from ..samples import INVERTER_HEALTHY, client_id, make_sample
from .helpers import wait_until
from .telemetry import CountingSource, FlakyReceiver, started, telemetry_channels

GROUP = InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])
INVERTER_ACTOR = "-inverter-CID1]"
NOT_HEALTHY = UnhealthyReason.STATE_NOT_HEALTHY
RESTART_DELAY_S = Actor.RESTART_DELAY.total_seconds()


class ExplodingSample:
    """A sample whose state samples cannot be read, as a broken decoder could yield."""

    def __init__(self, component_id: int) -> None:
        self.component_id = client_id(component_id)
        self.metric_samples: list[object] = []

    @property
    def states(self) -> list[object]:
        raise RuntimeError("reading the state samples failed")


class FlakySender(Sender[InverterBatteryGroupStatus]):
    """A status sender whose `send()` raises once when armed, and that keeps what it sends."""

    def __init__(self) -> None:
        self.armed = False
        self.sent: list[InverterBatteryGroupStatus] = []

    async def send(self, message: InverterBatteryGroupStatus, /) -> None:
        if self.armed:
            self.armed = False
            raise RuntimeError("the downstream channel failed")
        self.sent.append(message)

    async def aclose(self) -> None:
        pass


def exploding(component_id: int) -> ComponentDataSamples:
    """Return a sample object that raises when its state samples are read."""
    return cast(ComponentDataSamples, ExplodingSample(component_id))


def inverter_sample() -> ComponentDataSamples:
    """Return a healthy inverter sample stamped now."""
    return make_sample(1, sampled_at=fake_wall_clock(), states=INVERTER_HEALTHY)


def sample_after(previous: ComponentDataSamples) -> ComponentDataSamples:
    """Return a healthy inverter sample stamped 1 ms after the previous one."""
    sampled_at = previous.states[0].sampled_at + timedelta(milliseconds=1)
    return make_sample(1, sampled_at=sampled_at, states=INVERTER_HEALTHY)


def group_actor(
    receivers: Mapping[int, Receiver[ComponentDataSamples]],
    tolerance_s: float,
    **kwargs: Any,
) -> InverterBatteryGroupActor:
    """Return a group actor of inverter 1 and battery 10 on the given receivers."""
    return InverterBatteryGroupActor(
        group=GROUP,
        telemetry_receivers={ElectricalComponentId(i): r for i, r in receivers.items()},
        missing_data_tolerance=timedelta(seconds=tolerance_s),
        wall_clock=fake_wall_clock,
        **kwargs,
    )


def sdk_records(
    caplog: pytest.LogCaptureFixture, text: str, actor_name: str
) -> list[logging.LogRecord]:
    """Return the SDK actor log records that contain `text` and name the actor."""
    return [
        record
        for record in caplog.records
        if record.name.startswith("frequenz.sdk.actor")
        and text in record.getMessage()
        and actor_name in record.getMessage()
    ]


def stream_ended_statuses(harness: Harness) -> list[int]:
    """Return the sequence numbers of statuses where inverter 1's stream ended."""
    return [
        status.sequence
        for status in harness.statuses
        if UnhealthyReason.STREAM_ENDED in status.health_of(1).reasons
    ]


async def test_receive_error_restarts_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    senders, receivers = telemetry_channels([1, 10])
    flaky = FlakyReceiver(receivers[1])
    actor = group_actor({1: flaky, 10: receivers[10]}, tolerance_s=5.0)
    async with started(actor, senders) as harness:
        await harness.send(1)
        await harness.send(10)
        await harness.wait_for(lambda s: s.is_usable)
        flaky.armed = True
        second = inverter_sample()
        await senders[1].send(second)
        after = await harness.wait_for(lambda s: s.health_of(1).sample is second)

    assert after.health_of(1).is_healthy
    assert stream_ended_statuses(harness) == []
    assert len(sdk_records(caplog, "unhandled exception", INVERTER_ACTOR)) == 1
    assert len(sdk_records(caplog, "Restarting", INVERTER_ACTOR)) == 1


async def test_bad_sample_keeps_queue(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    senders, receivers = telemetry_channels([1, 10])
    actor = group_actor(receivers, tolerance_s=5.0)
    async with started(actor, senders) as harness:
        await harness.send(1)
        await harness.wait_for(lambda s: s.health_of(1).is_healthy)
        second = inverter_sample()
        third = sample_after(second)
        await senders[1].send(exploding(1))
        await senders[1].send(second)
        await senders[1].send(third)
        after = await harness.wait_for(lambda s: s.health_of(1).sample is third)
        stats = actor.component_stats()[ElectricalComponentId(1)]

    assert after.health_of(1).is_healthy
    assert stats.samples_accepted == 3
    assert stats.samples_rejected == 0
    assert stream_ended_statuses(harness) == []
    assert len(sdk_records(caplog, "unhandled exception", INVERTER_ACTOR)) == 1
    assert len(sdk_records(caplog, "Restarting", INVERTER_ACTOR)) == 1


async def test_restart_republishes_status(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    senders, receivers = telemetry_channels([1, 10])
    actor = group_actor(receivers, tolerance_s=5.0)
    async with started(actor, senders) as harness:
        await harness.send(1)
        before = await harness.wait_for(lambda s: s.health_of(1).is_healthy)
        await senders[1].send(exploding(1))
        republished = await harness.wait_for(
            lambda s: s.sequence == before.sequence + 1
        )
        later = inverter_sample()
        await senders[1].send(later)
        after = await harness.wait_for(lambda s: s.health_of(1).sample is later)

    assert republished.health_of(1) == before.health_of(1)
    assert republished.changed_ids == frozenset()
    assert after.health_of(1).is_healthy
    assert len(sdk_records(caplog, "Restarting", INVERTER_ACTOR)) == 1


async def test_restart_judges_missed_deadline() -> None:
    senders, receivers = telemetry_channels([1, 10])
    actor = group_actor(receivers, tolerance_s=1.0)
    async with started(actor, senders) as harness:
        await harness.send(1)
        await harness.wait_for(lambda s: s.health_of(1).is_healthy)
        crashed_at_s = loop_time()
        await senders[1].send(exploding(1))
        down = await harness.wait_for(
            lambda s: UnhealthyReason.MISSING_DATA in s.health_of(1).reasons
        )

    healthy_after_deadline = [
        status.sequence
        for status in harness.statuses
        if status.published_at_loop_s > crashed_at_s + 1.0
        and status.health_of(1).is_healthy
    ]
    assert healthy_after_deadline == []
    assert down.published_at_loop_s == pytest.approx(crashed_at_s + RESTART_DELAY_S)


async def test_restart_keeps_near_deadline() -> None:
    senders, receivers = telemetry_channels([1, 10])
    actor = group_actor(receivers, tolerance_s=3.0)
    async with started(actor, senders) as harness:
        last_sample_at_s = loop_time()
        await harness.send(1)
        await harness.wait_for(lambda s: s.health_of(1).is_healthy)
        await senders[1].send(exploding(1))
        down = await harness.wait_for(
            lambda s: UnhealthyReason.MISSING_DATA in s.health_of(1).reasons
        )

    assert down.published_at_loop_s == pytest.approx(last_sample_at_s + 3.0)


async def test_opened_stream_kept_on_restart() -> None:
    source = CountingSource()
    actor = InverterBatteryGroupActor(
        group=GROUP,
        telemetry_source=source,
        missing_data_tolerance=timedelta(seconds=5),
        wall_clock=fake_wall_clock,
    )
    async with started(actor, {}) as harness:
        await harness.wait_for(lambda s: s.is_usable)
        second = inverter_sample()
        await source.senders[1].send(exploding(1))
        await source.senders[1].send(second)
        after = await harness.wait_for(lambda s: s.health_of(1).sample is second)
        open_streams = source.counts.open

    assert after.health_of(1).is_healthy
    assert source.counts.opened == 2
    assert open_streams == 2
    assert stream_ended_statuses(harness) == []


async def test_stop_while_restarting_closes(caplog: pytest.LogCaptureFixture) -> None:
    source = CountingSource()
    actor = InverterBatteryGroupActor(
        group=GROUP, telemetry_source=source, wall_clock=fake_wall_clock
    )
    async with started(actor, {}) as harness:
        await harness.wait_for(lambda s: s.is_usable)
        await source.senders[1].send(exploding(1))
        await wait_until(
            lambda: bool(sdk_records(caplog, "unhandled exception", INVERTER_ACTOR))
        )

    assert not actor.is_running
    assert source.counts.opened == 2
    assert source.counts.open == 0


async def test_group_restarts_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    senders, receivers = telemetry_channels([1, 10])
    downstream = FlakySender()
    actor = group_actor(receivers, tolerance_s=5.0, status_sender=downstream)
    async with started(actor, senders) as harness:
        await harness.send(1)
        await harness.send(10)
        await harness.wait_for(lambda s: s.is_usable)
        downstream.armed = True
        await harness.send(10, states=[Code.ERROR])
        await harness.wait_for(lambda s: NOT_HEALTHY in s.health_of(10).reasons)
        await harness.send(1, states=[Code.ERROR])
        after = await harness.wait_for(lambda s: NOT_HEALTHY in s.health_of(1).reasons)

    sequences = [status.sequence for status in harness.statuses]
    assert sequences == list(range(len(sequences)))
    assert NOT_HEALTHY in after.health_of(10).reasons
    assert downstream.sent[-1] is harness.statuses[-1]
    assert len(sdk_records(caplog, "unhandled exception", str(actor))) == 1
    assert len(sdk_records(caplog, "Restarting", str(actor))) == 1
