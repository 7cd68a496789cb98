# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Clamping a power request to the pool bounds and splitting it over inverters."""

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from frequenz.telemetry_tracker import (
    ComponentHealth,
    InverterBatteryGroup,
    InverterBatteryGroupStatus,
    InverterBatteryPoolStatus,
    PoolBounds,
)
from frequenz.telemetry_tracker.bounds import (
    InvalidBoundsError,
    component_power_bounds,
    pool_bounds,
)

_KeyT = TypeVar("_KeyT", bound=Hashable)

Ends = tuple[float | None, float | None]
"""An interval's lower and upper end in watts, with `None` for an open end."""


def bounds_ends_w(bounds: PoolBounds) -> list[Ends]:
    """Return the intervals of pool bounds as `(lower, upper)` pairs in watts."""
    return [
        (
            None if interval.lower is None else interval.lower.as_watts(),
            None if interval.upper is None else interval.upper.as_watts(),
        )
        for interval in bounds.intervals
    ]


def clamp_to_bounds(power_w: float, bounds: PoolBounds) -> float | None:
    """Return the allowed power nearest to a requested power.

    A request inside an exclusion zone goes to the nearer edge of the zone,
    and to the lower edge when both are equally near.

    Args:
        power_w: The requested power, in watts.
        bounds: The power values the pool can be set to.

    Returns:
        The allowed power in watts, or `None` when no power is possible.
    """
    nearest: float | None = None
    for lower, upper in bounds_ends_w(bounds):
        candidate = power_w
        if lower is not None:
            candidate = max(candidate, lower)
        if upper is not None:
            candidate = min(candidate, upper)
        if nearest is None or abs(candidate - power_w) < abs(nearest - power_w):
            nearest = candidate
    return nearest


def headroom_w(ends: Iterable[Ends], power_w: float) -> float:
    """Return how much power the bounds allow in the direction of `power_w`.

    Args:
        ends: The bounds as `(lower, upper)` pairs, in watts.
        power_w: A power whose sign gives the direction: positive charges.

    Returns:
        The largest magnitude allowed in that direction, at least 0 W. It is
        `inf` for an open end, and for 0 W, which every member may take.
    """
    if power_w == 0.0:
        return math.inf
    ends = list(ends)
    if not ends:
        return 0.0
    if power_w > 0.0:
        uppers = [math.inf if upper is None else upper for _, upper in ends]
        return max(0.0, *uppers)
    lowers = [-math.inf if lower is None else lower for lower, _ in ends]
    return max(0.0, -min(lowers))


def fill(total_w: float, limits_w: Mapping[_KeyT, float]) -> dict[_KeyT, float]:
    """Split a power over members, as evenly as their limits allow.

    Members are served from the smallest limit up: each takes an equal part
    of what is left, or its limit if that is smaller. When the total is
    above the sum of the limits, every member gets its limit and the rest
    is not assigned.

    Args:
        total_w: The power to split, in watts.
        limits_w: The largest magnitude each member takes, in watts.

    Returns:
        Each member's share, with the sign of `total_w`.
    """
    shares: dict[_KeyT, float] = {}
    remaining_w = abs(total_w)
    ordered = sorted(limits_w, key=lambda member: limits_w[member])
    for index, member in enumerate(ordered):
        share_w = min(remaining_w / (len(ordered) - index), limits_w[member])
        shares[member] = math.copysign(share_w, total_w)
        remaining_w -= share_w
    return shares


def _inverter_headroom_w(health: ComponentHealth, power_w: float) -> float | None:
    try:
        bounds = component_power_bounds(health)
    except InvalidBoundsError:
        return None
    return headroom_w(bounds.intervals, power_w)


def _split_in_group(
    share_w: float,
    status: InverterBatteryGroupStatus,
    inverter_ids: Iterable[ElectricalComponentId],
) -> dict[ElectricalComponentId, float]:
    limits_w: dict[ElectricalComponentId, float] = {}
    for inverter_id in inverter_ids:
        limit_w = _inverter_headroom_w(status.health_of(inverter_id), share_w)
        if limit_w is not None:
            limits_w[inverter_id] = limit_w
    return fill(share_w, limits_w)


def split_power(
    target_w: float, status: InverterBatteryPoolStatus
) -> dict[ElectricalComponentId, float]:
    """Split a pool power over the inverters that the pool status offers.

    The inverters are those of `components_to_use()`. The power is split
    over the groups first, then over each group's inverters, both with
    `fill()`. Each share is limited by the bounds in the direction of the
    power: a group's bounds (its healthy inverters and batteries) and each
    inverter's own bounds. Groups with empty bounds and inverters without
    valid bounds get no share, so they get no command.

    NOTE: Only the outer ends of the bounds limit a share, so a share can
    fall into an inverter's exclusion zone. The scenarios of this example
    have none. When no group is usable, `components_to_use()` offers the
    blocked inverters, but the bounds of their groups are empty, so nothing
    is split.

    Args:
        target_w: The pool power, in watts, already clamped to the pool bounds.
        status: The pool status the split is based on.

    Returns:
        The power of each inverter to command, in watts.
    """
    to_use = status.components_to_use()
    group_limits_w: dict[InverterBatteryGroup, float] = {}
    for group, group_status in status.groups.items():
        group_bounds = pool_bounds([group_status])
        if group_bounds.is_empty or not group.inverter_ids & to_use:
            continue
        group_limits_w[group] = headroom_w(bounds_ends_w(group_bounds), target_w)
    shares_w: dict[ElectricalComponentId, float] = {}
    for group, group_share_w in fill(target_w, group_limits_w).items():
        inverter_ids = sorted(group.inverter_ids & to_use, key=int)
        shares_w.update(
            _split_in_group(group_share_w, status.groups[group], inverter_ids)
        )
    return shares_w
