# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests that the shipped and test scenario files send what their checks assume.

The health checks in these files are for the tracker. Here the simulator
only shows, on the fake event loop, that the samples arrive at the times
each check relies on.
"""

import asyncio
import contextlib
from pathlib import Path

import pytest
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentCategory

from frequenz.telemetry_tracker.simulator import (
    Expectation,
    Scenario,
    ScenarioStreams,
    load_builtin_scenario,
    load_scenario,
)

SCENARIO_FOLDER = Path(__file__).parent.parent / "scenarios"
SCENARIO_FILES = sorted(SCENARIO_FOLDER.glob("*.toml"))


def all_scenarios() -> list[Scenario]:
    """Load the built-in demo and every test scenario file."""
    return [load_builtin_scenario("demo")] + [load_scenario(p) for p in SCENARIO_FILES]


async def arrivals_and_ends(
    streams: ScenarioStreams, component_id: ElectricalComponentId, until: float
) -> tuple[list[float], list[float]]:
    """Receive a component's samples until `until`, subscribing again after ends.

    Returns:
        The arrival times of the samples and the times the streams ended.
    """
    arrivals: list[float] = []
    ends: list[float] = []
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(until - streams.scenario_time()):
            while True:
                async for _ in streams.new_receiver(component_id):
                    arrivals.append(round(streams.scenario_time(), 6))
                ends.append(round(streams.scenario_time(), 6))
    return arrivals, ends


def check_expectation(
    expectation: Expectation,
    arrivals: list[float],
    ends: list[float],
    tolerance: float | None,
) -> None:
    """Check that the sample timing supports one expected health."""
    at = expectation.at
    before = [arrival for arrival in arrivals if arrival <= at]
    last = before[-1] if before else None
    match expectation.reason:
        case "no_data_yet":
            assert last is None, f"{expectation}: a sample arrived at {last}"
            return
        case "missing_data":
            assert last is not None, f"{expectation}: no sample before"
            assert tolerance is not None, f"{expectation}: no tolerance set"
            assert at - last > tolerance, f"{expectation}: last sample at {last}"
            return
        case "stream_ended":
            assert any((last or 0.0) < end <= at for end in ends), (
                f"{expectation}: no stream end after the sample at {last}"
            )
            return
    assert last is not None, f"{expectation}: no sample before"
    if tolerance is not None:
        assert at - last <= tolerance, f"{expectation}: last sample at {last}"


@pytest.mark.parametrize(
    "scenario", all_scenarios(), ids=lambda scenario: scenario.name
)
def test_scenario_has_checks_on_groups(scenario: Scenario) -> None:
    group_categories = {ComponentCategory.INVERTER, ComponentCategory.BATTERY}

    assert scenario.expectations
    for expectation in scenario.expectations:
        component = scenario.component(expectation.component_id)
        assert component.category in group_categories, expectation


@pytest.mark.parametrize(
    "scenario", all_scenarios(), ids=lambda scenario: scenario.name
)
async def test_sample_timing_supports_checks(scenario: Scenario) -> None:
    checked = sorted({e.component_id for e in scenario.expectations}, key=int)
    async with ScenarioStreams(scenario) as streams:
        results = await asyncio.gather(
            *(
                arrivals_and_ends(streams, component_id, scenario.duration + 0.01)
                for component_id in checked
            )
        )
    timing = dict(zip(checked, results, strict=True))

    for expectation in scenario.expectations:
        arrivals, ends = timing[expectation.component_id]
        check_expectation(
            expectation, arrivals, ends, scenario.tracker.missing_data_tolerance
        )
