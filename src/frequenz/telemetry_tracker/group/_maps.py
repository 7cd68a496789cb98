# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The group's four health maps, updated in place and snapshotted cheaply.

The maps are persistent hash maps (`immutables.Map`): an update costs
O(log n) and a snapshot costs nothing, so publishing a status does not copy
the maps however large the group is.
"""

from datetime import datetime

import immutables
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ..component import ComponentHealth
from ..health import ComponentKind
from ._group import InverterBatteryGroup
from ._status import InverterBatteryGroupStatus

_HealthMap = immutables.Map[ElectricalComponentId, ComponentHealth]


class GroupHealthMaps:
    """The latest health of every component of a group, split by side and health."""

    def __init__(
        self,
        group: InverterBatteryGroup,
        initial: dict[ElectricalComponentId, ComponentHealth],
    ) -> None:
        """Start from the components' initial health.

        Args:
            group: The group.
            initial: The initial health of every component of the group.
        """
        self._group = group
        self._healthy: dict[ComponentKind, _HealthMap] = {
            ComponentKind.INVERTER: immutables.Map(),
            ComponentKind.BATTERY: immutables.Map(),
        }
        self._unhealthy: dict[ComponentKind, _HealthMap] = dict(self._healthy)
        self._sequence = 0
        self._changed: set[ElectricalComponentId] = set()
        for health in initial.values():
            self.apply(health)
        self._changed.clear()

    def apply(self, health: ComponentHealth) -> bool:
        """Record a component's new health.

        Args:
            health: The component's latest health.

        Returns:
            Whether the component's health reasons changed (a transition).
        """
        component_id = health.component_id
        kind = health.kind
        healthy, unhealthy = self._healthy[kind], self._unhealthy[kind]
        previous = healthy.get(component_id) or unhealthy.get(component_id)
        if health.is_healthy:
            self._healthy[kind] = healthy.set(component_id, health)
            if previous is not None and not previous.is_healthy:
                self._unhealthy[kind] = unhealthy.delete(component_id)
        else:
            self._unhealthy[kind] = unhealthy.set(component_id, health)
            if previous is not None and previous.is_healthy:
                self._healthy[kind] = healthy.delete(component_id)
        changed = previous is None or previous.reasons != health.reasons
        if changed:
            self._changed.add(component_id)
        return changed

    def snapshot(
        self, *, now_loop_s: float, now_utc: datetime
    ) -> InverterBatteryGroupStatus:
        """Build the status to publish, and start a new change set.

        Args:
            now_loop_s: The publishing time (event-loop clock, seconds).
            now_utc: The publishing time (host wall clock, UTC).

        Returns:
            An immutable status sharing the current maps.
        """
        status = InverterBatteryGroupStatus(
            group=self._group,
            healthy_inverters=self._healthy[ComponentKind.INVERTER],
            healthy_batteries=self._healthy[ComponentKind.BATTERY],
            unhealthy_inverters=self._unhealthy[ComponentKind.INVERTER],
            unhealthy_batteries=self._unhealthy[ComponentKind.BATTERY],
            sequence=self._sequence,
            changed_ids=frozenset(self._changed),
            published_at_loop_s=now_loop_s,
            published_at_utc=now_utc,
        )
        self._sequence += 1
        self._changed.clear()
        return status
