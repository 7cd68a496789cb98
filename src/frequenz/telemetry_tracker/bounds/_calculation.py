# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The rules that combine component bounds into group and pool bounds."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ..component import ComponentHealth
from ..group import ComponentHealthMap, InverterBatteryGroup, InverterBatteryGroupStatus
from ._component import component_power_bounds
from ._errors import InvalidBoundsError
from ._interval_set import IntervalSet
from ._pool_bounds import PoolBounds


@dataclass(frozen=True, slots=True, kw_only=True)
class BoundsCalculation:
    """The pool bounds, and which component bounds went into them."""

    pool_bounds: PoolBounds
    """The power values the pool can be set to."""

    used_component_ids: frozenset[ElectricalComponentId]
    """The components whose bounds were read and used."""

    left_out_reasons: Mapping[ElectricalComponentId, str]
    """The reason, per left-out component, that its bounds could not be used."""


def calculate_pool_bounds(
    statuses: Iterable[InverterBatteryGroupStatus],
) -> BoundsCalculation:
    """Calculate the power bounds of a pool of groups.

    Within a group, the healthy inverters are in parallel and so are the
    healthy batteries: the bounds on each side add up. The two sides are in
    series: the group's bounds are the intersection of the sides. Across
    groups, bounds add up. A group that is not usable adds nothing, and
    neither does a component whose bounds are missing or invalid.

    Args:
        statuses: The latest status of each group of the pool.

    Returns:
        The pool bounds and which component bounds went into them.
    """
    reader = _BoundsReader()
    total = IntervalSet()
    contributing: list[InverterBatteryGroup] = []
    for status in sorted(statuses, key=lambda status: _group_key(status.group)):
        group_bounds = reader.group_bounds(status)
        if not group_bounds.is_empty:
            contributing.append(status.group)
        total += group_bounds
    return BoundsCalculation(
        pool_bounds=PoolBounds.from_watts(
            total,
            contributing_groups=contributing,
            left_out_component_ids=reader.left_out_reasons,
        ),
        used_component_ids=frozenset(reader.used_component_ids),
        left_out_reasons=dict(reader.left_out_reasons),
    )


def pool_bounds(statuses: Iterable[InverterBatteryGroupStatus]) -> PoolBounds:
    """Calculate the power values a pool of groups can be set to.

    See [the bounds rules][frequenz.telemetry_tracker.bounds] for how the
    bounds of components and groups combine.

    Args:
        statuses: The latest status of each group of the pool.

    Returns:
        The pool bounds; empty when no group can be used.
    """
    return calculate_pool_bounds(statuses).pool_bounds


class _BoundsReader:
    """Reads the bounds of groups, recording which component bounds it used."""

    def __init__(self) -> None:
        self.used_component_ids: set[ElectricalComponentId] = set()
        self.left_out_reasons: dict[ElectricalComponentId, str] = {}

    def group_bounds(self, status: InverterBatteryGroupStatus) -> IntervalSet:
        """Return a group's bounds: its two sides in series; empty if not usable."""
        if not status.is_usable:
            return IntervalSet()
        inverters = self._parallel_bounds(status.healthy_inverters)
        batteries = self._parallel_bounds(status.healthy_batteries)
        return inverters & batteries

    def _parallel_bounds(self, healthy: ComponentHealthMap) -> IntervalSet:
        """Return the sum of the usable bounds of components in parallel."""
        total = IntervalSet()
        for component_id in sorted(healthy, key=int):
            bounds = self._component_bounds(healthy[component_id])
            if bounds is not None:
                total += bounds
        return total

    def _component_bounds(self, health: ComponentHealth) -> IntervalSet | None:
        try:
            bounds = component_power_bounds(health)
        except InvalidBoundsError as error:
            self.left_out_reasons[health.component_id] = str(error)
            return None
        self.used_component_ids.add(health.component_id)
        return bounds


def _group_key(group: InverterBatteryGroup) -> tuple[list[int], list[int]]:
    # Adding in a fixed order keeps float rounding, and so the result, the
    # same however the statuses are ordered.
    return sorted(map(int, group.inverter_ids)), sorted(map(int, group.battery_ids))
