# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The health policy: pure functions that judge one sample, with no I/O.

A sample makes its component healthy when all of these hold:

* no error is reported in any of its state samples (warnings alone never harm);
* at least one state code is reported, and none is unknown or unspecified;
* at least one operational code of the component's kind is present, every
  required code is present, and every other code is operational, required
  or neutral (see [`StateCodeRules`][frequenz.telemetry_tracker.health.StateCodeRules]);
* while [`HealthPolicy.max_sample_age`][frequenz.telemetry_tracker.health.HealthPolicy.max_sample_age]
  is set: the sample has an aware timestamp, no older than the maximum age
  and no further ahead of the host's wall clock than the allowed skew.
"""

from ._judge import Judgement, judge_sample, sample_time_utc
from ._policy import ComponentKind, HealthPolicy
from ._reasons import UnhealthyReason
from ._rules import DEFAULT_BATTERY_RULES, DEFAULT_INVERTER_RULES, StateCodeRules

__all__ = [
    "DEFAULT_BATTERY_RULES",
    "DEFAULT_INVERTER_RULES",
    "ComponentKind",
    "HealthPolicy",
    "Judgement",
    "StateCodeRules",
    "UnhealthyReason",
    "judge_sample",
    "sample_time_utc",
]
