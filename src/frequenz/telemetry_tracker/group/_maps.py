# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The group's four health maps, updated in place and snapshotted cheaply.

The maps are persistent hash maps (`immutables.Map`): an update costs
O(log n) and a snapshot costs nothing, so publishing a status does not copy
the maps however large the group is.
"""

from dataclasses import replace
from datetime import datetime, timedelta

import immutables
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ..component import ComponentHealth
from ..health import ComponentKind, UnhealthyReason
from ._blocking import ComponentBlocker
from ._group import InverterBatteryGroup
from ._status import InverterBatteryGroupStatus

_HealthMap = immutables.Map[ElectricalComponentId, ComponentHealth]


class GroupHealthMaps:
    """The latest health of every component of a group, split by side and health."""

    def __init__(
        self,
        group: InverterBatteryGroup,
        initial: dict[ElectricalComponentId, ComponentHealth],
        blocker: ComponentBlocker | None = None,
    ) -> None:
        """Start from the components' initial health.

        Args:
            group: The group.
            initial: The initial health of every component of the group.
            blocker: Where blocks after failed power commands are kept.
        """
        self._group = group
        self._blocker = blocker or ComponentBlocker()
        self._reported: dict[ElectricalComponentId, ComponentHealth] = {}
        self._block_ends_utc: dict[ElectricalComponentId, datetime] = {}
        self._block_starts: dict[ElectricalComponentId, tuple[float, datetime]] = {}
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
        """Record a component's new health, as its actor reported it.

        Args:
            health: The component's latest health.

        Returns:
            Whether the component's health reasons changed (a transition).
        """
        self._reported[health.component_id] = health
        return self._store(self._with_block(health))

    def block(
        self,
        component_id: ElectricalComponentId,
        *,
        now_loop_s: float,
        now_utc: datetime,
    ) -> bool:
        """Block a component whose power command failed, if it is healthy.

        Returns:
            Whether the component's health reasons changed (a transition).
        """
        reported = self._reported.get(component_id)
        if reported is None or not reported.is_healthy:
            return False
        block_s = self._blocker.fail(component_id, now_loop_s=now_loop_s)
        self._block_ends_utc[component_id] = now_utc + timedelta(seconds=block_s)
        self._block_starts.setdefault(component_id, (now_loop_s, now_utc))
        self._store(self._with_block(reported))
        # A longer block is news even when the reasons stay the same.
        self._changed.add(component_id)
        return True

    def unblock(self, component_id: ElectricalComponentId) -> bool:
        """Clear a component's block after a successful command.

        Returns:
            Whether the component's health reasons changed (a transition).
        """
        if not self._blocker.succeed(component_id):
            return False
        self._block_starts.pop(component_id, None)
        return self._store(self._reported[component_id])

    def end_due_blocks(self, *, now_loop_s: float) -> bool:
        """End the blocks that are due.

        Returns:
            Whether any component's health reasons changed.
        """
        changed = False
        for component_id in self._blocker.expire(now_loop_s=now_loop_s):
            self._block_starts.pop(component_id, None)
            changed = self._store(self._reported[component_id]) or changed
        return changed

    def next_block_end_loop_s(self) -> float | None:
        """Return when the next block ends (event-loop clock), or `None`."""
        return self._blocker.next_expiry_loop_s()

    def _with_block(self, health: ComponentHealth) -> ComponentHealth:
        until_loop_s = self._blocker.blocked_until(health.component_id)
        if until_loop_s is None or not health.is_healthy:
            return health
        until_utc = self._block_ends_utc[health.component_id]
        since_loop_s, since_utc = self._block_starts[health.component_id]
        return replace(
            health,
            since_loop_s=since_loop_s,
            since_utc=since_utc,
            reasons=frozenset({UnhealthyReason.BLOCKED}),
            detail=f"power command failed; blocked until {until_utc.isoformat()}",
            blocked_until_loop_s=until_loop_s,
            blocked_until_utc=until_utc,
        )

    def _store(self, health: ComponentHealth) -> bool:
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
