# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The messages of the power application: requests and what became of them."""

from dataclasses import dataclass

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from frequenz.telemetry_tracker import InverterBatteryPoolStatus, PoolBounds


@dataclass(frozen=True, slots=True, kw_only=True)
class PowerRequest:
    """A request to set the pool to a power."""

    number: int
    """The position of the request among those sent, from 0."""

    power_w: float
    """The requested pool power in watts, positive to charge the batteries."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandOutcome:
    """One power command sent to one inverter, and its result."""

    component_id: ElectricalComponentId
    """The inverter the command went to."""

    power_w: float
    """The commanded active power, in watts."""

    sent_at_loop_s: float
    """When the command was sent (event-loop monotonic clock, seconds)."""

    error: str | None
    """Why the command failed, or `None` if it succeeded: the client's
    exception class, such as `OperationPreconditionFailed`, or a timeout."""

    @property
    def succeeded(self) -> bool:
        """Whether the command succeeded."""
        return self.error is None


@dataclass(frozen=True, slots=True, kw_only=True)
class Distribution:
    """The outcome of one power request: its commands and the status and bounds used."""

    request: PowerRequest
    """The request."""

    status: InverterBatteryPoolStatus | None
    """The pool status the split was based on, or `None` before the first one."""

    bounds: PoolBounds | None
    """The pool bounds the request was clamped to, or `None` before the first."""

    target_w: float | None
    """The request clamped to the bounds, in watts, or `None` if nothing was sent."""

    commands: tuple[CommandOutcome, ...]
    """The commands sent, one per inverter, sorted by component id."""

    handled_at_loop_s: float
    """When the request was taken up (event-loop monotonic clock, seconds)."""

    @property
    def note(self) -> str:
        """Why no command was sent, or an empty string if some were."""
        if self.status is None:
            return "no pool status yet"
        if self.bounds is None:
            return "no pool bounds yet"
        if self.target_w is None:
            return "no power possible: the pool bounds are empty"
        if not self.commands:
            return "no inverter to command"
        return ""
