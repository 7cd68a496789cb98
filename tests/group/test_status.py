# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the published group status and the publishing rule."""

import asyncio

import pytest
from frequenz.client.microgrid.component import ComponentStateCode as Code

from frequenz.telemetry_tracker import UnhealthyReason

from ..harness import loop_time, running_group
from ..samples import utc_at


async def test_first_status_all_no_data_yet() -> None:
    async with running_group([1, 2], [10, 11]) as harness:
        first = await harness.wait_for(lambda s: True)

    assert first.sequence == 0
    assert not first.healthy_inverters
    assert not first.healthy_batteries
    for component_id in (1, 2, 10, 11):
        assert first.health_of(component_id).reasons == {UnhealthyReason.NO_DATA_YET}
    assert not first.is_usable


async def test_each_component_in_one_map() -> None:
    async with running_group([1, 2], [10, 11]) as harness:
        harness.every(1, 0.1)
        harness.every(10, 0.1, until_s=1.0)
        harness.every(11, 0.1, states=[Code.ERROR])
        await asyncio.sleep(3.0)

    for status in harness.statuses:
        inverters = set(status.healthy_inverters) | set(status.unhealthy_inverters)
        batteries = set(status.healthy_batteries) | set(status.unhealthy_batteries)
        assert not set(status.healthy_inverters) & set(status.unhealthy_inverters)
        assert not set(status.healthy_batteries) & set(status.unhealthy_batteries)
        assert inverters == status.group.inverter_ids
        assert batteries == status.group.battery_ids


async def test_burst_of_samples_yields_one_status() -> None:
    async with running_group([1], [10]) as harness:
        await harness.send(1)
        await harness.send(10)
        await harness.wait_for(lambda s: s.is_usable)
        published = len(harness.statuses)
        for power_w in range(10):
            # Distinct sample times: equal ones would be ignored as duplicates.
            sampled_at = utc_at(loop_time() + power_w * 1e-3)
            await harness.send(1, power_w=float(power_w), sampled_at=sampled_at)
        await asyncio.sleep(0.05)

    assert len(harness.statuses) == published + 1
    latest = harness.statuses[-1].health_of(1).sample
    assert latest is not None
    assert latest.metric_samples[0].value == 9.0


async def test_transitions_in_one_turn_all_published() -> None:
    async with running_group([1], [10]) as harness:
        await harness.send(10)
        await harness.send(1, sampled_at=utc_at(0.001))
        await harness.send(1, states=[Code.ERROR], sampled_at=utc_at(0.002))
        await harness.send(1, sampled_at=utc_at(0.003))
        await asyncio.sleep(0.05)

    healthiness = [h.is_healthy for _, h in harness.health_history(1)]
    assert healthiness[-3:] == [True, False, True]


async def test_statuses_are_immutable_snapshots() -> None:
    async with running_group([1], [10]) as harness:
        await harness.send(1)
        await harness.send(10)
        usable = await harness.wait_for(lambda s: s.is_usable)
        await harness.send(1, states=[Code.ERROR])
        await harness.wait_for(lambda s: not s.is_usable)

    assert usable.healthy_inverter_ids == {usable.health_of(1).component_id}
    with pytest.raises(TypeError):
        usable.healthy_inverters[usable.health_of(1).component_id] = None  # type: ignore[index]


async def test_usable_needs_both_sides() -> None:
    async with running_group([1], [10]) as harness:
        await harness.send(1)
        only_inverter = await harness.wait_for(lambda s: s.health_of(1).is_healthy)
        await harness.send(10)
        both = await harness.wait_for(lambda s: s.is_usable)

    assert not only_inverter.is_usable
    assert both.healthy_component_ids == {
        both.health_of(1).component_id,
        both.health_of(10).component_id,
    }


async def test_health_of_unknown_component() -> None:
    async with running_group([1], [10]) as harness:
        status = await harness.wait_for(lambda s: True)

    with pytest.raises(KeyError, match="CID99"):
        status.health_of(99)
