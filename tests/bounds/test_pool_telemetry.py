# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the pool bounds actor behind a real pool actor, in fake time."""

import asyncio
from datetime import timedelta

import pytest
from frequenz.channels import BroadcastChannel, Receiver, SenderError
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import ComponentKind, InverterBatteryGroup
from frequenz.telemetry_tracker.pool import InverterBatteryPoolActor

from ..harness import fake_wall_clock, loop_time
from .builders import Pairs, power_sample, watts
from .recording import running_bounds_actor

GROUP_A = InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])
GROUP_B = InverterBatteryGroup(inverter_ids=[2], battery_ids=[11])
BOUNDS: dict[int, Pairs] = {
    1: [(-3000.0, 3000.0)],
    10: [(-100.0, 150.0)],
    2: [(-1000.0, -200.0), (200.0, 1000.0)],
    11: [(-5000.0, 5000.0)],
}


class BoundsSource:
    """Sends each component's bounds every 0.1 s, until its silent time."""

    def __init__(self, silent_from_s: dict[int, float]) -> None:
        self._silent_from_s = silent_from_s
        self.tasks: list[asyncio.Task[None]] = []

    def open_stream(
        self, component_id: ElectricalComponentId, kind: ComponentKind
    ) -> Receiver[ComponentDataSamples]:
        sender, receiver = BroadcastChannel[ComponentDataSamples](f"t-{component_id}")
        number = int(component_id)
        silent_from_s = self._silent_from_s.get(number, float("inf"))

        async def feed() -> None:
            while loop_time() < silent_from_s:
                sample = power_sample(
                    number, kind, BOUNDS[number], sampled_at=fake_wall_clock()
                )
                try:
                    await sender.send(sample)
                except SenderError:
                    return
                await asyncio.sleep(0.1)

        self.tasks.append(asyncio.create_task(feed()))
        return receiver


async def test_pool_bounds_follow_groups() -> None:
    source = BoundsSource(silent_from_s={11: 2.0})
    pool = InverterBatteryPoolActor(
        groups=[GROUP_A, GROUP_B],
        telemetry_source=source,
        missing_data_tolerance=timedelta(seconds=1),
        wall_clock=fake_wall_clock,
    )
    async with pool, running_bounds_actor(pool.new_status_receiver()) as record:
        both = await record.wait_for(
            lambda bounds: len(bounds.contributing_groups) == 2
        )
        only_a = await record.wait_for(
            lambda bounds: bounds.contributing_groups == {GROUP_A}
        )
        await asyncio.sleep(5.0 - loop_time())
    for task in source.tasks:
        task.cancel()
    await asyncio.gather(*source.tasks, return_exceptions=True)

    # Group A is [-100, 150], narrower than inverter 2's exclusion zone.
    assert both.intervals == watts((-1100.0, -50.0), (100.0, 1150.0))
    assert only_a.intervals == watts((-100.0, 150.0))
    later = [(at_s, bounds) for at_s, bounds in record.published if at_s > 0.0]
    assert [bounds for _, bounds in later] == [only_a]
    assert later[0][0] == pytest.approx(3.0, abs=0.2)
