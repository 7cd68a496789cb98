# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""An immutable union of closed intervals, with parallel sum and intersection."""

import math
from collections.abc import Iterable
from typing import Any, NoReturn, Self

from frequenz.client.microgrid.metrics import Bounds

from ._errors import InvalidBoundsError

_Ends = tuple[float, float]
"""An interval's lower and upper end; `-inf` and `inf` are open ends."""


class IntervalSet:
    """An immutable union of closed intervals of real numbers, such as power bounds.

    The set is kept in canonical form: its intervals are sorted, and any two
    of them are separated by a gap, so two sets are equal exactly when they
    contain the same numbers. An end given as `None` is open: the interval
    has no limit on that side.

    Operators:

    * `a + b`, the parallel sum: every sum of a number of `a` and a number
      of `b` (the Minkowski sum), except that an empty operand adds nothing.
    * `a & b`, the intersection, and `a | b`, the union.
    * `x in a`: whether the finite number `x` lies in the set.

    `IntervalSet()` is the empty set. As power bounds it means that no power
    is possible, and it is the neutral element of `+`: a part that cannot be
    used adds nothing.

    Example:
        ```python
        from frequenz.telemetry_tracker.bounds import IntervalSet

        inverter = IntervalSet([(-1000.0, -200.0), (200.0, 1000.0)])
        battery = IntervalSet([(-500.0, 800.0)])
        assert inverter & battery == IntervalSet([(-500.0, -200.0), (200.0, 800.0)])
        assert inverter + inverter == IntervalSet([(-2000.0, 2000.0)])
        assert inverter + IntervalSet() == inverter
        ```
    """

    __slots__ = ("_ends",)

    _ends: tuple[_Ends, ...]

    def __init__(
        self, intervals: Iterable[tuple[float | None, float | None]] = ()
    ) -> None:
        """Create the union of the given intervals.

        Overlapping and touching intervals are merged.

        Args:
            intervals: `(lower, upper)` pairs of closed intervals; `None` is
                an open end.

        Raises:
            InvalidBoundsError: If an end is NaN or infinite, or a lower end
                is above its upper end.
        """
        ends = [_checked_ends(lower, upper) for lower, upper in intervals]
        object.__setattr__(self, "_ends", _merged(ends))

    @classmethod
    def from_bounds(cls, bounds: Iterable[Bounds]) -> Self:
        """Create the union of bounds as the microgrid API sends them.

        The ends are checked again here, because bounds built around the
        client's own check can still carry a lower end above the upper end.

        Args:
            bounds: The bounds; a `None` end is open.

        Returns:
            The union of the bounds; empty if no bounds are given.

        Raises:
            InvalidBoundsError: If an end is NaN or infinite, or a lower end
                is above its upper end.
        """
        return cls((bound.lower, bound.upper) for bound in bounds)

    @classmethod
    def _from_ends(cls, ends: Iterable[_Ends]) -> Self:
        """Create a set from ends that need no check, merging them."""
        interval_set = cls.__new__(cls)
        object.__setattr__(interval_set, "_ends", _merged(ends))
        return interval_set

    @property
    def intervals(self) -> tuple[tuple[float | None, float | None], ...]:
        """The intervals as sorted `(lower, upper)` pairs; `None` is an open end."""
        return tuple(
            (None if math.isinf(lower) else lower, None if math.isinf(upper) else upper)
            for lower, upper in self._ends
        )

    @property
    def is_empty(self) -> bool:
        """Whether the set contains no number."""
        return not self._ends

    def __contains__(self, value: object) -> bool:
        """Return whether a finite number lies in one of the intervals.

        Args:
            value: The number to look up.

        Returns:
            Whether the number is in the set; `False` for anything but a
            finite `int` or `float`.
        """
        if not isinstance(value, int | float) or not math.isfinite(value):
            return False
        return any(lower <= value <= upper for lower, upper in self._ends)

    def __add__(self, other: "IntervalSet") -> "IntervalSet":
        """Return the parallel sum: every sum of a number of each set.

        This is the Minkowski sum of the two sets, with one exception: an
        empty set stands for something that cannot be used, so it adds
        nothing. The empty set is therefore the neutral element:
        `a + IntervalSet() == a` for every set `a`. For non-empty sets,
        `{0}` is neutral as well.

        NOTE: An end that overflows the float range (about 1.8e308) becomes
        an open end, and an interval that lies wholly beyond the range is
        dropped.

        Args:
            other: The other set.

        Returns:
            The parallel sum.
        """
        if not isinstance(other, IntervalSet):
            return NotImplemented
        if other.is_empty:
            return self
        if self.is_empty:
            return other
        sums = (
            (lower + other_lower, upper + other_upper)
            for lower, upper in self._ends
            for other_lower, other_upper in other._ends
        )
        return IntervalSet._from_ends(
            (lower, upper)
            for lower, upper in sums
            if lower != math.inf and upper != -math.inf
        )

    def __and__(self, other: "IntervalSet") -> "IntervalSet":
        """Return the intersection: the numbers in both sets.

        Args:
            other: The other set.

        Returns:
            The intersection; empty if either set is empty.
        """
        if not isinstance(other, IntervalSet):
            return NotImplemented
        overlaps = (
            (max(lower, other_lower), min(upper, other_upper))
            for lower, upper in self._ends
            for other_lower, other_upper in other._ends
        )
        return IntervalSet._from_ends(
            (lower, upper) for lower, upper in overlaps if lower <= upper
        )

    def __or__(self, other: "IntervalSet") -> "IntervalSet":
        """Return the union: the numbers in either set.

        Args:
            other: The other set.

        Returns:
            The union.
        """
        if not isinstance(other, IntervalSet):
            return NotImplemented
        return IntervalSet._from_ends(self._ends + other._ends)

    def __eq__(self, other: object) -> bool:
        """Return whether both sets contain the same numbers."""
        if not isinstance(other, IntervalSet):
            return NotImplemented
        return self._ends == other._ends

    def __hash__(self) -> int:
        """Return a hash of the intervals."""
        return hash(self._ends)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        """Reject every change: interval sets are immutable."""
        raise AttributeError(f"IntervalSet is immutable; cannot set {name!r}.")

    def __delattr__(self, name: str) -> NoReturn:
        """Reject every change: interval sets are immutable."""
        raise AttributeError(f"IntervalSet is immutable; cannot delete {name!r}.")

    def __reduce__(self) -> tuple[type["IntervalSet"], tuple[Any, ...]]:
        """Return how to rebuild the set, for `copy` and `pickle`."""
        return IntervalSet, (self.intervals,)

    def __repr__(self) -> str:
        """Return the set as a constructor call."""
        return f"IntervalSet({list(self.intervals)!r})"

    def __str__(self) -> str:
        """Return the set as `{[lower, upper], ...}`; `-inf`/`inf` are open ends."""
        return "{" + ", ".join(_format(ends) for ends in self._ends) + "}"


def _checked_ends(lower: float | None, upper: float | None) -> _Ends:
    """Return an interval's ends with `-inf`/`inf` for `None`, after checking them."""
    for name, end in (("lower", lower), ("upper", upper)):
        if end is not None and not math.isfinite(end):
            raise InvalidBoundsError(
                f"Invalid bounds [{lower}, {upper}]: the {name} end is {end}; "
                "expected a finite number, or None for an open end."
            )
    low = -math.inf if lower is None else float(lower)
    high = math.inf if upper is None else float(upper)
    if low > high:
        raise InvalidBoundsError(
            f"Invalid bounds [{lower}, {upper}]: the lower end is above the "
            "upper end; expected lower <= upper."
        )
    return low, high


def _merged(ends: Iterable[_Ends]) -> tuple[_Ends, ...]:
    """Sort intervals and merge those that overlap or touch."""
    merged: list[_Ends] = []
    for lower, upper in sorted(ends):
        if merged and lower <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], upper))
        else:
            merged.append((lower, upper))
    return tuple(merged)


def _format(ends: _Ends) -> str:
    lower, upper = ends
    opening = "(" if math.isinf(lower) else "["
    closing = ")" if math.isinf(upper) else "]"
    return f"{opening}{lower}, {upper}{closing}"
