# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Property tests: no generated sample raises, and the judgement is pure."""

from datetime import UTC, datetime, timedelta

from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentErrorCode,
    ComponentStateCode,
    ComponentStateSample,
)
from frequenz.client.microgrid.metrics import Metric, MetricSample
from hypothesis import given
from hypothesis import strategies as st

from frequenz.telemetry_tracker import ComponentKind, HealthPolicy, UnhealthyReason
from frequenz.telemetry_tracker.health import judge_sample

from ..samples import client_id

NOW = datetime(2026, 1, 1, tzinfo=UTC)

state_codes = st.one_of(st.sampled_from(ComponentStateCode), st.integers(-5, 2000))
error_codes = st.one_of(st.sampled_from(ComponentErrorCode), st.integers(-5, 2000))
sample_times = st.one_of(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(UTC),
    ),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.builds(lambda s: NOW - timedelta(seconds=s), st.floats(-10, 10)),
)
values = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))


@st.composite
def samples(draw: st.DrawFn) -> ComponentDataSamples:
    time = draw(sample_times)
    states = draw(
        st.lists(
            st.builds(
                ComponentStateSample,
                sampled_at=st.just(time),
                states=st.frozensets(state_codes, max_size=4),
                warnings=st.frozensets(error_codes, max_size=2),
                errors=st.frozensets(error_codes, max_size=2),
            ),
            max_size=3,
        )
    )
    metrics = draw(
        st.lists(
            st.builds(
                MetricSample,
                sampled_at=st.just(time),
                metric=st.sampled_from([Metric.AC_POWER_ACTIVE, Metric.DC_POWER]),
                value=values,
                bounds=st.just([]),
            ),
            max_size=3,
        )
    )
    return ComponentDataSamples(
        component_id=client_id(1), metric_samples=metrics, states=states
    )


policies = st.sampled_from(
    [
        HealthPolicy(),
        HealthPolicy(max_sample_age=None),
        HealthPolicy(max_clock_skew=timedelta(0)),
    ]
)


@given(samples(), st.sampled_from(ComponentKind), policies)
def test_judgement_never_raises_and_is_pure(
    sample: ComponentDataSamples, kind: ComponentKind, policy: HealthPolicy
) -> None:
    first = judge_sample(sample, kind=kind, policy=policy, wall_clock_now_utc=NOW)
    second = judge_sample(sample, kind=kind, policy=policy, wall_clock_now_utc=NOW)
    assert first == second
    assert first.is_healthy == (not first.reasons)
    assert bool(first.detail) == bool(first.reasons)


@given(samples(), st.sampled_from(ComponentKind))
def test_error_is_never_healthy(
    sample: ComponentDataSamples, kind: ComponentKind
) -> None:
    judgement = judge_sample(
        sample, kind=kind, policy=HealthPolicy(), wall_clock_now_utc=NOW
    )
    if any(state.errors for state in sample.states):
        assert UnhealthyReason.ERROR_REPORTED in judgement.reasons
    if not any(state.states for state in sample.states):
        assert UnhealthyReason.NO_STATE in judgement.reasons
