# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The health state machine of one component, free of I/O and of the event loop.

The actor feeds it samples, timer checks and stream ends together with the
current time on both clocks; it returns what changed. Keeping it apart from
the actor lets tests and benchmarks drive it directly.
"""

import enum
from datetime import datetime

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from ..health import (
    ComponentKind,
    HealthPolicy,
    Judgement,
    UnhealthyReason,
    judge_sample,
)
from ._health import ComponentHealth
from ._stats import ComponentStats

_TIMER_RESOLUTION_S = 1e-6
"""The resolution of the channels `Timer` (one microsecond); a deadline closer
than this counts as reached."""


@enum.unique
class SampleOutcome(enum.Enum):
    """The outcome of a sample handed to the tracker."""

    ACCEPTED = "accepted"
    """The sample became the component's latest sample."""

    FOREIGN_ID = "foreign_id"
    """The sample names another component; it was ignored."""

    DUPLICATE = "duplicate"
    """The sample's time equals the latest sample's time; it was ignored."""

    OUT_OF_ORDER = "out_of_order"
    """The sample is older than the latest sample; it was ignored."""

    IN_FUTURE = "in_future"
    """The sample's time is ahead of the host's wall clock by more than the
    allowed skew: it was judged, making the component unhealthy, but not
    kept as the latest sample."""


def no_data_yet(
    component_id: ElectricalComponentId,
    kind: ComponentKind,
    *,
    now_loop_s: float,
    now_utc: datetime,
) -> ComponentHealth:
    """Return the health of a component that has sent nothing yet.

    Args:
        component_id: The component.
        kind: Whether it is an inverter or a battery.
        now_loop_s: When tracking started (event-loop clock, seconds).
        now_utc: When tracking started (host wall clock, UTC).

    Returns:
        An unhealthy snapshot with no sample and reason no data yet.
    """
    return ComponentHealth(
        component_id=component_id,
        kind=kind,
        sample=None,
        reasons=frozenset({UnhealthyReason.NO_DATA_YET}),
        detail="no sample received yet",
        since_loop_s=now_loop_s,
        since_utc=now_utc,
    )


def _component_id_of(sample: ComponentDataSamples) -> int | None:
    """Return the sample's component id as an int, or `None` if it is not a number."""
    try:
        return int(sample.component_id)
    except (TypeError, ValueError, OverflowError):
        return None


