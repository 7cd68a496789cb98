# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The actor that runs one group actor per group and publishes the pool status."""

import asyncio
import logging
from collections.abc import Iterable
from datetime import timedelta

import immutables
from frequenz.channels import (
    BroadcastChannel,
    BroadcastReceiver,
    Receiver,
    select,
    selected_from,
)
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from .._errors import ConfigurationError
from .._ids import format_ids
from .._owning_actor import OwningActor
from ..client import TelemetrySource
from ..component import ComponentStats, WallClock, utc_now
from ..group import (
    InverterBatteryGroup,
    InverterBatteryGroupActor,
    InverterBatteryGroupStatus,
    PowerCommandResult,
)
from ..health import HealthPolicy
from ._status import InverterBatteryPoolStatus

_logger = logging.getLogger(__name__)


class InverterBatteryPoolActor(OwningActor):
    """Tracks several inverter-battery groups and publishes one pool status.

    The actor starts and owns one
    [`InverterBatteryGroupActor`][frequenz.telemetry_tracker.InverterBatteryGroupActor]
    per group; all of them send their statuses on one shared channel, which
    this actor reads. It publishes with the same rule as a group: once all
    groups have published their first status, then immediately for every
    group status that carries a transition, and once no more group statuses
    are queued for those that do not.
    """

    def __init__(
        self,
        *,
        groups: Iterable[InverterBatteryGroup],
        telemetry_source: TelemetrySource,
        missing_data_tolerance: timedelta = timedelta(seconds=1),
        policy: HealthPolicy | None = None,
        wall_clock: WallClock = utc_now,
        command_result_receiver: Receiver[PowerCommandResult] | None = None,
        max_block_time: timedelta = timedelta(seconds=30),
        name: str | None = None,
    ) -> None:
        """Create the pool and its group actors; nothing runs until started.

        Args:
            groups: The groups to track, for example from
                [`discover_groups`][frequenz.telemetry_tracker.pool.discover_groups].
            telemetry_source: Opens each component's telemetry stream.
            missing_data_tolerance: How long without a sample makes a
                component unhealthy.
            policy: The health policy; the default policy if `None`.
            wall_clock: Returns the host's wall-clock time (UTC).
            command_result_receiver: Results of power commands, passed on to
                every group (see
                [`InverterBatteryGroupActor`][frequenz.telemetry_tracker.InverterBatteryGroupActor]).
            max_block_time: The maximum block time after failed commands.
            name: The actor's name, for logs.

        Raises:
            ConfigurationError: If there is no group, or a component is in
                more than one group.
        """
        super().__init__(name=name or "inverter-battery-pool")
        self._groups = tuple(groups)
        _check_groups(self._groups)
        self._wall_clock = wall_clock
        self._group_sender, self._group_receiver = BroadcastChannel[
            InverterBatteryGroupStatus
        ](f"{self.name}-group-statuses", limit=max(64, 16 * len(self._groups)))
        self._status_sender, self._latest_keeper = BroadcastChannel[
            InverterBatteryPoolStatus
        ](f"{self.name}-status", resend_latest=True, limit=1, warn_on_overflow=False)
        self._command_results = command_result_receiver
        self._result_sender, self._result_keeper = BroadcastChannel[PowerCommandResult](
            f"{self.name}-command-results", warn_on_overflow=False
        )
        self._group_actors = [
            InverterBatteryGroupActor(
                group=group,
                telemetry_source=telemetry_source,
                missing_data_tolerance=missing_data_tolerance,
                policy=policy,
                wall_clock=wall_clock,
                status_sender=self._group_sender.clone(),
                command_result_receiver=(
                    None
                    if command_result_receiver is None
                    else self._result_sender.subscribe()
                ),
                max_block_time=max_block_time,
                name=f"{self.name}-group{format_ids(group.component_ids)}",
            )
            for group in self._groups
        ]
        self._children = self._group_actors
        self._statuses: immutables.Map[
            InverterBatteryGroup, InverterBatteryGroupStatus
        ] = immutables.Map()
        self._changed: set[InverterBatteryGroup] = set()
        self._sequence = 0
        self._pending = False
        self._latest_status: InverterBatteryPoolStatus | None = None

    @property
    def groups(self) -> tuple[InverterBatteryGroup, ...]:
        """The groups of this pool."""
        return self._groups

    @property
    def latest_status(self) -> InverterBatteryPoolStatus | None:
        """The latest published pool status, or `None` before the first one."""
        return self._latest_status

    def component_stats(self) -> dict[ElectricalComponentId, ComponentStats]:
        """Return the counters of every started component of every group."""
        stats: dict[ElectricalComponentId, ComponentStats] = {}
        for actor in self._group_actors:
            stats.update(actor.component_stats())
        return stats

    def new_status_receiver(
        self, *, name: str | None = None, limit: int = 50
    ) -> BroadcastReceiver[InverterBatteryPoolStatus]:
        """Return a new receiver of the pool status; it gets the latest at once.

        Args:
            name: The receiver's name, for logs.
            limit: How many statuses the receiver buffers before the oldest
                are dropped. Nothing is logged when one is dropped, because
                a reader that lags needs only the latest status, and a
                warning per status would flood the log.

        Returns:
            A receiver of every pool status published from now on.
        """
        return self._status_sender.subscribe(
            name=name, limit=limit, warn_on_overflow=False
        )

    async def _run(self) -> None:
        if self._latest_status is not None:
            await self._publish()
        statuses = self._group_receiver
        if self._command_results is None:
            async for status in statuses:
                await self._on_group_status(status)
            return
        results = self._command_results
        async for selected in select(statuses, results):
            if selected_from(selected, statuses):
                await self._on_group_status(selected.message)
            elif selected_from(selected, results):
                await self._result_sender.send(selected.message)

    async def _on_group_status(self, status: InverterBatteryGroupStatus) -> None:
        self._statuses = self._statuses.set(status.group, status)
        is_transition = bool(status.changed_ids) or status.sequence == 0
        if is_transition:
            self._changed.add(status.group)
        if len(self._statuses) < len(self._groups):
            return
        if is_transition:
            await self._publish()
        else:
            self._pending = True
        if self._pending and not len(self._group_receiver):
            await self._publish()

    async def _publish(self) -> None:
        status = InverterBatteryPoolStatus(
            groups=self._statuses,
            sequence=self._sequence,
            changed_groups=frozenset(self._changed),
            published_at_loop_s=asyncio.get_running_loop().time(),
            published_at_utc=self._wall_clock(),
        )
        self._sequence += 1
        self._changed.clear()
        self._pending = False
        self._latest_status = status
        await self._status_sender.send(status)


def _check_groups(groups: tuple[InverterBatteryGroup, ...]) -> None:
    if not groups:
        raise ConfigurationError(
            "Invalid pool: no groups given; give at least one group."
        )
    seen: set[object] = set()
    for group in groups:
        shared = group.component_ids & seen
        if shared:
            raise ConfigurationError(
                f"Invalid pool: components {format_ids(shared)} are in more than one group."
            )
        seen |= group.component_ids
