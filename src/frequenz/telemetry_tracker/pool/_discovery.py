# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Discovery of inverter-battery groups in a microgrid's component graph."""

from collections.abc import Iterable, Set
from typing import Any, Protocol

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import Battery, Component, Inverter

from .._errors import ConfigurationError
from .._ids import format_ids
from ..client import to_client_component_id
from ..group import InverterBatteryGroup


class ComponentGraphLike(Protocol):
    """The part of a component graph that discovery reads.

    Both the SDK's `frequenz.sdk.microgrid.component_graph.ComponentGraph`
    and `frequenz.microgrid_component_graph.ComponentGraph` built from the
    client's components provide it.
    """

    def components(self) -> set[Any]:
        """Return all components of the graph."""
        ...  # pylint: disable=unnecessary-ellipsis

    def predecessors(self, component_id: Any) -> Set[Any]:
        """Return the components connected upstream of a component."""
        ...  # pylint: disable=unnecessary-ellipsis

    def successors(self, component_id: Any) -> Set[Any]:
        """Return the components connected downstream of a component."""
        ...  # pylint: disable=unnecessary-ellipsis


def _id_of(component: Component) -> ElectricalComponentId:
    return ElectricalComponentId(int(component.id))


def _grow_group(
    graph: ComponentGraphLike, first_battery: ElectricalComponentId
) -> InverterBatteryGroup:
    """Collect the battery's inverters, their batteries, and so on until closed."""
    batteries: set[ElectricalComponentId] = {first_battery}
    inverters: set[ElectricalComponentId] = set()
    pending_batteries = [first_battery]
    while pending_batteries:
        battery = pending_batteries.pop()
        found = {
            _id_of(c)
            for c in graph.predecessors(to_client_component_id(battery))
            if isinstance(c, Inverter)
        }
        if not found:
            raise ConfigurationError(
                f"Invalid battery {battery}: no inverter is connected to it in the "
                "component graph, so it cannot be part of an inverter-battery group."
            )
        for inverter in found - inverters:
            inverters.add(inverter)
            for successor in graph.successors(to_client_component_id(inverter)):
                if (
                    isinstance(successor, Battery)
                    and _id_of(successor) not in batteries
                ):
                    batteries.add(_id_of(successor))
                    pending_batteries.append(_id_of(successor))
    return InverterBatteryGroup(inverter_ids=inverters, battery_ids=batteries)


def _check_requested(
    requested: frozenset[ElectricalComponentId],
    all_ids: frozenset[ElectricalComponentId],
    battery_ids: frozenset[ElectricalComponentId],
) -> None:
    if not requested:
        raise ConfigurationError(
            "Invalid battery ids: the set is empty; give at least one battery id, "
            "or none at all to use every battery."
        )
    unknown = requested - all_ids
    if unknown:
        raise ConfigurationError(
            f"Invalid battery ids {format_ids(unknown)}: not in the component graph."
        )
    not_batteries = requested - battery_ids
    if not_batteries:
        raise ConfigurationError(
            f"Invalid battery ids {format_ids(not_batteries)}: these components "
            "are not batteries."
        )


def discover_groups(
    graph: ComponentGraphLike,
    battery_ids: Iterable[ElectricalComponentId | int] | None = None,
) -> list[InverterBatteryGroup]:
    """Find the inverter-battery groups that contain the given batteries.

    A group is closed under wiring: it contains every inverter connected to
    one of its batteries and every battery connected to one of its inverters.

    Args:
        graph: The microgrid's component graph.
        battery_ids: The batteries to track; every battery of the graph if
            `None`.

    Returns:
        The groups, sorted by their smallest battery id.

    Raises:
        ConfigurationError: If the set is empty, an id is not in the graph or
            is not a battery, a battery has no inverter, or the set holds only
            part of a group.
    """
    components = graph.components()
    all_ids = frozenset(_id_of(c) for c in components)
    all_batteries = frozenset(_id_of(c) for c in components if isinstance(c, Battery))
    requested = (
        all_batteries
        if battery_ids is None
        else frozenset(ElectricalComponentId(int(i)) for i in battery_ids)
    )
    _check_requested(requested, all_ids, all_batteries)
    groups: list[InverterBatteryGroup] = []
    covered: set[ElectricalComponentId] = set()
    for battery in sorted(requested):
        if battery in covered:
            continue
        group = _grow_group(graph, battery)
        left_out = group.battery_ids - requested
        if left_out:
            raise ConfigurationError(
                f"Invalid battery ids: {format_ids(group.battery_ids & requested)} "
                f"share inverters with {format_ids(left_out)}, which were not "
                f"requested; add them or remove the whole group ({group})."
            )
        covered |= group.battery_ids
        groups.append(group)
    return groups
