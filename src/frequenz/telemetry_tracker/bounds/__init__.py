# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Power bounds: the power a pool of inverter-battery groups can be set to.

Bounds are unions of closed intervals, as the microgrid API sends them, so
exclusion zones such as `[-1000, -200]` and `[200, 1000]` are kept. One
type, [`IntervalSet`][frequenz.telemetry_tracker.bounds.IntervalSet],
represents the bounds of any metric. The rules:

* A healthy inverter's bounds are those of its `AC_POWER_ACTIVE` metric, a
  healthy battery's those of its `DC_POWER` metric, in watts.
* Components in parallel add up: the healthy inverters of a group, the
  healthy batteries of a group, and the groups of a pool.
* The inverter side and the battery side of a group are in series: the
  group's bounds are their intersection.
* A group that is not usable adds nothing.
* A component whose bounds are missing or invalid (NaN, infinite, or lower
  end above upper end) adds nothing. One warning is logged when that starts.
* The empty set means that no power is possible. It adds nothing, so a pool
  with no usable group has empty bounds.

[`PoolBoundsActor`][frequenz.telemetry_tracker.bounds.PoolBoundsActor]
applies these rules to every group or pool status it receives and publishes a
[`PoolBounds`][frequenz.telemetry_tracker.bounds.PoolBounds] whenever the
result changes. [`pool_bounds()`][frequenz.telemetry_tracker.bounds.pool_bounds]
applies them once.
"""

from ._actor import GroupOrPoolStatus, PoolBoundsActor
from ._calculation import pool_bounds
from ._component import POWER_METRICS, component_power_bounds
from ._errors import InvalidBoundsError
from ._interval_set import IntervalSet
from ._pool_bounds import PoolBounds

__all__ = [
    "POWER_METRICS",
    "GroupOrPoolStatus",
    "IntervalSet",
    "InvalidBoundsError",
    "PoolBounds",
    "PoolBoundsActor",
    "component_power_bounds",
    "pool_bounds",
]
