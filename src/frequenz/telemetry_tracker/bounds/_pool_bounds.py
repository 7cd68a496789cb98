# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The published power bounds of a pool of inverter-battery groups."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Self

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.quantities import Power
from frequenz.sdk.timeseries import Bounds

from ..group import InverterBatteryGroup
from ._interval_set import IntervalSet


@dataclass(frozen=True, slots=True, kw_only=True)
class PoolBounds:
    """An immutable snapshot of the power values a pool of groups can be set to.

    Power follows the passive sign convention of the microgrid API: positive
    power charges the batteries, negative power discharges them.
    """

    intervals: tuple[Bounds[Power | None], ...]
    """The power values the pool can be set to, as closed intervals (SDK `Bounds`).

    The intervals are sorted and separated by gaps, which are power values
    the pool cannot be set to (exclusion zones). A `None` end means no limit
    on that side. No intervals means that no power is possible, for example
    because no group is usable.
    """

    contributing_groups: frozenset[InverterBatteryGroup]
    """The groups whose bounds were added up: usable groups with non-empty bounds."""

    left_out_component_ids: frozenset[ElectricalComponentId]
    """Healthy components of usable groups whose bounds were left out.

    Their bounds were missing or invalid (for example NaN, infinite, or
    lower above upper), so they add nothing to their side of the group.
    """

    @classmethod
    def from_watts(
        cls,
        bounds_w: IntervalSet,
        *,
        contributing_groups: Iterable[InverterBatteryGroup] = (),
        left_out_component_ids: Iterable[ElectricalComponentId] = (),
    ) -> Self:
        """Create pool bounds from an interval set in watts.

        Args:
            bounds_w: The power values the pool can be set to, in watts.
            contributing_groups: The groups whose bounds were added up.
            left_out_component_ids: The components whose bounds were left out.

        Returns:
            The pool bounds.
        """
        return cls(
            intervals=tuple(
                Bounds[Power | None](
                    lower=_power_or_none(lower), upper=_power_or_none(upper)
                )
                for lower, upper in bounds_w.intervals
            ),
            contributing_groups=frozenset(contributing_groups),
            left_out_component_ids=frozenset(left_out_component_ids),
        )

    @property
    def is_empty(self) -> bool:
        """Whether no power is possible."""
        return not self.intervals

    def __contains__(self, power: object) -> bool:
        """Return whether the pool can be set to a power.

        Args:
            power: The power to check.

        Returns:
            Whether the power lies in one of the intervals; `False` for
            anything but a `Power`, and for NaN.
        """
        if not isinstance(power, Power):
            return False
        return any(
            (bound.lower is None or bound.lower <= power)
            and (bound.upper is None or power <= bound.upper)
            for bound in self.intervals
        )

    def __str__(self) -> str:
        """Return the intervals as `{[lower, upper], ...} W`.

        Open ends are shown as `-inf` and `inf`.
        """
        watts = IntervalSet(
            (
                None if bound.lower is None else bound.lower.as_watts(),
                None if bound.upper is None else bound.upper.as_watts(),
            )
            for bound in self.intervals
        )
        return f"{watts} W"


def _power_or_none(watts: float | None) -> Power | None:
    return None if watts is None else Power.from_watts(watts)
