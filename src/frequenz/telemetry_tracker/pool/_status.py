# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The published health picture of a pool of inverter-battery groups."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ..group import InverterBatteryGroup, InverterBatteryGroupStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class InverterBatteryPoolStatus:
    """An immutable snapshot of the latest status of every group of a pool."""

    groups: Mapping[InverterBatteryGroup, InverterBatteryGroupStatus]
    """The latest status of each group; every group of the pool is present."""

    sequence: int
    """The position of this status among those the pool published, from 0."""

    changed_groups: frozenset[InverterBatteryGroup]
    """The groups with a health transition since the previous pool status."""

    published_at_loop_s: float
    """When the status was published (event-loop monotonic clock, seconds)."""

    published_at_utc: datetime
    """When the status was published (host wall clock, UTC)."""

    @property
    def usable_groups(self) -> frozenset[InverterBatteryGroup]:
        """The groups with at least one healthy inverter and one healthy battery."""
        return frozenset(
            group for group, status in self.groups.items() if status.is_usable
        )

    @property
    def healthy_component_ids(self) -> frozenset[ElectricalComponentId]:
        """The ids of all healthy components, usable groups or not."""
        healthy: set[ElectricalComponentId] = set()
        for status in self.groups.values():
            healthy |= status.healthy_component_ids
        return frozenset(healthy)

    def components_to_use(self) -> frozenset[ElectricalComponentId]:
        """Return the components a power distributor should command.

        The healthy components of the usable groups. Only when no group is
        usable, the components that each group offers with its blocked
        components counted as healthy (see
        [`InverterBatteryGroupStatus.components_to_use`][frequenz.telemetry_tracker.InverterBatteryGroupStatus.components_to_use]).
        """
        working: set[ElectricalComponentId] = set()
        for status in self.groups.values():
            if status.is_usable:
                working |= status.healthy_component_ids
        if working:
            return frozenset(working)
        fallback: set[ElectricalComponentId] = set()
        for status in self.groups.values():
            fallback |= status.components_to_use()
        return frozenset(fallback)
