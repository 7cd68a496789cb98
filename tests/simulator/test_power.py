# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests for power commands through the in-process streams, on the fake loop."""

import asyncio
from datetime import timedelta

import pytest
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.metrics import Bounds, Metric

from frequenz.telemetry_tracker.simulator import (
    LoopWallClock,
    PowerCommandError,
    ScenarioStreams,
    parse_scenario,
)

from ._helpers import (
    BATTERY_10,
    INVERTER_1,
    START_UTC,
    metric_value,
    receive_at_or_after,
    scenario_text,
)

INVERTER = ElectricalComponentId(1)
BATTERY = ElectricalComponentId(10)
GRID = """
[[components]]
id = 1000
category = "grid"
"""
FAIL_FROM_2_TO_4 = """
[[events]]
at = 2.0
action = "power_commands"
component = 1
fail = true
status = "unavailable"

[[events]]
at = 4.0
action = "power_commands"
component = 1
fail = false
"""


async def test_command_sets_inverter_power() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    async with ScenarioStreams(
        scenario, wall_clock=LoopWallClock(START_UTC)
    ) as streams:
        receiver = streams.new_receiver(INVERTER)
        await receive_at_or_after(receiver, streams.scenario_time, 0.6)
        loop_time = asyncio.get_running_loop().time()
        valid_until = await streams.set_component_power_active(INVERTER, 1234.5)
        after = await receiver.receive()

    assert metric_value(after, Metric.AC_POWER_ACTIVE) == 1234.5
    assert after.metric_samples[0].bounds == [Bounds(lower=-5000.0, upper=5000.0)]
    expected_until = START_UTC + timedelta(seconds=0.6 + 60.0)
    assert abs(valid_until - expected_until) <= timedelta(microseconds=1)
    (command,) = streams.power_commands
    assert command.component_id == INVERTER
    assert command.power == 1234.5
    assert command.loop_time == loop_time
    assert command.accepted


async def test_command_sets_battery_dc_power() -> None:
    scenario = parse_scenario(scenario_text(BATTERY_10))
    async with ScenarioStreams(scenario) as streams:
        receiver = streams.new_receiver(BATTERY)
        await receiver.receive()
        await streams.set_component_power_active(BATTERY, 0.1)
        after = await receiver.receive()

    assert metric_value(after, Metric.DC_POWER) == 0.10000000149011612
    assert streams.power_commands[0].power == 0.10000000149011612


async def test_command_expires() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1, duration=20.0))
    async with ScenarioStreams(scenario) as streams:
        receiver = streams.new_receiver(INVERTER)
        await receiver.receive()
        await streams.set_component_power_active(
            INVERTER, 1000.0, request_lifetime=timedelta(seconds=10)
        )
        before_expiry = await receive_at_or_after(receiver, streams.scenario_time, 10.0)
        after_expiry = await receive_at_or_after(receiver, streams.scenario_time, 10.2)

    assert metric_value(before_expiry, Metric.AC_POWER_ACTIVE) == 1000.0
    assert metric_value(after_expiry, Metric.AC_POWER_ACTIVE) == -3000.0


async def test_scenario_makes_commands_fail() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1, FAIL_FROM_2_TO_4))
    async with ScenarioStreams(scenario) as streams:
        receiver = streams.new_receiver(INVERTER)
        await streams.set_component_power_active(INVERTER, 100.0)
        await receive_at_or_after(receiver, streams.scenario_time, 2.0)
        with pytest.raises(PowerCommandError) as info:
            await streams.set_component_power_active(INVERTER, 200.0)
        failed_sample = await receiver.receive()
        await receive_at_or_after(receiver, streams.scenario_time, 4.0)
        await streams.set_component_power_active(INVERTER, 300.0)
        recovered_sample = await receiver.receive()

    assert info.value.status == "UNAVAILABLE"
    assert "CID1" in str(info.value)
    assert metric_value(failed_sample, Metric.AC_POWER_ACTIVE) == 100.0
    assert metric_value(recovered_sample, Metric.AC_POWER_ACTIVE) == 300.0
    assert [(c.power, c.accepted) for c in streams.power_commands] == [
        (100.0, True),
        (200.0, False),
        (300.0, True),
    ]


async def test_command_to_grid_rejected() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1 + GRID))
    async with ScenarioStreams(scenario) as streams:
        with pytest.raises(PowerCommandError) as info:
            await streams.set_component_power_active(ElectricalComponentId(1000), 1.0)

    assert info.value.status == "FAILED_PRECONDITION"
    assert not streams.power_commands[0].accepted


async def test_command_to_unknown_component() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    async with ScenarioStreams(scenario) as streams:
        with pytest.raises(PowerCommandError) as info:
            await streams.set_component_power_active(ElectricalComponentId(7), 1.0)

    assert info.value.status == "NOT_FOUND"


async def test_lifetime_out_of_range() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    async with ScenarioStreams(scenario) as streams:
        with pytest.raises(ValueError, match="expected 10 s to 15 min"):
            await streams.set_component_power_active(
                INVERTER, 1.0, request_lifetime=timedelta(seconds=5)
            )

    assert streams.power_commands == ()
