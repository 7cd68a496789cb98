# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Property tests of the interval set algebra.

The parallel sum `+` is a commutative monoid whose neutral element is the
empty set. On non-empty sets it is the Minkowski sum, so `{0}` is neutral
there too. The intersection `&` is commutative, associative and idempotent.
Ends are whole numbers of moderate size, so every float sum in these tests
is exact and associativity can be checked with `==`.
"""

import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from frequenz.telemetry_tracker.bounds import IntervalSet

ENDS = st.integers(-(10**6), 10**6).map(float)
EMPTY = IntervalSet()
ZERO = IntervalSet([(0.0, 0.0)])


@st.composite
def interval_sets(draw: st.DrawFn, *, min_size: int = 0) -> IntervalSet:
    """Draw a set of up to four intervals; about one end in eight is open."""
    pairs: list[tuple[float | None, float | None]] = []
    for _ in range(draw(st.integers(min_size, 4))):
        lower, upper = sorted((draw(ENDS), draw(ENDS)))
        open_lower = draw(st.integers(0, 7)) == 0
        open_upper = draw(st.integers(0, 7)) == 0
        pairs.append((None if open_lower else lower, None if open_upper else upper))
    return IntervalSet(pairs)


NON_EMPTY = interval_sets(min_size=1)


@st.composite
def points_in(draw: st.DrawFn, interval_set: IntervalSet) -> float:
    """Draw a whole number inside a non-empty set."""
    lower, upper = draw(st.sampled_from(interval_set.intervals))
    if lower is None and upper is None:
        return float(draw(st.integers(-(10**7), 10**7)))
    if lower is None:
        assert upper is not None
        return upper - draw(st.integers(0, 10**6))
    if upper is None:
        return lower + draw(st.integers(0, 10**6))
    return float(draw(st.integers(int(lower), int(upper))))


def probe_points(*interval_sets: IntervalSet) -> list[float]:
    """Return the finite ends of the sets, and the numbers next to them."""
    ends = {
        end
        for interval_set in interval_sets
        for interval in interval_set.intervals
        for end in interval
        if end is not None
    }
    return sorted({point + step for point in ends for step in (-1.0, 0.0, 1.0)})


def assert_canonical(interval_set: IntervalSet) -> None:
    """Assert sorted intervals with gaps between them, and no NaN or infinity."""
    intervals = interval_set.intervals
    for lower, upper in intervals:
        for end in (lower, upper):
            assert end is None or math.isfinite(end)
        assert lower is None or upper is None or lower <= upper
    for (_, upper), (lower, _) in itertools.pairwise(intervals):
        assert upper is not None
        assert lower is not None
        assert upper < lower


@given(interval_sets(), interval_sets())
def test_sum_commutative(a: IntervalSet, b: IntervalSet) -> None:
    assert a + b == b + a


@given(interval_sets(), interval_sets(), interval_sets())
def test_sum_associative(a: IntervalSet, b: IntervalSet, c: IntervalSet) -> None:
    assert (a + b) + c == a + (b + c)


@given(interval_sets())
def test_empty_set_neutral_for_sum(a: IntervalSet) -> None:
    assert a + EMPTY == a
    assert EMPTY + a == a
    assert sum([a], EMPTY) == a
    assert sum([], EMPTY) == EMPTY


@given(NON_EMPTY)
def test_zero_neutral_for_non_empty_sum(a: IntervalSet) -> None:
    assert a + ZERO == a
    assert ZERO + a == a


@given(interval_sets(), interval_sets())
def test_sum_empty_only_if_both_empty(a: IntervalSet, b: IntervalSet) -> None:
    assert (a + b).is_empty == (a.is_empty and b.is_empty)


@given(st.data(), NON_EMPTY, NON_EMPTY)
def test_sum_point_is_sum_of_points(
    data: st.DataObject, a: IntervalSet, b: IntervalSet
) -> None:
    total = data.draw(points_in(a + b))
    witnesses = []
    for a_lower, a_upper in a.intervals:
        for b_lower, b_upper in b.intervals:
            # The numbers of the A interval that leave a B number to reach total.
            lowest = max(_low(a_lower), total - _high(b_upper))
            highest = min(_high(a_upper), total - _low(b_lower))
            if lowest <= highest:
                point_a = min(max(0.0, lowest), highest)
                witnesses.append((point_a, total - point_a))

    assert witnesses, f"{total} in {a + b} is no sum of a point of {a} and of {b}"
    for point_a, point_b in witnesses:
        assert point_a in a
        assert point_b in b
        assert point_a + point_b == total


@given(st.data(), NON_EMPTY, NON_EMPTY)
def test_sum_of_points_in_sum(
    data: st.DataObject, a: IntervalSet, b: IntervalSet
) -> None:
    point_a = data.draw(points_in(a))
    point_b = data.draw(points_in(b))

    assert point_a + point_b in a + b


@given(interval_sets())
def test_intersection_idempotent(a: IntervalSet) -> None:
    assert a & a == a


@given(interval_sets(), interval_sets())
def test_intersection_commutative(a: IntervalSet, b: IntervalSet) -> None:
    assert a & b == b & a


@given(interval_sets(), interval_sets(), interval_sets())
def test_intersection_associative(
    a: IntervalSet, b: IntervalSet, c: IntervalSet
) -> None:
    assert (a & b) & c == a & (b & c)


@given(interval_sets())
def test_intersection_identity_and_zero(a: IntervalSet) -> None:
    assert a & IntervalSet([(None, None)]) == a
    assert (a & EMPTY).is_empty


@given(interval_sets(), interval_sets())
def test_intersection_and_union_membership(a: IntervalSet, b: IntervalSet) -> None:
    both = a & b
    either = a | b

    for point in probe_points(a, b):
        assert (point in both) == (point in a and point in b)
        assert (point in either) == (point in a or point in b)


@given(interval_sets(), interval_sets())
def test_results_canonical(a: IntervalSet, b: IntervalSet) -> None:
    for result in (a, a + b, a & b, a | b):
        assert_canonical(result)


def _low(end: float | None) -> float:
    return -math.inf if end is None else end


def _high(end: float | None) -> float:
    return math.inf if end is None else end
