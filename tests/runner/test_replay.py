# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Every scenario of the repository replays in virtual time with its expectations met."""

from pathlib import Path

import pytest

from frequenz.telemetry_tracker import InverterBatteryGroup
from frequenz.telemetry_tracker.runner import HealthDecision, ScenarioRun, replay
from frequenz.telemetry_tracker.simulator import load_builtin_scenario, load_scenario

from .scenarios import SCENARIO_FILES, reasons_by_component


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_scenario_file_expectations(path: Path) -> None:
    run = replay(load_scenario(path))

    assert run.expectations, "the scenario checks nothing"
    for result in run.expectations:
        assert result.passed, result.describe()


def test_demo_scenario_expectations() -> None:
    run = replay(load_builtin_scenario("demo"))

    assert run.groups == (
        InverterBatteryGroup(inverter_ids=[1, 2], battery_ids=[10, 11, 12]),
        InverterBatteryGroup(inverter_ids=[3], battery_ids=[13]),
    )
    for result in run.expectations:
        assert result.passed, result.describe()


def test_replay_is_deterministic() -> None:
    scenario = load_builtin_scenario("demo")

    first = replay(scenario)
    second = replay(scenario)

    # Decisions made at the same instant may come in either order.
    def in_order(run: ScenarioRun) -> list[HealthDecision]:
        return sorted(run.decisions, key=lambda d: (d.at_s, int(d.component_id)))

    assert in_order(first) == in_order(second)
    assert reasons_by_component(first) == reasons_by_component(second)
