# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The actor that splits power requests over the healthy inverters of a pool."""

import asyncio
import logging
from collections.abc import Iterable, Sized
from datetime import datetime, timedelta
from typing import Any, Protocol

from frequenz.channels import Receiver, Sender, select, selected_from
from frequenz.client.common.microgrid.components import ComponentId
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid import ApiClientError
from frequenz.sdk.actor import Actor

from frequenz.telemetry_tracker import InverterBatteryPoolStatus, PoolBounds
from frequenz.telemetry_tracker.client import to_client_component_id
from frequenz.telemetry_tracker.group import PowerCommandResult

from ._messages import CommandOutcome, Distribution, PowerRequest
from ._split import clamp_to_bounds, split_power

_logger = logging.getLogger(__name__)


class PowerCommandClient(Protocol):
    """The part of `MicrogridApiClient` that sends power commands."""

    async def set_component_power_active(
        self,
        component: ComponentId,
        power: float,
        *,
        request_lifetime: timedelta | None = None,
    ) -> datetime | None:
        """Set a component's active power in watts, positive to charge."""
        ...  # pylint: disable=unnecessary-ellipsis


class PowerDistributorActor(Actor):
    """Splits each power request over the inverters that the pool status offers.

    For every request the actor takes the latest pool status and pool
    bounds: it takes up a request only once no status and no bounds are
    queued on their receivers (when the receivers report their queue
    length, as a `BroadcastReceiver` does). It then clamps the requested
    power to the bounds,
    splits it over the inverters of `components_to_use()` and sends each
    share with `set_component_power_active`, all at once. It then reports
    the results to the pool as one `PowerCommandResult`, so that inverters
    whose command failed are blocked, and sends a `Distribution` describing
    the request, the basis and the results.

    NOTE: The actor waits for the commands of one request before it takes
    up the next, so a slow server delays later requests by up to the
    command timeout.
    """

    def __init__(
        self,
        *,
        request_receiver: Receiver[PowerRequest],
        status_receiver: Receiver[InverterBatteryPoolStatus],
        bounds_receiver: Receiver[PoolBounds],
        client: PowerCommandClient,
        result_sender: Sender[PowerCommandResult],
        distribution_sender: Sender[Distribution],
        command_timeout: timedelta = timedelta(seconds=5),
        name: str | None = None,
    ) -> None:
        """Create the actor, which reads requests once started.

        Args:
            request_receiver: The power requests.
            status_receiver: The pool statuses, from the pool actor.
            bounds_receiver: The pool bounds, from the bounds actor.
            client: Sends the power commands, for example the SDK's client.
            result_sender: Where the results of the commands go: the pool's
                command result receiver.
            distribution_sender: Where a `Distribution` goes after each request.
            command_timeout: How long a command may take before it counts
                as failed.
            name: The actor's name, for logs.
        """
        super().__init__(name=name or "power-distributor")
        self._requests = request_receiver
        self._statuses = status_receiver
        self._bounds_receiver = bounds_receiver
        self._client = client
        self._result_sender = result_sender
        self._distribution_sender = distribution_sender
        self._command_timeout_s = command_timeout.total_seconds()
        self._status: InverterBatteryPoolStatus | None = None
        self._bounds: PoolBounds | None = None
        self._waiting_requests: list[PowerRequest] = []

    async def _run(self) -> None:
        requests = self._requests
        statuses = self._statuses
        bounds = self._bounds_receiver
        async for selected in select(requests, statuses, bounds):
            if selected.was_stopped:
                _logger.info("%s: an input stream ended, so the actor stops.", self)
                return

            if selected_from(selected, requests):
                self._waiting_requests.append(selected.message)

            elif selected_from(selected, statuses):
                self._status = selected.message

            elif selected_from(selected, bounds):
                self._bounds = selected.message

            if not _has_queued(statuses) and not _has_queued(bounds):
                await self._distribute_waiting()

    async def _distribute_waiting(self) -> None:
        while self._waiting_requests:
            await self._distribute(self._waiting_requests.pop(0))

    async def _distribute(self, request: PowerRequest) -> None:
        handled_at_loop_s = asyncio.get_running_loop().time()
        status, bounds = self._status, self._bounds
        target_w = None
        commands: tuple[CommandOutcome, ...] = ()
        if status is not None and bounds is not None:
            target_w = clamp_to_bounds(request.power_w, bounds)
        if status is not None and target_w is not None:
            commands = await self._send_commands(split_power(target_w, status))
        if commands:
            await self._result_sender.send(_result_of(commands))
        await self._distribution_sender.send(
            Distribution(
                request=request,
                status=status,
                bounds=bounds,
                target_w=target_w,
                commands=commands,
                handled_at_loop_s=handled_at_loop_s,
            )
        )

    async def _send_commands(
        self, shares_w: dict[ElectricalComponentId, float]
    ) -> tuple[CommandOutcome, ...]:
        ordered = sorted(shares_w.items(), key=lambda item: int(item[0]))
        return tuple(
            await asyncio.gather(
                *(self._send_command(cid, power_w) for cid, power_w in ordered)
            )
        )

    async def _send_command(
        self, component_id: ElectricalComponentId, power_w: float
    ) -> CommandOutcome:
        sent_at_loop_s = asyncio.get_running_loop().time()
        error: str | None = None
        try:
            async with asyncio.timeout(self._command_timeout_s):
                await self._client.set_component_power_active(
                    to_client_component_id(component_id), power_w
                )
        except ApiClientError as api_error:
            error = type(api_error).__name__
            _logger.warning(
                "Component %s: power command of %.0f W failed: %s",
                component_id,
                power_w,
                api_error,
            )
        except TimeoutError:
            error = f"timed out after {self._command_timeout_s:g} s"
            _logger.warning(
                "Component %s: power command of %.0f W %s.",
                component_id,
                power_w,
                error,
            )
        return CommandOutcome(
            component_id=component_id,
            power_w=power_w,
            sent_at_loop_s=sent_at_loop_s,
            error=error,
        )


def _has_queued(receiver: Receiver[Any]) -> bool:
    return isinstance(receiver, Sized) and len(receiver) > 0


def _result_of(commands: Iterable[CommandOutcome]) -> PowerCommandResult:
    succeeded: set[ElectricalComponentId] = set()
    failed: set[ElectricalComponentId] = set()
    for command in commands:
        (succeeded if command.succeeded else failed).add(command.component_id)
    return PowerCommandResult(succeeded=frozenset(succeeded), failed=frozenset(failed))
