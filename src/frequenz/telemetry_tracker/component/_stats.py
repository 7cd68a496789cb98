# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Counters kept per component, to show why and since when it was judged as it was."""

from dataclasses import dataclass
from datetime import datetime

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentStats:
    """A snapshot of one component's counters since tracking started."""

    component_id: ElectricalComponentId
    """The component these counters are about."""

    samples_accepted: int
    """Samples that became the latest sample."""

    samples_rejected_foreign_id: int
    """Samples ignored because they named another component."""

    samples_rejected_out_of_order: int
    """Samples ignored because they were older than the latest sample."""

    samples_rejected_duplicate: int
    """Samples ignored because their sample time equalled the latest one's."""

    samples_in_future: int
    """Samples judged but not kept because their time was ahead of the host's
    wall clock by more than the allowed skew."""

    transitions: int
    """Changes of the component's set of unhealthy reasons."""

    healthy_time_s: float
    """Time spent healthy, up to the snapshot (event-loop clock, seconds)."""

    last_arrival_loop_s: float | None
    """When the latest sample arrived (event-loop clock, seconds), or `None`."""

    last_sample_time_utc: datetime | None
    """The latest sample's own timestamp (device clock, UTC), or `None`."""

    @property
    def samples_rejected(self) -> int:
        """All ignored samples, whatever the cause."""
        return (
            self.samples_rejected_foreign_id
            + self.samples_rejected_out_of_order
            + self.samples_rejected_duplicate
        )
