# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The reference design that B4 compares against, as a small sketch.

One task selects over one telemetry receiver per component (and a timer for
the missing-data sweep), judges each sample with the package's own
`ComponentHealthTracker`, and publishes a status holding a full copy of all
four health maps on every sample. It publishes the same
`InverterBatteryGroupStatus` as the tracker, so a subscriber cannot tell the
two apart; only the cost differs.
"""

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from frequenz.channels import (
    BroadcastChannel,
    BroadcastReceiver,
    Receiver,
    select,
    selected_from,
)
from frequenz.channels.timer import SkipMissedAndDrift, Timer
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import (
    ComponentHealth,
    ComponentKind,
    HealthPolicy,
    InverterBatteryGroup,
    InverterBatteryGroupStatus,
)
from frequenz.telemetry_tracker.component import ComponentHealthTracker, SampleOutcome

_HealthDict = dict[ElectricalComponentId, ComponentHealth]


class ReferenceGroupTracker:
    """Tracks a group with one `select()` and publishes full copies of its maps."""

    def __init__(
        self,
        *,
        group: InverterBatteryGroup,
        telemetry_receivers: Mapping[
            ElectricalComponentId, Receiver[ComponentDataSamples]
        ],
        tolerance: timedelta,
    ) -> None:
        """Create the tracker; it runs while `run()` is awaited.

        Args:
            group: The group to track.
            telemetry_receivers: One telemetry receiver per component.
            tolerance: The missing-data tolerance.
        """
        self._group = group
        self._receivers = dict(telemetry_receivers)
        self._tolerance = tolerance
        self._trackers: dict[ElectricalComponentId, ComponentHealthTracker] = {}
        self._healthy: dict[ComponentKind, _HealthDict] = {k: {} for k in ComponentKind}
        self._unhealthy: dict[ComponentKind, _HealthDict] = {
            k: {} for k in ComponentKind
        }
        self._sequence = 0
        self._status_sender, self._latest_status_keeper = BroadcastChannel[
            InverterBatteryGroupStatus
        ]("reference-status", resend_latest=True, limit=1, warn_on_overflow=False)

    def new_status_receiver(
        self, limit: int = 50
    ) -> BroadcastReceiver[InverterBatteryGroupStatus]:
        """Return a new receiver of the statuses."""
        return self._status_sender.subscribe(limit=limit)

    async def run(self) -> None:
        """Track the group until cancelled."""
        self._start_trackers()
        await self._publish(frozenset())
        sweep = Timer(self._tolerance, SkipMissedAndDrift())
        receivers = list(self._receivers.items())
        try:
            async for selected in select(sweep, *self._receivers.values()):
                if selected_from(selected, sweep):
                    await self._sweep()
                    continue
                # select() names the receiver only through selected_from(), so
                # finding it takes a scan over the components.
                for component_id, receiver in receivers:
                    if selected_from(selected, receiver):
                        await self._on_sample(component_id, selected.message)
                        break
        finally:
            # Wakes the timer's own waiting task, which cancelling select()
            # leaves behind.
            sweep.close()

    def _start_trackers(self) -> None:
        loop = asyncio.get_running_loop()
        policy = HealthPolicy()
        for component_id in self._receivers:
            kind = (
                ComponentKind.INVERTER
                if component_id in self._group.inverter_ids
                else ComponentKind.BATTERY
            )
            tracker = ComponentHealthTracker(
                component_id=component_id,
                kind=kind,
                policy=policy,
                missing_data_tolerance_s=self._tolerance.total_seconds(),
                now_loop_s=loop.time(),
                now_utc=datetime.now(UTC),
            )
            self._trackers[component_id] = tracker
            self._place(tracker.current)

    async def _on_sample(
        self, component_id: ElectricalComponentId, sample: ComponentDataSamples
    ) -> None:
        tracker = self._trackers[component_id]
        previous = tracker.current
        outcome = tracker.on_sample(
            sample,
            now_loop_s=asyncio.get_running_loop().time(),
            now_utc=datetime.now(UTC),
        )
        if outcome is not SampleOutcome.ACCEPTED:
            return
        self._place(tracker.current)
        changed = previous.reasons != tracker.current.reasons
        await self._publish(frozenset({component_id}) if changed else frozenset())

    async def _sweep(self) -> None:
        now_loop_s = asyncio.get_running_loop().time()
        changed = set()
        for component_id, tracker in self._trackers.items():
            previous = tracker.current
            tracker.seconds_until_overdue(
                now_loop_s=now_loop_s, now_utc=datetime.now(UTC)
            )
            if tracker.current is not previous:
                self._place(tracker.current)
                changed.add(component_id)
        if changed:
            await self._publish(frozenset(changed))

    def _place(self, health: ComponentHealth) -> None:
        component_id, kind = health.component_id, health.kind
        self._healthy[kind].pop(component_id, None)
        self._unhealthy[kind].pop(component_id, None)
        side = self._healthy if health.is_healthy else self._unhealthy
        side[kind][component_id] = health

    async def _publish(self, changed_ids: frozenset[ElectricalComponentId]) -> None:
        status = InverterBatteryGroupStatus(
            group=self._group,
            healthy_inverters=dict(self._healthy[ComponentKind.INVERTER]),
            healthy_batteries=dict(self._healthy[ComponentKind.BATTERY]),
            unhealthy_inverters=dict(self._unhealthy[ComponentKind.INVERTER]),
            unhealthy_batteries=dict(self._unhealthy[ComponentKind.BATTERY]),
            sequence=self._sequence,
            changed_ids=changed_ids,
            published_at_loop_s=asyncio.get_running_loop().time(),
            published_at_utc=datetime.now(UTC),
        )
        self._sequence += 1
        await self._status_sender.send(status)