class ComponentHealthTracker:
    """The health of one component, updated by samples, deadlines and stream ends."""

    def __init__(
        self,
        *,
        component_id: ElectricalComponentId,
        kind: ComponentKind,
        policy: HealthPolicy,
        missing_data_tolerance_s: float,
        now_loop_s: float,
        now_utc: datetime,
    ) -> None:
        """Start tracking a component that has sent nothing yet.

        Args:
            component_id: The component to track.
            kind: Whether it is an inverter or a battery.
            policy: The health policy that judges each sample.
            missing_data_tolerance_s: How long without a sample makes the
                component unhealthy (seconds, loop clock).
            now_loop_s: The current event-loop time (seconds).
            now_utc: The current host wall-clock time (UTC).
        """
        self._component_id_int = int(component_id)
        self._kind = kind
        self._policy = policy
        self._tolerance_s = missing_data_tolerance_s
        self._last_arrival_loop_s: float | None = None
        self._latest_sample_time_utc: datetime | None = None
        self._current = no_data_yet(
            component_id, kind, now_loop_s=now_loop_s, now_utc=now_utc
        )
        self._rejected = dict.fromkeys(SampleOutcome, 0)
        self._last_judgement: Judgement | None = None
        self._last_ignored: Judgement | None = None
        self._ignored_since_accepted = 0
        self._accepted = 0
        self._transitions = 0
        self._healthy_time_s = 0.0

    @property
    def current(self) -> ComponentHealth:
        """The component's health and latest sample, as last decided."""
        return self._current

    def on_sample(
        self, sample: ComponentDataSamples, *, now_loop_s: float, now_utc: datetime
    ) -> SampleOutcome:
        """Judge an arriving sample and make it the latest one, if it is newer.

        A sample for another component, or one whose sample time is not newer
        than the latest accepted sample's, is ignored and does not count as
        data for the missing-data deadline. A sample without a usable sample
        time cannot be ordered and is accepted.

        Args:
            sample: The arriving sample.
            now_loop_s: Its arrival time (event-loop clock, seconds).
            now_utc: Its arrival time on the host's wall clock (UTC).

        Returns:
            What happened to the sample.
        """
        outcome = self._accept(sample, now_loop_s=now_loop_s, now_utc=now_utc)
        if outcome is SampleOutcome.ACCEPTED:
            self._accepted += 1
            self._last_ignored = None
            self._ignored_since_accepted = 0
        else:
            self._rejected[outcome] += 1
            if outcome in (SampleOutcome.DUPLICATE, SampleOutcome.OUT_OF_ORDER):
                # Kept to explain a coming missing-data verdict.
                self._last_ignored = self._last_judgement
                self._ignored_since_accepted += 1
        return outcome

    def stats(self, *, now_loop_s: float) -> ComponentStats:
        """Return the component's counters.

        Args:
            now_loop_s: The current event-loop time (seconds), up to which
                the healthy time is counted.

        Returns:
            A snapshot of the counters.
        """
        healthy_time_s = self._healthy_time_s
        if self._current.is_healthy:
            healthy_time_s += now_loop_s - self._current.since_loop_s
        return ComponentStats(
            component_id=self._current.component_id,
            samples_accepted=self._accepted,
            samples_rejected_foreign_id=self._rejected[SampleOutcome.FOREIGN_ID],
            samples_rejected_out_of_order=self._rejected[SampleOutcome.OUT_OF_ORDER],
            samples_rejected_duplicate=self._rejected[SampleOutcome.DUPLICATE],
            samples_in_future=self._rejected[SampleOutcome.IN_FUTURE],
            transitions=self._transitions,
            healthy_time_s=healthy_time_s,
            last_arrival_loop_s=self._last_arrival_loop_s,
            last_sample_time_utc=self._latest_sample_time_utc,
        )

    def _accept(
        self, sample: ComponentDataSamples, *, now_loop_s: float, now_utc: datetime
    ) -> SampleOutcome:
        if _component_id_of(sample) != self._component_id_int:
            return SampleOutcome.FOREIGN_ID
        judgement = judge_sample(
            sample, kind=self._kind, policy=self._policy, wall_clock_now_utc=now_utc
        )
        self._last_judgement = judgement
        sample_time = judgement.sample_time_utc
        latest_time = self._latest_sample_time_utc
        if sample_time is not None and latest_time is not None:
            if sample_time == latest_time:
                return SampleOutcome.DUPLICATE
            if sample_time < latest_time:
                return SampleOutcome.OUT_OF_ORDER
        self._last_arrival_loop_s = now_loop_s
        if UnhealthyReason.SAMPLE_TIME_IN_FUTURE in judgement.reasons:
            # Kept as the latest, it would make every later sample look out
            # of order until the device's clock caught up with it.
            detail = f"{judgement.detail}; the sample is not kept as the latest"
            self._set(
                self._current.sample, judgement.reasons, detail, now_loop_s, now_utc
            )
            return SampleOutcome.IN_FUTURE
        if sample_time is not None:
            self._latest_sample_time_utc = sample_time
        self._set(sample, judgement.reasons, judgement.detail, now_loop_s, now_utc)
        return SampleOutcome.ACCEPTED

    def seconds_until_overdue(
        self, *, now_loop_s: float, now_utc: datetime
    ) -> float | None:
        """Check the missing-data deadline against the real time of the last sample.

        Marks the component unhealthy (missing data) once a whole tolerance
        has passed since the last accepted sample arrived.

        Args:
            now_loop_s: The current event-loop time (seconds).
            now_utc: The current host wall-clock time (UTC).

        Returns:
            The seconds left until the deadline, or `None` if there is no
            deadline to wait for: no sample arrived yet, the component is
            already overdue, or its stream ended.
        """
        if self._last_arrival_loop_s is None:
            return None
        if UnhealthyReason.STREAM_ENDED in self._current.reasons:
            return None
        left_s = self._last_arrival_loop_s + self._tolerance_s - now_loop_s
        if left_s > _TIMER_RESOLUTION_S:
            return left_s
        if UnhealthyReason.MISSING_DATA not in self._current.reasons:
            silent_s = now_loop_s - self._last_arrival_loop_s
            reasons, detail = self._missing_data_verdict(silent_s)
            self._set(self._current.sample, reasons, detail, now_loop_s, now_utc)
        return None

    def _missing_data_verdict(
        self, silent_s: float
    ) -> tuple[frozenset[UnhealthyReason], str]:
        """Explain a missing-data verdict, with what the ignored samples showed.

        Samples ignored as duplicates or older than the latest one do not
        count as data. The last of them, as judged when it arrived, shows
        the cause: a device clock that went back makes it stale, for
        example. Its reasons are added to the verdict.
        """
        detail = (
            f"no new sample for {silent_s:.3f} s (tolerance {self._tolerance_s:g} s)"
        )
        reasons = frozenset({UnhealthyReason.MISSING_DATA})
        ignored = self._last_ignored
        if ignored is None:
            return reasons, detail
        count = self._ignored_since_accepted
        judged = ignored.detail or "otherwise healthy"
        detail += (
            f"; {count} sample{'s' if count > 1 else ''} since then ignored as "
            f"duplicates or older than the latest one, the last of them: {judged}"
        )
        return reasons | ignored.reasons, detail

    def on_stream_ended(
        self, cause: str, *, now_loop_s: float, now_utc: datetime
    ) -> None:
        """Mark the component unhealthy because its telemetry stream ended.

        Args:
            cause: What ended the stream, for the status detail.
            now_loop_s: The current event-loop time (seconds).
            now_utc: The current host wall-clock time (UTC).
        """
        self._set(
            self._current.sample,
            frozenset({UnhealthyReason.STREAM_ENDED}),
            f"telemetry stream ended: {cause}",
            now_loop_s,
            now_utc,
        )

    def _set(
        self,
        sample: ComponentDataSamples | None,
        reasons: frozenset[UnhealthyReason],
        detail: str,
        now_loop_s: float,
        now_utc: datetime,
    ) -> None:
        previous = self._current
        if previous.reasons != reasons:
            self._transitions += 1
        if bool(previous.reasons) == bool(reasons):
            since_loop_s, since_utc = previous.since_loop_s, previous.since_utc
        else:
            since_loop_s, since_utc = now_loop_s, now_utc
            if previous.is_healthy:
                self._healthy_time_s += now_loop_s - previous.since_loop_s
        self._current = ComponentHealth(
            component_id=previous.component_id,
            kind=self._kind,
            sample=sample,
            reasons=reasons,
            detail=detail,
            since_loop_s=since_loop_s,
            since_utc=since_utc,
        )
