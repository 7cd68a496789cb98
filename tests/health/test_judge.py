# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the judgement of single samples."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from frequenz.client.microgrid.component import (
    ComponentErrorCode as Error,
)
from frequenz.client.microgrid.component import (
    ComponentStateCode as Code,
)
from frequenz.client.microgrid.component import ComponentStateSample

from frequenz.telemetry_tracker import ComponentKind, HealthPolicy, UnhealthyReason
from frequenz.telemetry_tracker.health import (
    DEFAULT_BATTERY_RULES,
    DEFAULT_INVERTER_RULES,
    judge_sample,
    sample_time_utc,
)

from ..samples import START_UTC, make_sample

NOW = START_UTC
POLICY = HealthPolicy()


def judge(
    kind: ComponentKind = ComponentKind.INVERTER, **kwargs: object
) -> set[UnhealthyReason]:
    sampled_at = kwargs.pop("sampled_at", NOW)
    assert isinstance(sampled_at, datetime)
    sample = make_sample(1, sampled_at=sampled_at, **kwargs)  # type: ignore[arg-type]
    return set(
        judge_sample(sample, kind=kind, policy=POLICY, wall_clock_now_utc=NOW).reasons
    )


@pytest.mark.parametrize("code", sorted(DEFAULT_INVERTER_RULES.operational, key=str))
def test_inverter_healthy_state_alone(code: Code) -> None:
    assert judge(states=[code]) == set()


@pytest.mark.parametrize("code", sorted(DEFAULT_BATTERY_RULES.operational, key=str))
def test_battery_healthy_state_alone(code: Code) -> None:
    assert judge(ComponentKind.BATTERY, states=[code, Code.RELAY_CLOSED]) == set()


def test_battery_without_relay_closed() -> None:
    assert judge(ComponentKind.BATTERY, states=[Code.READY]) == {
        UnhealthyReason.REQUIRED_STATE_MISSING
    }


@pytest.mark.parametrize(
    "code", [Code.ERROR, Code.RELAY_OPEN, Code.OFF, Code.UNAVAILABLE]
)
def test_bad_code_beside_healthy_code(code: Code) -> None:
    assert judge(states=[Code.READY, code]) == {UnhealthyReason.STATE_NOT_HEALTHY}


def test_neutral_code_alone_is_not_healthy() -> None:
    assert judge(states=[Code.PRECHARGER_CLOSED]) == {UnhealthyReason.STATE_NOT_HEALTHY}


def test_neutral_code_beside_healthy_code() -> None:
    assert judge(states=[Code.READY, Code.PRECHARGER_CLOSED]) == set()


@pytest.mark.parametrize("code", [999, Code.UNKNOWN, Code.UNSPECIFIED])
def test_unknown_state_code(code: Code | int) -> None:
    reasons = judge(states=[code])
    assert UnhealthyReason.UNKNOWN_STATE_CODE in reasons


def test_unknown_code_beside_healthy_code() -> None:
    assert judge(states=[Code.READY, 999]) == {UnhealthyReason.UNKNOWN_STATE_CODE}


def test_error_makes_unhealthy() -> None:
    assert judge(states=[Code.READY], errors=[Error.OVERCURRENT]) == {
        UnhealthyReason.ERROR_REPORTED
    }


def test_unknown_error_code_makes_unhealthy() -> None:
    assert judge(states=[Code.READY], errors=[12345]) == {
        UnhealthyReason.ERROR_REPORTED
    }


def test_warning_alone_is_harmless() -> None:
    assert judge(states=[Code.READY], warnings_=[Error.HIGH_HUMIDITY]) == set()


def test_no_state_sample() -> None:
    assert judge(with_state=False) == {UnhealthyReason.NO_STATE}


def test_state_sample_with_no_codes() -> None:
    assert judge(states=[]) == {UnhealthyReason.NO_STATE}


def test_states_of_several_state_samples_unite() -> None:
    sample = make_sample(10, sampled_at=NOW, states=[Code.READY])
    relay = ComponentStateSample(
        sampled_at=NOW,
        states=frozenset({Code.RELAY_CLOSED}),
        warnings=frozenset(),
        errors=frozenset(),
    )
    sample = replace(sample, states=[*sample.states, relay])
    judgement = judge_sample(
        sample, kind=ComponentKind.BATTERY, policy=POLICY, wall_clock_now_utc=NOW
    )
    assert judgement.is_healthy


def test_stale_sample_time() -> None:
    reasons = judge(sampled_at=NOW - timedelta(seconds=6))
    assert reasons == {UnhealthyReason.STALE_SAMPLE_TIME}


def test_sample_at_max_age_is_fresh() -> None:
    assert judge(sampled_at=NOW - timedelta(seconds=5)) == set()


def test_sample_time_in_future() -> None:
    reasons = judge(sampled_at=NOW + timedelta(seconds=2))
    assert reasons == {UnhealthyReason.SAMPLE_TIME_IN_FUTURE}


def test_naive_sample_time() -> None:
    reasons = judge(sampled_at=NOW.replace(tzinfo=None))
    assert reasons == {UnhealthyReason.INVALID_SAMPLE_TIME}


def test_missing_sample_time() -> None:
    sample = make_sample(1, sampled_at=NOW)
    broken = replace(sample.states[0], sampled_at=None)  # type: ignore[arg-type]
    sample = replace(sample, states=[broken])
    judgement = judge_sample(
        sample, kind=ComponentKind.INVERTER, policy=POLICY, wall_clock_now_utc=NOW
    )
    assert judgement.reasons == {UnhealthyReason.INVALID_SAMPLE_TIME}
    assert judgement.sample_time_utc is None


def test_age_check_switched_off() -> None:
    policy = HealthPolicy(max_sample_age=None)
    for sampled_at in (NOW - timedelta(days=1), NOW.replace(tzinfo=None)):
        sample = make_sample(1, sampled_at=sampled_at)
        judgement = judge_sample(
            sample, kind=ComponentKind.INVERTER, policy=policy, wall_clock_now_utc=NOW
        )
        assert judgement.is_healthy


def test_detail_names_offending_codes() -> None:
    sample = make_sample(
        1, sampled_at=NOW, states=[Code.ERROR], errors=[Error.OVERCURRENT]
    )
    judgement = judge_sample(
        sample, kind=ComponentKind.INVERTER, policy=POLICY, wall_clock_now_utc=NOW
    )
    assert "ERROR" in judgement.detail
    assert "OVERCURRENT" in judgement.detail


def test_sample_time_is_latest_part() -> None:
    sample = make_sample(1, sampled_at=NOW)
    later = replace(sample.states[0], sampled_at=NOW + timedelta(milliseconds=5))
    sample = replace(sample, states=[later])
    assert sample_time_utc(sample) == NOW + timedelta(milliseconds=5)
