# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests that the SDK accepts the simulator's topologies.

`frequenz.sdk.microgrid.initialize` sets process-wide singletons and may run
only once per process, so each check runs it in a child process that
connects to a simulator served by the test.
"""

import asyncio
import dataclasses
import json
import re
import sys
from pathlib import Path

import pytest

from frequenz.telemetry_tracker.simulator import (
    MicrogridSimulator,
    Scenario,
    load_builtin_scenario,
    load_scenario,
)

pytestmark = pytest.mark.integration

SCENARIO_FILES = sorted((Path(__file__).parent.parent / "scenarios").glob("*.toml"))

CHILD_TIMEOUT = 60.0
"""Upper bound, in seconds, on one child process."""

SDK_CHILD = """
import asyncio
import json
import re
import sys
from datetime import timedelta

from frequenz.client.microgrid.component import Battery, Inverter
from frequenz.sdk import microgrid
from frequenz.sdk.timeseries import ResamplerConfig2


async def main(url: str) -> None:
    config = ResamplerConfig2(resampling_period=timedelta(seconds=1))
    await microgrid.initialize(url, config)
    graph = microgrid.connection_manager.get().component_graph
    inverters = graph.components(matching_types=Inverter)
    batteries = graph.components(matching_types=Battery)
    print(json.dumps({
        "inverters": sorted(int(component.id) for component in inverters),
        "batteries": sorted(int(component.id) for component in batteries),
        "battery_formula": graph.battery_formula(None),
    }))


asyncio.run(main(sys.argv[1]))
"""
"""A child process that builds the SDK's component graph and prints it as JSON."""


async def sdk_graph(scenario: Scenario) -> dict[str, object]:
    """Serve a scenario's topology and return what the SDK's component graph holds."""
    # Only the topology matters here; a scripted server restart would refuse
    # the SDK's start-up calls while the server is down.
    topology_only = dataclasses.replace(scenario, events=())
    async with MicrogridSimulator(topology_only) as simulator:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            SDK_CHILD,
            simulator.url,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        async with asyncio.timeout(CHILD_TIMEOUT):
            stdout, stderr = await child.communicate()
    assert child.returncode == 0, stderr.decode()
    graph: dict[str, object] = json.loads(stdout)
    return graph


def ids_of(scenario: Scenario, category_name: str) -> list[int]:
    """Return the sorted ids of a scenario's components of one category."""
    return sorted(
        int(component.id)
        for component in scenario.components
        if component.category.name == category_name
    )


async def test_sdk_sees_demo_groups() -> None:
    graph = await sdk_graph(load_builtin_scenario("demo"))

    assert graph["inverters"] == [1, 2, 3]
    assert graph["batteries"] == [10, 11, 12, 13]
    # The formula's term order varies between runs; its ids do not.
    formula = str(graph["battery_formula"])
    assert set(re.findall(r"#(\d+)", formula)) == {"1", "2", "3", "1001", "1002"}


async def test_sdk_accepts_test_scenarios() -> None:
    scenarios = [load_scenario(path) for path in SCENARIO_FILES]

    graphs = await asyncio.gather(*(sdk_graph(scenario) for scenario in scenarios))

    for scenario, graph in zip(scenarios, graphs, strict=True):
        assert graph["inverters"] == ids_of(scenario, "INVERTER"), scenario.name
        assert graph["batteries"] == ids_of(scenario, "BATTERY"), scenario.name
