# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of starting and stopping group actors, and of their configuration checks."""

import asyncio
import logging
from datetime import timedelta
from typing import Any

import pytest
from frequenz.channels import BroadcastChannel, Receiver, SenderError
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import (
    ComponentKind,
    ConfigurationError,
    InverterBatteryGroup,
    InverterBatteryGroupActor,
)

from ..harness import fake_wall_clock
from ..samples import BATTERY_HEALTHY, make_sample


class CountingSource:
    """A telemetry source that feeds every stream and counts open streams."""

    def __init__(self) -> None:
        self.open_receivers: list[Receiver[ComponentDataSamples]] = []
        self.feeders: list[asyncio.Task[None]] = []

    def open_stream(
        self, component_id: ElectricalComponentId, kind: ComponentKind
    ) -> Receiver[ComponentDataSamples]:
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            f"telemetry-{component_id}"
        )
        states = BATTERY_HEALTHY if kind is ComponentKind.BATTERY else None

        async def feed() -> None:
            while True:
                sample = make_sample(int(component_id), sampled_at=fake_wall_clock())
                if states is not None:
                    sample = make_sample(
                        int(component_id), sampled_at=fake_wall_clock(), states=states
                    )
                try:
                    await sender.send(sample)
                except SenderError:
                    return  # The tracker closed the stream's receiver.
                await asyncio.sleep(0.2)

        self.feeders.append(asyncio.create_task(feed()))
        self.open_receivers.append(receiver)
        return receiver


def test_group_rejects_empty_side() -> None:
    with pytest.raises(ConfigurationError, match="no inverter ids"):
        InverterBatteryGroup(inverter_ids=[], battery_ids=[10])
    with pytest.raises(ConfigurationError, match="no battery ids"):
        InverterBatteryGroup(inverter_ids=[1], battery_ids=[])


def test_group_rejects_id_on_both_sides() -> None:
    with pytest.raises(ConfigurationError, match=r"CID3"):
        InverterBatteryGroup(inverter_ids=[1, 3], battery_ids=[3, 10])


def test_group_actor_rejects_mismatched_receivers() -> None:
    receiver = BroadcastChannel[ComponentDataSamples]("t")[1]
    group = InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])
    with pytest.raises(ConfigurationError, match=r"no receiver for \[CID10\]"):
        InverterBatteryGroupActor(
            group=group, telemetry_receivers={ElectricalComponentId(1): receiver}
        )


def test_group_actor_rejects_no_source() -> None:
    group = InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])
    with pytest.raises(ConfigurationError, match="exactly one"):
        InverterBatteryGroupActor(group=group)


async def test_stop_leaves_nothing_behind(caplog: pytest.LogCaptureFixture) -> None:
    source = CountingSource()
    tasks_before = asyncio.all_tasks()
    group = InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])
    with caplog.at_level(logging.ERROR):
        for _ in range(50):
            actor = InverterBatteryGroupActor(
                group=group,
                telemetry_source=source,
                missing_data_tolerance=timedelta(seconds=1),
                wall_clock=fake_wall_clock,
            )
            status_receiver = actor.new_status_receiver()
            actor.start()
            async with asyncio.timeout(5):
                async for status in status_receiver:
                    if status.is_usable:
                        break
            await asyncio.sleep(1.0)
            await actor.stop()

            assert not actor.is_running
            await asyncio.gather(*source.feeders, return_exceptions=True)
            source.feeders.clear()
            assert asyncio.all_tasks() == tasks_before

    assert len(source.open_receivers) == 100
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_receivers_keyed_by_int() -> None:
    sender, receiver = BroadcastChannel[ComponentDataSamples]("t1")
    battery_receiver = BroadcastChannel[ComponentDataSamples]("t10")[1]
    group = InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])
    # Keys as plain integers, as a caller without the id type would write them.
    receivers: dict[Any, Receiver[ComponentDataSamples]] = {
        1: receiver,
        10: battery_receiver,
    }
    actor = InverterBatteryGroupActor(
        group=group,
        telemetry_receivers=receivers,
        wall_clock=fake_wall_clock,
    )
    statuses = actor.new_status_receiver()
    async with actor:
        await sender.send(make_sample(1, sampled_at=fake_wall_clock()))
        async with asyncio.timeout(5):
            async for status in statuses:
                if status.health_of(1).is_healthy:
                    break


@pytest.mark.parametrize("bad_id", [1.7, True, -1, "1"])
def test_group_rejects_bad_id(bad_id: object) -> None:
    with pytest.raises(ConfigurationError, match="Invalid component id"):
        InverterBatteryGroup(inverter_ids=[bad_id], battery_ids=[10])  # type: ignore[list-item]


def test_group_actor_rejects_zero_block_time() -> None:
    receiver = BroadcastChannel[ComponentDataSamples]("t")[1]
    group = InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])
    with pytest.raises(ConfigurationError, match="max_block_time of 0 s"):
        InverterBatteryGroupActor(
            group=group,
            telemetry_receivers={
                ElectricalComponentId(1): receiver,
                ElectricalComponentId(10): receiver,
            },
            max_block_time=timedelta(0),
        )
