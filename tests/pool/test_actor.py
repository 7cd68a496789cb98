# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the pool actor on in-process telemetry, in fake time."""

import asyncio
from datetime import timedelta

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
)
from frequenz.telemetry_tracker.pool import (
    InverterBatteryPoolActor,
    InverterBatteryPoolStatus,
)

from ..harness import fake_wall_clock, loop_time
from ..samples import BATTERY_HEALTHY, INVERTER_HEALTHY, make_sample

GROUP_A = InverterBatteryGroup(inverter_ids=[1, 2], battery_ids=[10, 11])
GROUP_B = InverterBatteryGroup(inverter_ids=[3], battery_ids=[12])


class SilencingSource:
    """Feeds every component every 0.2 s; some go silent at a given loop time."""

    def __init__(self, silent_from_s: dict[int, float]) -> None:
        self._silent_from_s = silent_from_s
        self.tasks: list[asyncio.Task[None]] = []

    def open_stream(
        self, component_id: ElectricalComponentId, kind: ComponentKind
    ) -> Receiver[ComponentDataSamples]:
        sender, receiver = BroadcastChannel[ComponentDataSamples](f"t-{component_id}")
        states = BATTERY_HEALTHY if kind is ComponentKind.BATTERY else INVERTER_HEALTHY
        silent_from_s = self._silent_from_s.get(int(component_id), float("inf"))

        async def feed() -> None:
            while loop_time() < silent_from_s:
                sample = make_sample(
                    int(component_id), sampled_at=fake_wall_clock(), states=states
                )
                try:
                    await sender.send(sample)
                except SenderError:
                    return
                await asyncio.sleep(0.2)

        self.tasks.append(asyncio.create_task(feed()))
        return receiver


async def test_pool_publishes_group_transitions() -> None:
    source = SilencingSource({12: 2.0})
    pool = InverterBatteryPoolActor(
        groups=[GROUP_A, GROUP_B],
        telemetry_source=source,
        missing_data_tolerance=timedelta(seconds=1),
        wall_clock=fake_wall_clock,
    )
    statuses: list[InverterBatteryPoolStatus] = []
    receiver = pool.new_status_receiver(limit=10_000)

    async def collect() -> None:
        async for status in receiver:
            statuses.append(status)

    collector = asyncio.create_task(collect())
    async with pool:
        await asyncio.sleep(4.0)
    collector.cancel()
    await asyncio.gather(collector, *source.tasks, return_exceptions=True)

    assert statuses[0].sequence == 0
    assert set(statuses[0].groups) == {GROUP_A, GROUP_B}
    assert [s.sequence for s in statuses] == list(range(len(statuses)))
    both_usable = next(s for s in statuses if s.usable_groups == {GROUP_A, GROUP_B})
    b_down = next(
        s for s in statuses[both_usable.sequence :] if s.usable_groups == {GROUP_A}
    )
    assert b_down.changed_groups == {GROUP_B}
    assert b_down.published_at_loop_s == pytest.approx(3.0, abs=0.25)
    assert statuses[-1].usable_groups == {GROUP_A}
    assert ElectricalComponentId(12) not in statuses[-1].healthy_component_ids


def test_pool_rejects_no_groups() -> None:
    with pytest.raises(ConfigurationError, match="no groups"):
        InverterBatteryPoolActor(groups=[], telemetry_source=SilencingSource({}))


def test_pool_rejects_overlapping_groups() -> None:
    overlapping = InverterBatteryGroup(inverter_ids=[3], battery_ids=[11])
    with pytest.raises(
        ConfigurationError, match=r"\[CID11\] are in more than one group"
    ):
        InverterBatteryPoolActor(
            groups=[GROUP_A, overlapping], telemetry_source=SilencingSource({})
        )
