# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the component state machine, driven without an event loop."""

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentStateCode as Code

from frequenz.telemetry_tracker import ComponentKind, HealthPolicy, UnhealthyReason
from frequenz.telemetry_tracker.component import ComponentHealthTracker, SampleOutcome

from ..samples import make_sample, utc_at


def new_tracker() -> ComponentHealthTracker:
    return ComponentHealthTracker(
        component_id=ElectricalComponentId(1),
        kind=ComponentKind.INVERTER,
        policy=HealthPolicy(),
        missing_data_tolerance_s=1.0,
        now_loop_s=0.0,
        now_utc=utc_at(0.0),
    )


def feed(
    tracker: ComponentHealthTracker, at_s: float, **kwargs: object
) -> SampleOutcome:
    sampled_at = kwargs.pop("sampled_at", utc_at(at_s))
    sample = make_sample(1, sampled_at=sampled_at, **kwargs)  # type: ignore[arg-type]
    return tracker.on_sample(sample, now_loop_s=at_s, now_utc=utc_at(at_s))


def test_starts_with_no_data_yet() -> None:
    tracker = new_tracker()

    assert tracker.current.reasons == {UnhealthyReason.NO_DATA_YET}
    assert tracker.current.sample is None
    assert tracker.seconds_until_overdue(now_loop_s=5.0, now_utc=utc_at(5.0)) is None
    assert tracker.current.reasons == {UnhealthyReason.NO_DATA_YET}


def test_deadline_counts_from_last_arrival() -> None:
    tracker = new_tracker()
    feed(tracker, 0.0)
    feed(tracker, 0.4)

    left_s = tracker.seconds_until_overdue(now_loop_s=1.0, now_utc=utc_at(1.0))

    assert left_s is not None
    assert abs(left_s - 0.4) < 1e-9
    assert tracker.current.is_healthy


def test_overdue_keeps_sample_and_since() -> None:
    tracker = new_tracker()
    feed(tracker, 0.0, power_w=-3000.0)

    assert tracker.seconds_until_overdue(now_loop_s=1.0, now_utc=utc_at(1.0)) is None

    health = tracker.current
    assert health.reasons == {UnhealthyReason.MISSING_DATA}
    assert health.sample is not None
    assert health.sample.metric_samples[0].value == -3000.0
    assert health.since_loop_s == 1.0


def test_stream_end_keeps_sample() -> None:
    tracker = new_tracker()
    feed(tracker, 0.0)
    tracker.on_stream_ended("receiver stopped", now_loop_s=0.5, now_utc=utc_at(0.5))

    assert tracker.current.reasons == {UnhealthyReason.STREAM_ENDED}
    assert tracker.current.sample is not None
    assert "receiver stopped" in tracker.current.detail
    assert tracker.seconds_until_overdue(now_loop_s=9.0, now_utc=utc_at(9.0)) is None


def test_since_unchanged_while_reasons_change() -> None:
    tracker = new_tracker()
    feed(tracker, 0.0, states=[Code.ERROR])
    feed(tracker, 0.5, states=[999])

    assert tracker.current.reasons == {UnhealthyReason.UNKNOWN_STATE_CODE}
    assert tracker.current.since_loop_s == 0.0


def test_stats_count_outcomes() -> None:
    tracker = new_tracker()
    feed(tracker, 0.0)
    feed(tracker, 0.2)
    feed(tracker, 0.3, sampled_at=utc_at(0.2))
    feed(tracker, 0.4, sampled_at=utc_at(0.1))
    tracker.on_sample(
        make_sample(7, sampled_at=utc_at(0.5)), now_loop_s=0.5, now_utc=utc_at(0.5)
    )
    feed(tracker, 1.0, states=[Code.ERROR])
    feed(tracker, 1.5)

    stats = tracker.stats(now_loop_s=2.0)

    assert stats.samples_accepted == 4
    assert stats.samples_rejected_duplicate == 1
    assert stats.samples_rejected_out_of_order == 1
    assert stats.samples_rejected_foreign_id == 1
    assert stats.samples_rejected == 3
    assert stats.transitions == 3
    assert abs(stats.healthy_time_s - 1.5) < 1e-9
    assert stats.last_arrival_loop_s == 1.5
    assert stats.last_sample_time_utc == utc_at(1.5)


def test_clock_going_back_explained_as_stale() -> None:
    tracker = new_tracker()
    feed(tracker, 0.0)
    for at_s in (0.5, 1.0):
        # The device clock went back 10 s: these samples are older than the
        # latest accepted one and are ignored.
        outcome = feed(tracker, at_s, sampled_at=utc_at(at_s - 10.0))
        assert outcome is SampleOutcome.OUT_OF_ORDER

    assert tracker.seconds_until_overdue(now_loop_s=1.0, now_utc=utc_at(1.0)) is None

    assert tracker.current.reasons == {
        UnhealthyReason.MISSING_DATA,
        UnhealthyReason.STALE_SAMPLE_TIME,
    }
    assert "2 samples since then ignored" in tracker.current.detail


def test_frozen_clock_explained_as_duplicates() -> None:
    tracker = new_tracker()
    feed(tracker, 0.0)
    feed(tracker, 0.5, sampled_at=utc_at(0.0))

    tracker.seconds_until_overdue(now_loop_s=1.0, now_utc=utc_at(1.0))

    assert tracker.current.reasons == {UnhealthyReason.MISSING_DATA}
    assert "duplicates" in tracker.current.detail
