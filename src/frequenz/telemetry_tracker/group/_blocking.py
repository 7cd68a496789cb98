# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Blocking of components whose power commands failed, with exponential back-off."""

from dataclasses import dataclass

from frequenz.client.base.retry import ExponentialBackoff
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from .._errors import ConfigurationError


@dataclass(frozen=True, slots=True, kw_only=True)
class PowerCommandResult:
    """The outcome of one round of power commands, as a power distributor reports it."""

    succeeded: frozenset[ElectricalComponentId] = frozenset()
    """The components whose power command succeeded."""

    failed: frozenset[ElectricalComponentId] = frozenset()
    """The components whose power command failed."""


class ComponentBlocker:
    """Keeps which components are blocked, and until when (event-loop clock).

    A component's first failure blocks it for `initial_block_s`; each further
    failure before a success doubles the time, up to `max_block_s`. A
    success clears the block and the doubling.
    """

    def __init__(
        self, *, initial_block_s: float = 1.0, max_block_s: float = 30.0
    ) -> None:
        """Create an empty blocker.

        Args:
            initial_block_s: The block after a first failure, in seconds.
            max_block_s: The maximum block time, in seconds.

        Raises:
            ConfigurationError: If the times are not positive or the maximum
                is below the initial time.
        """
        if not 0 < initial_block_s <= max_block_s:
            raise ConfigurationError(
                f"Invalid block times: initial {initial_block_s} s, maximum "
                f"{max_block_s} s; expected 0 < initial <= maximum."
            )
        self._initial_s = initial_block_s
        self._max_s = max_block_s
        self._backoffs: dict[ElectricalComponentId, ExponentialBackoff] = {}
        self._until_loop_s: dict[ElectricalComponentId, float] = {}

    def blocked_until(self, component_id: ElectricalComponentId) -> float | None:
        """Return when the component's block ends (loop time), or `None`."""
        return self._until_loop_s.get(component_id)

    def fail(self, component_id: ElectricalComponentId, *, now_loop_s: float) -> float:
        """Record a failed command and block the component.

        Args:
            component_id: The component whose command failed.
            now_loop_s: The current event-loop time (seconds).

        Returns:
            The length of the block, in seconds.
        """
        backoff = self._backoffs.get(component_id)
        if backoff is None:
            backoff = ExponentialBackoff(
                initial_interval=self._initial_s, max_interval=self._max_s, jitter=0.0
            )
            self._backoffs[component_id] = backoff
        block_s = backoff.next_interval() or self._max_s
        self._until_loop_s[component_id] = now_loop_s + block_s
        return block_s

    def succeed(self, component_id: ElectricalComponentId) -> bool:
        """Record a successful command: clear the block and the doubling.

        Returns:
            Whether the component was blocked.
        """
        self._backoffs.pop(component_id, None)
        return self._until_loop_s.pop(component_id, None) is not None

    def expire(self, *, now_loop_s: float) -> list[ElectricalComponentId]:
        """End the blocks that are due; return the components they held."""
        ended = [
            cid for cid, until in self._until_loop_s.items() if until <= now_loop_s
        ]
        for component_id in ended:
            del self._until_loop_s[component_id]
        return ended

    def next_expiry_loop_s(self) -> float | None:
        """Return when the next block ends (loop time), or `None` if none is held."""
        return min(self._until_loop_s.values(), default=None)
