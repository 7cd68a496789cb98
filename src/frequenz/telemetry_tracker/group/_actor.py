# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The actor that merges component health into one group status."""

import asyncio
import logging
from collections.abc import Mapping
from datetime import timedelta

from frequenz.channels import (
    BroadcastChannel,
    BroadcastReceiver,
    Receiver,
    Sender,
)
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from .._errors import ConfigurationError
from .._ids import format_ids
from .._owning_actor import OwningActor
from ..client import TelemetrySource
from ..component import (
    ComponentHealth,
    ComponentStats,
    ComponentTelemetryActor,
    WallClock,
    default_resubscribe_backoff,
    no_data_yet,
    utc_now,
)
from ..health import ComponentKind, HealthPolicy
from ._blocking import ComponentBlocker, PowerCommandResult
from ._group import InverterBatteryGroup
from ._maps import GroupHealthMaps
from ._merge import HealthMerger
from ._status import InverterBatteryGroupStatus

_logger = logging.getLogger(__name__)


class InverterBatteryGroupActor(OwningActor):
    """Tracks the health of an inverter-battery group and publishes its status.

    The actor starts and owns one
    [`ComponentTelemetryActor`][frequenz.telemetry_tracker.ComponentTelemetryActor]
    per component; stopping it stops them all. The component actors send on
    two shared channels, one per side, and this actor selects over those two.

    Publishing rule: a status is published

    1. once at start, with every component unhealthy (no data yet);
    2. immediately after every health transition (a change in a component's
       set of reasons), one status per transition, even when several arrive
       in one event-loop turn;
    3. for samples that change no health, once no more updates are queued:
       a burst of queued samples yields one status, and a lone sample yields
       one status carrying it.

    The status channel resends the latest status to every new receiver.
    """

    def __init__(
        self,
        *,
        group: InverterBatteryGroup,
        telemetry_source: TelemetrySource | None = None,
        telemetry_receivers: Mapping[
            ElectricalComponentId, Receiver[ComponentDataSamples]
        ]
        | None = None,
        missing_data_tolerance: timedelta = timedelta(seconds=1),
        policy: HealthPolicy | None = None,
        wall_clock: WallClock = utc_now,
        status_sender: Sender[InverterBatteryGroupStatus] | None = None,
        command_result_receiver: Receiver[PowerCommandResult] | None = None,
        max_block_time: timedelta = timedelta(seconds=30),
        name: str | None = None,
    ) -> None:
        """Create the actor and its component actors; nothing runs until started.

        Args:
            group: The group to track.
            telemetry_source: Opens (and reopens) each component's telemetry
                stream, for example a
                [`MicrogridClientTelemetrySource`][frequenz.telemetry_tracker.client.MicrogridClientTelemetrySource].
            telemetry_receivers: Ready telemetry streams, one per component,
                in place of `telemetry_source`; these are not reopened.
            missing_data_tolerance: How long without a sample makes a
                component unhealthy.
            policy: The health policy; the default policy if `None`.
            wall_clock: Returns the host's wall-clock time (UTC).
            status_sender: A sender that gets every status too, besides the
                actor's own channel; a pool uses it to merge its groups.
            command_result_receiver: Results of power commands, from a power
                distributor. A healthy component whose command failed is
                blocked for 1 s, doubling with each further failure up to
                `max_block_time`; a success ends the block.
            max_block_time: The maximum block time after failed commands.
            name: The actor's name, for logs.

        Raises:
            ConfigurationError: If not exactly one telemetry source is given,
                or the receivers do not match the group's components.
        """
        super().__init__(name=name or f"group{format_ids(group.component_ids)}")
        _check_sources(group, telemetry_source, telemetry_receivers)
        if telemetry_receivers is not None:
            # Plain integer keys are accepted, as in InverterBatteryGroup.
            telemetry_receivers = {
                ElectricalComponentId(int(key)): receiver
                for key, receiver in telemetry_receivers.items()
            }
        self._group = group
        self._wall_clock = wall_clock
        self._inverter_sender, self._inverter_receiver = BroadcastChannel[
            ComponentHealth
        ](f"{self.name}-inverter-health", limit=_queue_limit(group))
        self._battery_sender, self._battery_receiver = BroadcastChannel[
            ComponentHealth
        ](f"{self.name}-battery-health", limit=_queue_limit(group))
        self._status_sender, self._latest_status_keeper = BroadcastChannel[
            InverterBatteryGroupStatus
        ](f"{self.name}-status", resend_latest=True, limit=1, warn_on_overflow=False)
        self._component_actors: list[ComponentTelemetryActor] = []
        for kind, ids in (
            (ComponentKind.INVERTER, group.inverter_ids),
            (ComponentKind.BATTERY, group.battery_ids),
        ):
            for component_id in sorted(ids):
                self._component_actors.append(
                    self._make_component_actor(
                        component_id,
                        kind,
                        source=telemetry_source,
                        receivers=telemetry_receivers,
                        tolerance=missing_data_tolerance,
                        policy=policy or HealthPolicy(),
                    )
                )
        self._children = self._component_actors
        self._extra_status_sender = status_sender
        self._command_results = command_result_receiver
        if max_block_time <= timedelta(0):
            raise ConfigurationError(
                f"Invalid max_block_time of {max_block_time.total_seconds():g} s for "
                f"group {group}: expected a positive duration."
            )
        self._blocker = ComponentBlocker(
            initial_block_s=min(1.0, max_block_time.total_seconds()),
            max_block_s=max_block_time.total_seconds(),
        )
        self._maps: GroupHealthMaps | None = None
        self._latest_status: InverterBatteryGroupStatus | None = None

    @property
    def group(self) -> InverterBatteryGroup:
        """The group this actor tracks."""
        return self._group

    @property
    def latest_status(self) -> InverterBatteryGroupStatus | None:
        """The latest published status, or `None` before the first one."""
        return self._latest_status

    def component_stats(self) -> dict[ElectricalComponentId, ComponentStats]:
        """Return every component's counters; components not started are left out."""
        stats: dict[ElectricalComponentId, ComponentStats] = {}
        for actor in self._component_actors:
            component_stats = actor.stats()
            if component_stats is not None:
                stats[actor.component_id] = component_stats
        return stats

    def new_status_receiver(
        self, *, name: str | None = None, limit: int = 50
    ) -> BroadcastReceiver[InverterBatteryGroupStatus]:
        """Return a new receiver of the group status.

        The receiver gets the latest status at once, if one was published.

        Args:
            name: The receiver's name, for logs.
            limit: How many statuses the receiver buffers before the oldest
                are dropped. Nothing is logged when one is dropped, because
                a reader that lags needs only the latest status, and a
                warning per status would flood the log.

        Returns:
            A receiver of every status published from now on.
        """
        return self._status_sender.subscribe(
            name=name, limit=limit, warn_on_overflow=False
        )

    def _make_component_actor(
        self,
        component_id: ElectricalComponentId,
        kind: ComponentKind,
        *,
        source: TelemetrySource | None,
        receivers: Mapping[ElectricalComponentId, Receiver[ComponentDataSamples]]
        | None,
        tolerance: timedelta,
        policy: HealthPolicy,
    ) -> ComponentTelemetryActor:
        sender = (
            self._inverter_sender
            if kind is ComponentKind.INVERTER
            else self._battery_sender
        )
        if source is not None:

            def open_stream() -> Receiver[ComponentDataSamples]:
                return source.open_stream(component_id, kind)

            factory = open_stream
            receiver = None
        else:
            factory = None
            receiver = (receivers or {})[component_id]
        return ComponentTelemetryActor(
            component_id=component_id,
            kind=kind,
            health_sender=sender.clone(),
            telemetry_receiver=receiver,
            telemetry_stream_factory=factory,
            missing_data_tolerance=tolerance,
            policy=policy,
            resubscribe_backoff=default_resubscribe_backoff(),
            wall_clock=self._wall_clock,
            name=f"component-{kind.value}-{component_id}",
        )

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        if self._maps is None:
            self._maps = GroupHealthMaps(
                self._group,
                {
                    actor.component_id: no_data_yet(
                        actor.component_id,
                        actor.kind,
                        now_loop_s=loop.time(),
                        now_utc=self._wall_clock(),
                    )
                    for actor in self._component_actors
                },
                self._blocker,
            )
        await self._publish(self._maps)
        await self._merge(self._maps)

    async def _merge(self, maps: GroupHealthMaps) -> None:
        merger = HealthMerger(
            group=self._group,
            maps=maps,
            inverters=self._inverter_receiver,
            batteries=self._battery_receiver,
            publish=self._publish,
            wall_clock=self._wall_clock,
        )
        if self._command_results is None:
            await merger.run()
        else:
            await merger.run_with_feedback(self._command_results)

    async def _publish(self, maps: GroupHealthMaps) -> None:
        previous = self._latest_status
        status = maps.snapshot(
            now_loop_s=asyncio.get_running_loop().time(), now_utc=self._wall_clock()
        )
        self._latest_status = status
        if previous is not None and previous.is_usable != status.is_usable:
            if status.is_usable:
                _logger.info("Group %s: usable again.", self._group)
            else:
                missing = [
                    side
                    for side, healthy in (
                        ("inverter", status.healthy_inverters),
                        ("battery", status.healthy_batteries),
                    )
                    if not healthy
                ]
                _logger.warning(
                    "Group %s: not usable, no healthy %s.",
                    self._group,
                    " and no healthy ".join(missing),
                )
        await self._status_sender.send(status)
        if self._extra_status_sender is not None:
            await self._extra_status_sender.send(status)


def _queue_limit(group: InverterBatteryGroup) -> int:
    # NOTE: The shared channels drop their oldest update when full. The limit
    # is sized for several updates per component, so the actor would have to
    # fall that far behind to lose one.
    return max(64, 16 * len(group.component_ids))


def _check_sources(
    group: InverterBatteryGroup,
    source: TelemetrySource | None,
    receivers: Mapping[ElectricalComponentId, Receiver[ComponentDataSamples]] | None,
) -> None:
    if (source is None) == (receivers is None):
        raise ConfigurationError(
            f"Invalid telemetry for group {group}: give exactly one of "
            "telemetry_source and telemetry_receivers."
        )
    if receivers is None:
        return
    given = frozenset(ElectricalComponentId(int(i)) for i in receivers)
    missing = group.component_ids - given
    extra = given - group.component_ids
    problems = []
    if missing:
        problems.append(f"no receiver for {format_ids(missing)}")
    if extra:
        problems.append(
            f"receivers for {format_ids(extra)}, which are not in the group"
        )
    if problems:
        raise ConfigurationError(
            f"Invalid telemetry_receivers for group {group}: {' and '.join(problems)}; "
            "give exactly one receiver per component."
        )
