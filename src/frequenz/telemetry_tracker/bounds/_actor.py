# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The actor that turns group statuses into published pool bounds."""

import logging
from collections.abc import Iterable, Sized

from frequenz.channels import BroadcastChannel, BroadcastReceiver, Receiver
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.sdk.actor import Actor

from ..group import InverterBatteryGroupStatus
from ..pool import InverterBatteryPoolStatus
from ._calculation import BoundsCalculation, calculate_pool_bounds
from ._pool_bounds import PoolBounds

_logger = logging.getLogger(__name__)

GroupOrPoolStatus = InverterBatteryGroupStatus | InverterBatteryPoolStatus
"""The status of one group, or of a pool: the latest status of each of its groups."""


class PoolBoundsActor(Actor):
    """Publishes the power bounds of a pool of groups, whenever they change.

    The actor receives either the status of one group or the status of a
    pool of groups. Each message replaces the previous one. For every
    message it calculates the
    [`PoolBounds`][frequenz.telemetry_tracker.bounds.PoolBounds] and
    publishes them only when they differ from the latest published bounds.
    When the status receiver reports its queue length (as a
    `BroadcastReceiver` does), queued messages are skipped in favour of the
    newest one.

    A component whose bounds are missing or invalid is left out, with one
    warning when that starts and one info message when its bounds are used
    again. The bounds channel resends the latest bounds to every new
    receiver. The actor stops when the status receiver stops.
    """

    def __init__(
        self,
        *,
        status_receiver: Receiver[GroupOrPoolStatus],
        name: str | None = None,
    ) -> None:
        """Create the actor; it starts reading statuses when started.

        Args:
            status_receiver: The statuses of one group, from
                [`InverterBatteryGroupActor.new_status_receiver()`][frequenz.telemetry_tracker.InverterBatteryGroupActor.new_status_receiver],
                or of a pool, from
                [`InverterBatteryPoolActor.new_status_receiver()`][frequenz.telemetry_tracker.pool.InverterBatteryPoolActor.new_status_receiver].
            name: The actor's name, for logs.
        """
        super().__init__(name=name or "pool-bounds")
        self._status_receiver = status_receiver
        self._bounds_sender, self._latest_bounds_keeper = BroadcastChannel[PoolBounds](
            f"{self.name}-bounds", resend_latest=True, limit=1, warn_on_overflow=False
        )
        self._latest_bounds: PoolBounds | None = None
        self._left_out_ids: set[ElectricalComponentId] = set()

    @property
    def latest_bounds(self) -> PoolBounds | None:
        """The latest published bounds, or `None` before the first status."""
        return self._latest_bounds

    def new_bounds_receiver(
        self, *, name: str | None = None, limit: int = 50
    ) -> BroadcastReceiver[PoolBounds]:
        """Return a new receiver of the pool bounds.

        The receiver gets the latest bounds at once, if any were published.

        Args:
            name: The receiver's name, for logs.
            limit: How many bounds the receiver buffers before the oldest
                are dropped.

        Returns:
            A receiver of every bounds value published from now on.
        """
        return self._bounds_sender.subscribe(name=name, limit=limit)

    async def _run(self) -> None:
        async for message in self._status_receiver:
            latest = await self._skip_queued(message)
            calculation = calculate_pool_bounds(_statuses_of(latest))
            self._log_left_out_changes(calculation)
            await self._publish_if_changed(calculation.pool_bounds)
        _logger.info("%s: the status stream ended; stopping.", self)

    async def _skip_queued(self, message: GroupOrPoolStatus) -> GroupOrPoolStatus:
        """Return the newest of the messages already queued, or this one."""
        receiver = self._status_receiver
        while isinstance(receiver, Sized) and len(receiver) > 0:
            message = await receiver.receive()
        return message

    def _log_left_out_changes(self, calculation: BoundsCalculation) -> None:
        for component_id, reason in calculation.left_out_reasons.items():
            if component_id not in self._left_out_ids:
                self._left_out_ids.add(component_id)
                _logger.warning(
                    "Component %s: bounds left out of the pool bounds. %s",
                    component_id,
                    reason,
                )
        for component_id in calculation.used_component_ids & self._left_out_ids:
            self._left_out_ids.discard(component_id)
            _logger.info("Component %s: bounds valid again.", component_id)

    async def _publish_if_changed(self, bounds: PoolBounds) -> None:
        previous = self._latest_bounds
        if bounds == previous:
            return

        self._latest_bounds = bounds
        _logger.debug("%s: publishing pool bounds %s.", self, bounds)
        if previous is not None and previous.is_empty != bounds.is_empty:
            if bounds.is_empty:
                _logger.warning("%s: pool bounds empty, no power possible.", self)
            else:
                _logger.info("%s: pool bounds not empty, power possible again.", self)
        await self._bounds_sender.send(bounds)


def _statuses_of(
    message: GroupOrPoolStatus,
) -> Iterable[InverterBatteryGroupStatus]:
    if isinstance(message, InverterBatteryGroupStatus):
        return (message,)
    return message.groups.values()
