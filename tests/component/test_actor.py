# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the component actor on its own: rejection, resubscription, timing."""

import asyncio
import itertools
import logging
from datetime import UTC, datetime, timedelta

import pytest
from frequenz.channels import (
    BroadcastChannel,
    BroadcastReceiver,
    Receiver,
    ReceiverStoppedError,
)
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import (
    ComponentHealth,
    ComponentKind,
    ComponentTelemetryActor,
    ConfigurationError,
    UnhealthyReason,
)

from ..harness import fake_wall_clock, loop_time
from ..samples import make_sample, utc_at


class Updates:
    """Collects the updates a component actor sends."""

    def __init__(self) -> None:
        self.sender, self.receiver = BroadcastChannel[ComponentHealth](
            "health", limit=1000
        )
        self.received: list[ComponentHealth] = []
        self.task = asyncio.create_task(self._collect())

    async def _collect(self) -> None:
        async for health in self.receiver:
            self.received.append(health)

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


def make_actor(
    updates: Updates,
    *,
    receiver: Receiver[ComponentDataSamples] | None = None,
    factory: "StreamFactory | None" = None,
) -> ComponentTelemetryActor:
    return ComponentTelemetryActor(
        component_id=ElectricalComponentId(1),
        kind=ComponentKind.INVERTER,
        health_sender=updates.sender,
        telemetry_receiver=receiver,
        telemetry_stream_factory=factory,
        missing_data_tolerance=timedelta(seconds=1),
        wall_clock=fake_wall_clock,
    )


class StreamFactory:
    """Opens in-process streams and counts how many are open."""

    def __init__(self) -> None:
        self.opened = 0
        self.open_receivers: list[Receiver[ComponentDataSamples]] = []
        self.senders: list[object] = []
        self.latest_sender = BroadcastChannel[ComponentDataSamples]("unused")[0]

    def __call__(self) -> Receiver[ComponentDataSamples]:
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            f"stream-{self.opened}"
        )
        self.opened += 1
        self.latest_sender = sender
        self.open_receivers.append(receiver)
        return receiver


def test_actor_rejects_two_sources() -> None:
    sender, receiver = BroadcastChannel[ComponentHealth]("h")
    with pytest.raises(ConfigurationError, match="exactly one"):
        ComponentTelemetryActor(
            component_id=ElectricalComponentId(1),
            kind=ComponentKind.INVERTER,
            health_sender=sender,
        )
    del receiver


def test_actor_rejects_zero_tolerance() -> None:
    sender, receiver = BroadcastChannel[ComponentHealth]("h")
    telemetry = BroadcastChannel[ComponentDataSamples]("t")[1]
    with pytest.raises(ConfigurationError, match="missing_data_tolerance"):
        ComponentTelemetryActor(
            component_id=ElectricalComponentId(1),
            kind=ComponentKind.INVERTER,
            health_sender=sender,
            telemetry_receiver=telemetry,
            missing_data_tolerance=timedelta(0),
        )
    del receiver


async def test_foreign_id_rejected_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    updates = Updates()
    sender, receiver = BroadcastChannel[ComponentDataSamples]("telemetry")
    actor = make_actor(updates, receiver=receiver)
    actor.start()
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            await sender.send(make_sample(2, sampled_at=fake_wall_clock()))
            await asyncio.sleep(0.2)
        await sender.send(make_sample(1, sampled_at=fake_wall_clock()))
        await asyncio.sleep(0.1)
    await actor.stop()
    await updates.stop()

    assert [health.is_healthy for health in updates.received] == [True]
    foreign_warnings = [r for r in caplog.records if "CID2" in r.getMessage()]
    assert len(foreign_warnings) == 1


async def test_old_and_duplicate_samples_ignored() -> None:
    updates = Updates()
    sender, receiver = BroadcastChannel[ComponentDataSamples]("telemetry")
    actor = make_actor(updates, receiver=receiver)
    actor.start()
    await asyncio.sleep(1.0)
    newest = make_sample(1, sampled_at=utc_at(1.0), power_w=3.0)
    await sender.send(newest)
    await sender.send(make_sample(1, sampled_at=utc_at(1.0), power_w=2.0))
    await sender.send(make_sample(1, sampled_at=utc_at(0.5), power_w=1.0))
    await asyncio.sleep(0.5)
    await actor.stop()
    await updates.stop()

    assert [health.sample for health in updates.received] == [newest]


async def test_frozen_sample_time_times_out() -> None:
    updates = Updates()
    sender, receiver = BroadcastChannel[ComponentDataSamples]("telemetry")
    actor = make_actor(updates, receiver=receiver)
    actor.start()
    frozen_at = fake_wall_clock()
    for _ in range(20):
        await sender.send(make_sample(1, sampled_at=frozen_at))
        await asyncio.sleep(0.1)
    await actor.stop()
    await updates.stop()

    assert updates.received[-1].reasons == {UnhealthyReason.MISSING_DATA}


