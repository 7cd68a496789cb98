# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of finding inverter-battery groups in a component graph."""

from collections.abc import Set
from typing import Any

import pytest
from frequenz.client.microgrid.component import LiIonBattery

from frequenz.telemetry_tracker import ConfigurationError, InverterBatteryGroup
from frequenz.telemetry_tracker.pool import discover_groups

from ..samples import client_id
from .graphs import MICROGRID, build_graph

# Two inverters feeding three batteries (M x N), and a 1 x 1 group.
DEMO_WIRING = {1: [10, 11, 12], 2: [10, 11, 12], 3: [13]}


def test_discovers_all_groups() -> None:
    groups = discover_groups(build_graph(DEMO_WIRING))

    assert groups == [
        InverterBatteryGroup(inverter_ids=[1, 2], battery_ids=[10, 11, 12]),
        InverterBatteryGroup(inverter_ids=[3], battery_ids=[13]),
    ]


def test_closes_chained_wiring() -> None:
    # 1 feeds 10 and 11, 2 feeds 11 and 12: one group through battery 11.
    groups = discover_groups(build_graph({1: [10, 11], 2: [11, 12]}), [10, 11, 12])

    assert groups == [
        InverterBatteryGroup(inverter_ids=[1, 2], battery_ids=[10, 11, 12])
    ]


def test_requested_subset_of_whole_groups() -> None:
    groups = discover_groups(build_graph(DEMO_WIRING), [13])

    assert groups == [InverterBatteryGroup(inverter_ids=[3], battery_ids=[13])]


def test_rejects_part_of_group() -> None:
    with pytest.raises(ConfigurationError, match=r"share inverters with \[CID12\]"):
        discover_groups(build_graph(DEMO_WIRING), [10, 11])


class GraphWithLooseBattery:
    """A graph whose battery 20 has no inverter; the SDK's validation forbids it."""

    def __init__(self) -> None:
        self._graph = build_graph({1: [10]})
        self._loose = LiIonBattery(id=client_id(20), microgrid_id=MICROGRID)

    def components(self) -> set[Any]:
        return {*self._graph.components(), self._loose}

    def predecessors(self, component_id: Any) -> Set[Any]:
        if int(component_id) == 20:
            return set()
        return self._graph.predecessors(component_id)

    def successors(self, component_id: Any) -> Set[Any]:
        return self._graph.successors(component_id)


def test_rejects_battery_without_inverter() -> None:
    with pytest.raises(ConfigurationError, match="CID20: no inverter"):
        discover_groups(GraphWithLooseBattery())


def test_rejects_non_battery() -> None:
    with pytest.raises(
        ConfigurationError, match=r"\[CID1\]: these components are not batteries"
    ):
        discover_groups(build_graph(DEMO_WIRING), [1])


def test_rejects_unknown_id() -> None:
    with pytest.raises(
        ConfigurationError, match=r"\[CID999\]: not in the component graph"
    ):
        discover_groups(build_graph(DEMO_WIRING), [999])


def test_rejects_empty_set() -> None:
    with pytest.raises(ConfigurationError, match="the set is empty"):
        discover_groups(build_graph(DEMO_WIRING), [])


def test_solar_inverters_ignored() -> None:
    groups = discover_groups(build_graph({1: [10]}, solar_inverters=(5,)))

    assert groups == [InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])]
