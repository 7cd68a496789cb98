# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The health policy: state code rules per category and sample-time limits."""

import enum
from dataclasses import dataclass, field
from datetime import timedelta

from .._errors import ConfigurationError
from ._rules import DEFAULT_BATTERY_RULES, DEFAULT_INVERTER_RULES, StateCodeRules


@enum.unique
class ComponentKind(enum.Enum):
    """The side of an inverter-battery group a component is on."""

    INVERTER = "inverter"
    """A battery inverter, on the AC side."""

    BATTERY = "battery"
    """A battery, on the DC side."""


@dataclass(frozen=True, kw_only=True)
class HealthPolicy:
    """Everything that decides whether one sample makes a component healthy.

    The sample-time checks compare the device's clock (the sample's own
    timestamp) with the host's wall clock at arrival, both in UTC. Set
    `max_sample_age` to `None` for devices whose clocks cannot be trusted;
    samples are then judged on their states alone.
    """

    inverter_rules: StateCodeRules = DEFAULT_INVERTER_RULES
    """The state code rules for inverters."""

    battery_rules: StateCodeRules = DEFAULT_BATTERY_RULES
    """The state code rules for batteries."""

    max_sample_age: timedelta | None = field(default=timedelta(seconds=5))
    """The maximum age of a sample's own timestamp at arrival, or `None` to
    switch the sample-time checks off."""

    max_clock_skew: timedelta = field(default=timedelta(seconds=1))
    """How far a sample's timestamp may be ahead of the host's wall clock.

    Only used while `max_sample_age` is set.
    """

    def __post_init__(self) -> None:
        """Check the limits.

        Raises:
            ConfigurationError: If a limit is not positive.
        """
        for name in ("max_sample_age", "max_clock_skew"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, timedelta):
                raise ConfigurationError(
                    f"Invalid {name} {value!r}: expected a datetime.timedelta, for "
                    "example timedelta(seconds=5)."
                )
        if self.max_sample_age is not None and self.max_sample_age <= timedelta(0):
            raise ConfigurationError(
                f"Invalid max_sample_age {self.max_sample_age}: expected a "
                "positive duration, or None to switch the sample-time check off."
            )
        if self.max_clock_skew < timedelta(0):
            raise ConfigurationError(
                f"Invalid max_clock_skew {self.max_clock_skew}: expected a "
                "duration of zero or more."
            )

    def rules_for(self, kind: ComponentKind) -> StateCodeRules:
        """Return the state code rules for a kind of component."""
        if kind is ComponentKind.INVERTER:
            return self.inverter_rules
        return self.battery_rules
