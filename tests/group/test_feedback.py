# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of blocking components after failed power commands, in fake time."""

import asyncio

import pytest
from frequenz.channels import BroadcastChannel
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentStateCode as Code

from frequenz.telemetry_tracker import InverterBatteryGroupStatus, UnhealthyReason
from frequenz.telemetry_tracker.group import PowerCommandResult

from ..harness import loop_time, running_group

INVERTER_1 = ElectricalComponentId(1)
INVERTER_2 = ElectricalComponentId(2)


def failed(*ids: ElectricalComponentId) -> PowerCommandResult:
    return PowerCommandResult(failed=frozenset(ids))


def succeeded(*ids: ElectricalComponentId) -> PowerCommandResult:
    return PowerCommandResult(succeeded=frozenset(ids))


async def test_block_doubles_and_ends() -> None:
    sender, receiver = BroadcastChannel[PowerCommandResult]("results")
    async with running_group([1, 2], [10], command_results=receiver) as harness:
        for component_id in (1, 2, 10):
            harness.every(component_id, 0.1)
        await harness.wait_for(lambda s: len(s.healthy_component_ids) == 3)
        block_lengths: list[float] = []
        for _ in range(4):
            started_s = loop_time()

            def blocked_since(
                s: InverterBatteryGroupStatus, after: float = started_s
            ) -> bool:
                return s.published_at_loop_s >= after and s.health_of(1).is_blocked

            def freed_since(
                s: InverterBatteryGroupStatus, after: float = started_s
            ) -> bool:
                return s.published_at_loop_s > after and s.health_of(1).is_healthy

            await sender.send(failed(INVERTER_1))
            blocked = await harness.wait_for(blocked_since)
            health = blocked.health_of(1)
            assert health.sample is not None
            assert health.blocked_until_loop_s is not None
            block_lengths.append(health.blocked_until_loop_s - started_s)
            freed = await harness.wait_for(freed_since)
            assert freed.published_at_loop_s == pytest.approx(
                started_s + block_lengths[-1], abs=0.01
            )

    assert block_lengths == pytest.approx([1.0, 2.0, 4.0, 8.0])


async def test_success_unblocks_and_resets() -> None:
    sender, receiver = BroadcastChannel[PowerCommandResult]("results")
    async with running_group([1, 2], [10], command_results=receiver) as harness:
        for component_id in (1, 2, 10):
            harness.every(component_id, 0.1)
        await harness.wait_for(lambda s: len(s.healthy_component_ids) == 3)
        await sender.send(failed(INVERTER_1))
        await sender.send(failed(INVERTER_1))
        twice = await harness.wait_for(
            lambda s: (
                (s.health_of(1).blocked_until_loop_s or 0) - s.published_at_loop_s > 1.5
            )
        )
        await sender.send(succeeded(INVERTER_1))
        await harness.wait_for(
            lambda s: s.sequence > twice.sequence and s.health_of(1).is_healthy
        )
        started_s = loop_time()
        await sender.send(failed(INVERTER_1))
        again = await harness.wait_for(
            lambda s: s.published_at_loop_s >= started_s and s.health_of(1).is_blocked
        )

    until = again.health_of(1).blocked_until_loop_s
    assert until == pytest.approx(started_s + 1.0)


async def test_unhealthy_component_not_blocked() -> None:
    sender, receiver = BroadcastChannel[PowerCommandResult]("results")
    async with running_group([1], [10], command_results=receiver) as harness:
        harness.every(1, 0.1, states=[Code.ERROR])
        harness.every(10, 0.1)
        await harness.wait_for(lambda s: s.health_of(1).sample is not None)
        await sender.send(failed(INVERTER_1, ElectricalComponentId(99)))
        await asyncio.sleep(0.5)

    for status in harness.statuses:
        assert UnhealthyReason.BLOCKED not in status.health_of(1).reasons


async def test_components_to_use_falls_back_to_blocked() -> None:
    sender, receiver = BroadcastChannel[PowerCommandResult]("results")
    async with running_group([1, 2], [10], command_results=receiver) as harness:
        for component_id in (1, 2, 10):
            harness.every(component_id, 0.1)
        await harness.wait_for(lambda s: len(s.healthy_component_ids) == 3)
        await sender.send(failed(INVERTER_1))
        one_blocked = await harness.wait_for(lambda s: s.health_of(1).is_blocked)
        await sender.send(failed(INVERTER_2))
        both_blocked = await harness.wait_for(lambda s: s.health_of(2).is_blocked)

    battery = ElectricalComponentId(10)
    assert one_blocked.components_to_use() == {INVERTER_2, battery}
    assert not both_blocked.is_usable
    assert both_blocked.blocked_component_ids == {INVERTER_1, INVERTER_2}
    assert both_blocked.components_to_use() == {INVERTER_1, INVERTER_2, battery}