async def test_factory_resubscribes_after_end() -> None:
    updates = Updates()
    factory = StreamFactory()
    actor = make_actor(updates, factory=factory)
    actor.start()
    await asyncio.sleep(0.1)
    await factory.latest_sender.send(make_sample(1, sampled_at=fake_wall_clock()))
    await asyncio.sleep(0.1)
    await factory.latest_sender.aclose()
    async with asyncio.timeout(10):
        while factory.opened < 2:
            await asyncio.sleep(0.05)
    await factory.latest_sender.send(make_sample(1, sampled_at=fake_wall_clock()))
    await asyncio.sleep(0.1)
    ended_at = next(
        h.since_loop_s
        for h in updates.received
        if UnhealthyReason.STREAM_ENDED in h.reasons
    )
    await actor.stop()
    await updates.stop()

    reasons = [set(h.reasons) for h in updates.received]
    assert reasons[0] == set()
    assert {UnhealthyReason.STREAM_ENDED} in reasons
    assert reasons[-1] == set()
    assert updates.received[-1].since_loop_s > ended_at


async def test_resubscribe_backs_off() -> None:
    updates = Updates()
    opened_at: list[float] = []

    def failing_factory() -> Receiver[ComponentDataSamples]:
        opened_at.append(loop_time())
        raise ConnectionError("server unreachable")

    actor = make_actor(updates, factory=failing_factory)  # type: ignore[arg-type]
    actor.start()
    await asyncio.sleep(20)
    await actor.stop()
    await updates.stop()

    gaps = [later - earlier for earlier, later in itertools.pairwise(opened_at)]
    assert len(opened_at) < 8
    assert gaps == sorted(gaps)
    assert gaps[0] == pytest.approx(0.5)
    assert gaps[1] == pytest.approx(1.0)


async def test_stop_closes_opened_stream() -> None:
    updates = Updates()
    factory = StreamFactory()
    actor = make_actor(updates, factory=factory)
    actor.start()
    await asyncio.sleep(0.5)
    await actor.stop()
    await updates.stop()

    assert factory.opened == 1
    assert not actor.is_running
    with pytest.raises(ReceiverStoppedError):
        await factory.open_receivers[0].receive()


class SlowReadyReceiver(Receiver[ComponentDataSamples]):
    """A receiver that reports a queued sample late, as a busy event loop would."""

    def __init__(
        self, inner: BroadcastReceiver[ComponentDataSamples], delays_s: list[float]
    ) -> None:
        self._inner = inner
        self._delays_s = delays_s

    def __len__(self) -> int:
        return len(self._inner)

    async def ready(self) -> bool:
        result = await self._inner.ready()
        if self._delays_s:
            await asyncio.sleep(self._delays_s.pop(0))
        return result

    def consume(self) -> ComponentDataSamples:
        return self._inner.consume()

    def close(self) -> None:
        self._inner.close()


async def test_late_tick_keeps_fresh_data_healthy() -> None:
    updates = Updates()
    sender, receiver = BroadcastChannel[ComponentDataSamples]("telemetry")
    actor = make_actor(
        updates, receiver=SlowReadyReceiver(receiver, delays_s=[0.0, 0.05])
    )
    actor.start()
    for at_s in (0.0, 0.98, 1.96, 2.94):
        await asyncio.sleep(at_s - loop_time())
        await sender.send(make_sample(1, sampled_at=fake_wall_clock()))
    await asyncio.sleep(0.5)
    await actor.stop()
    await updates.stop()

    assert len(updates.received) == 4
    assert all(health.is_healthy for health in updates.received)


@pytest.mark.real_loop
async def test_samples_keep_timer_at_bay_real_loop() -> None:
    updates = Updates()
    sender, receiver = BroadcastChannel[ComponentDataSamples]("telemetry")
    actor = ComponentTelemetryActor(
        component_id=ElectricalComponentId(1),
        kind=ComponentKind.INVERTER,
        health_sender=updates.sender,
        telemetry_receiver=receiver,
        missing_data_tolerance=timedelta(seconds=1),
    )
    actor.start()
    started_s = loop_time()
    for at_s in (0.0, 0.6, 1.2, 1.8, 2.4):
        await asyncio.sleep(max(0.0, started_s + at_s - loop_time()))
        await sender.send(make_sample(1, sampled_at=datetime.now(UTC)))
    await asyncio.sleep(0.9)
    await actor.stop()
    await updates.stop()

    assert len(updates.received) == 5
    assert all(health.is_healthy for health in updates.received)
