# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Scenario files run through the simulator and the real client, and as replays."""

import asyncio
from pathlib import Path

import pytest

from frequenz.telemetry_tracker import InverterBatteryGroup
from frequenz.telemetry_tracker.runner import replay, run_live
from frequenz.telemetry_tracker.simulator import load_scenario

from .scenarios import SCENARIO_FILES, reasons_by_component

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
async def test_live_matches_replay(path: Path) -> None:
    scenario = load_scenario(path)

    live = await run_live(scenario)
    # replay() runs its own fake-time loop, so it needs a thread of its own.
    replayed = await asyncio.to_thread(replay, scenario)

    for result in live.expectations:
        assert result.passed, result.describe()
    assert live.groups == replayed.groups
    assert reasons_by_component(live) == reasons_by_component(replayed)


async def test_live_discovers_groups() -> None:
    scenario = load_scenario(SCENARIO_FILES[0])

    live = await run_live(scenario, duration_s=0.5)

    assert live.groups
    for group in live.groups:
        assert isinstance(group, InverterBatteryGroup)
        assert group.inverter_ids
        assert group.battery_ids
