# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Pool statuses and bounds for the power application's tests."""

import dataclasses

from frequenz.telemetry_tracker import (
    ComponentHealth,
    ComponentKind,
    InverterBatteryGroupStatus,
    InverterBatteryPoolStatus,
    PoolBounds,
    UnhealthyReason,
)
from frequenz.telemetry_tracker.bounds import IntervalSet

from ..bounds.builders import group_status, healthy, pool_status, status_of

INVERTER = ComponentKind.INVERTER
BATTERY = ComponentKind.BATTERY


def group_a(*, inverter_2: bool = True) -> InverterBatteryGroupStatus:
    """Return group A: inverters 1 and 2 (±5 kW), battery 10 (±4 kW).

    Inverter 2 has sent no data when `inverter_2` is false.
    """
    return group_status(
        {1: [(-5000.0, 5000.0)], 2: [(-5000.0, 5000.0)] if inverter_2 else None},
        {10: [(-4000.0, 4000.0)]},
    )


def group_b(*, battery: bool = True) -> InverterBatteryGroupStatus:
    """Return group B: inverter 3 (±3 kW), battery 12 (±2.5 kW).

    The battery has sent no data when `battery` is false.
    """
    return group_status(
        {3: [(-3000.0, 3000.0)]}, {12: [(-2500.0, 2500.0)] if battery else None}
    )


def blocked(health: ComponentHealth) -> ComponentHealth:
    """Return a healthy component's health with the component blocked."""
    return dataclasses.replace(health, reasons=frozenset({UnhealthyReason.BLOCKED}))


def group_a_blocked() -> InverterBatteryGroupStatus:
    """Return group A with both inverters blocked after failed commands."""
    return status_of(
        [
            blocked(healthy(1, INVERTER, [(-5000.0, 5000.0)])),
            blocked(healthy(2, INVERTER, [(-5000.0, 5000.0)])),
            healthy(10, BATTERY, [(-4000.0, 4000.0)]),
        ]
    )


def two_groups() -> InverterBatteryPoolStatus:
    """Return a pool of both groups, healthy: group A allows ±4 kW, group B ±2.5 kW."""
    return pool_status(group_a(), group_b())


def bounds_w(*pairs: tuple[float | None, float | None]) -> PoolBounds:
    """Return pool bounds made of `(lower, upper)` pairs in watts."""
    return PoolBounds.from_watts(IntervalSet(pairs))
