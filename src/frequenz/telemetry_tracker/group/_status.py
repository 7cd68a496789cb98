# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The published health picture of one inverter-battery group."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ..component import ComponentHealth
from ._group import InverterBatteryGroup

ComponentHealthMap = Mapping[ElectricalComponentId, ComponentHealth]
"""A read-only map from component id to that component's health."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InverterBatteryGroupStatus:
    """An immutable snapshot of a group's health and latest telemetry.

    Every component of the group is in exactly one of the two maps of its
    side. Every entry of a `healthy_*` map carries a sample. An entry of an
    `unhealthy_*` map carries the last sample seen, or `None` if the
    component never sent one. The maps are immutable, so a receiver can keep
    a status as long as it likes.
    """

    group: InverterBatteryGroup
    """The group this status describes."""

    healthy_inverters: ComponentHealthMap
    """The healthy inverters, each with its latest sample."""

    healthy_batteries: ComponentHealthMap
    """The healthy batteries, each with its latest sample."""

    unhealthy_inverters: ComponentHealthMap
    """The unhealthy inverters, each with its reasons and last sample."""

    unhealthy_batteries: ComponentHealthMap
    """The unhealthy batteries, each with its reasons and last sample."""

    sequence: int
    """The position of this status among those the actor published, from 0."""

    changed_ids: frozenset[ElectricalComponentId]
    """The components whose health reasons changed since the previous status."""

    published_at_loop_s: float
    """When the status was published (event-loop monotonic clock, seconds)."""

    published_at_utc: datetime
    """When the status was published (host wall clock, UTC)."""

    @property
    def healthy_inverter_ids(self) -> frozenset[ElectricalComponentId]:
        """The ids of the healthy inverters."""
        return frozenset(self.healthy_inverters)

    @property
    def healthy_battery_ids(self) -> frozenset[ElectricalComponentId]:
        """The ids of the healthy batteries."""
        return frozenset(self.healthy_batteries)

    @property
    def healthy_component_ids(self) -> frozenset[ElectricalComponentId]:
        """The ids of all healthy components of the group."""
        return self.healthy_inverter_ids | self.healthy_battery_ids

    @property
    def blocked_component_ids(self) -> frozenset[ElectricalComponentId]:
        """The ids of components that are healthy but blocked after failed commands."""
        return frozenset(
            health.component_id
            for health in (
                *self.unhealthy_inverters.values(),
                *self.unhealthy_batteries.values(),
            )
            if health.is_blocked
        )

    def components_to_use(self) -> frozenset[ElectricalComponentId]:
        """Return the components a power distributor should command.

        The healthy components when the group is usable. Otherwise, when
        counting blocked components as healthy makes the group usable, the
        healthy and blocked ones together, because a blocked component may
        work again. Otherwise none.
        """
        if self.is_usable:
            return self.healthy_component_ids
        blocked = self.blocked_component_ids
        inverters = self.healthy_inverter_ids | (blocked & self.group.inverter_ids)
        batteries = self.healthy_battery_ids | (blocked & self.group.battery_ids)
        if inverters and batteries:
            return inverters | batteries
        return frozenset()

    @property
    def is_usable(self) -> bool:
        """Whether power can flow: at least one healthy inverter and battery."""
        return bool(self.healthy_inverters) and bool(self.healthy_batteries)

    def health_of(self, component_id: ElectricalComponentId | int) -> ComponentHealth:
        """Return one component's health, whichever map contains it.

        Args:
            component_id: A component of this group.

        Returns:
            The component's health snapshot.

        Raises:
            KeyError: If the component is not in this group.
        """
        key = ElectricalComponentId(int(component_id))
        for health_map in (
            self.healthy_inverters,
            self.unhealthy_inverters,
            self.healthy_batteries,
            self.unhealthy_batteries,
        ):
            health = health_map.get(key)
            if health is not None:
                return health
        raise KeyError(f"Component {key} is not in the group {self.group}.")
