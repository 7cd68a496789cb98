# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""One component's health and latest sample, as an immutable snapshot."""

from dataclasses import dataclass
from datetime import datetime

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from ..health import ComponentKind, UnhealthyReason

_BLOCKED_ONLY = frozenset({UnhealthyReason.BLOCKED})


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentHealth:
    """The health of one component and its latest sample.

    Sent by a component actor for every accepted sample and every health
    change, and kept as the value of the group status maps.
    """

    component_id: ElectricalComponentId
    """The component this snapshot is about."""

    kind: ComponentKind
    """Whether the component is an inverter or a battery."""

    sample: ComponentDataSamples | None
    """The latest accepted sample, or `None` if none has arrived yet.

    Kept through timeouts and stream ends. Its sample time never goes back.
    """

    reasons: frozenset[UnhealthyReason]
    """The reasons the component is unhealthy; empty when it is healthy."""

    detail: str
    """A human-readable explanation of `reasons`; empty when healthy."""

    since_loop_s: float
    """When the component last turned healthy or unhealthy (event-loop
    monotonic clock, seconds)."""

    since_utc: datetime
    """The same moment on the host's wall clock (UTC)."""

    blocked_until_loop_s: float | None = None
    """When the component's block ends (event-loop clock, seconds), or `None`
    when it is not blocked."""

    blocked_until_utc: datetime | None = None
    """When the component's block ends (host wall clock, UTC), or `None`."""

    @property
    def is_blocked(self) -> bool:
        """Whether the component is healthy but blocked after failed commands."""
        return self.reasons == _BLOCKED_ONLY

    @property
    def is_healthy(self) -> bool:
        """Whether the component is healthy."""
        return not self.reasons
