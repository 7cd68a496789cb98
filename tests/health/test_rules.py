# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the state code rules and the policy's configuration checks."""

from datetime import timedelta

import pytest
from frequenz.client.microgrid.component import ComponentStateCode as Code

from frequenz.telemetry_tracker import ConfigurationError, HealthPolicy, StateCodeRules
from frequenz.telemetry_tracker.health import (
    DEFAULT_BATTERY_RULES,
    DEFAULT_INVERTER_RULES,
)


def test_default_sets_are_disjoint() -> None:
    for rules in (DEFAULT_INVERTER_RULES, DEFAULT_BATTERY_RULES):
        assert not rules.operational & rules.required
        assert not rules.operational & rules.neutral
        assert not rules.required & rules.neutral


def test_default_inverter_rules() -> None:
    assert DEFAULT_INVERTER_RULES.operational == {
        Code.STANDBY,
        Code.READY,
        Code.CHARGING,
        Code.DISCHARGING,
    }
    assert DEFAULT_INVERTER_RULES.required == frozenset()


def test_default_battery_rules() -> None:
    assert DEFAULT_BATTERY_RULES.operational == {
        Code.READY,
        Code.CHARGING,
        Code.DISCHARGING,
    }
    assert DEFAULT_BATTERY_RULES.required == {Code.RELAY_CLOSED}


def test_rules_reject_empty_operational() -> None:
    with pytest.raises(ConfigurationError, match="operational set is empty"):
        StateCodeRules(operational=frozenset())


def test_rules_reject_code_in_two_sets() -> None:
    with pytest.raises(ConfigurationError, match="READY listed in both"):
        StateCodeRules(
            operational=frozenset({Code.READY}), neutral=frozenset({Code.READY})
        )


@pytest.mark.parametrize("code", [Code.UNSPECIFIED, Code.UNKNOWN])
def test_rules_reject_never_healthy_codes(code: Code) -> None:
    with pytest.raises(ConfigurationError, match=code.name):
        StateCodeRules(operational=frozenset({Code.READY, code}))


def test_policy_rejects_non_positive_age() -> None:
    with pytest.raises(ConfigurationError, match="max_sample_age"):
        HealthPolicy(max_sample_age=timedelta(0))


def test_policy_rejects_negative_skew() -> None:
    with pytest.raises(ConfigurationError, match="max_clock_skew"):
        HealthPolicy(max_clock_skew=timedelta(seconds=-1))


def test_configuration_error_is_value_error() -> None:
    with pytest.raises(ValueError, match="max_sample_age"):
        HealthPolicy(max_sample_age=timedelta(seconds=-5))


def test_policy_rejects_seconds_as_float() -> None:
    with pytest.raises(
        ConfigurationError, match=r"max_sample_age 5\.0: expected a datetime\.timedelta"
    ):
        HealthPolicy(max_sample_age=5.0)  # type: ignore[arg-type]


def test_rules_reject_int_code() -> None:
    with pytest.raises(ConfigurationError, match="999"):
        StateCodeRules(operational=frozenset({Code.READY, 999}))  # type: ignore[arg-type]
