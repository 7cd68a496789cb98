# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of interval sets on hand-picked cases."""

import copy
import math
import pickle
from types import SimpleNamespace
from typing import cast

import pytest
from frequenz.client.microgrid.metrics import Bounds

from frequenz.telemetry_tracker import TelemetryTrackerError
from frequenz.telemetry_tracker.bounds import IntervalSet, InvalidBoundsError

from .builders import raw_bounds

EXCLUSION = IntervalSet([(-1000.0, -200.0), (200.0, 1000.0)])


def test_overlapping_and_touching_merge() -> None:
    merged = IntervalSet([(5.0, 8.0), (0.0, 2.0), (2.0, 3.0), (7.0, 9.0)])

    assert merged.intervals == ((0.0, 3.0), (5.0, 9.0))


def test_points_and_open_ends_kept() -> None:
    interval_set = IntervalSet([(None, -10.0), (0.0, 0.0), (10.0, None)])

    assert interval_set.intervals == ((None, -10.0), (0.0, 0.0), (10.0, None))
    assert -1e300 in interval_set
    assert 0.0 in interval_set
    assert 1.0 not in interval_set
    assert 1e300 in interval_set


def test_order_of_intervals_irrelevant() -> None:
    assert IntervalSet([(200.0, 1000.0), (-1000.0, -200.0)]) == EXCLUSION
    assert hash(IntervalSet([(200.0, 1000.0), (-1000.0, -200.0)])) == hash(EXCLUSION)


@pytest.mark.parametrize(
    "lower, upper, message",
    [
        (math.nan, 5.0, r"\[nan, 5.0\]: the lower end is nan"),
        (-5.0, math.nan, r"\[-5.0, nan\]: the upper end is nan"),
        (-math.inf, 5.0, r"the lower end is -inf"),
        (None, math.inf, r"the upper end is inf"),
        (6.0, 5.0, r"\[6.0, 5.0\]: the lower end is above the upper end"),
    ],
)
def test_invalid_ends_rejected(
    lower: float | None, upper: float | None, message: str
) -> None:
    with pytest.raises(InvalidBoundsError, match=message):
        IntervalSet([(lower, upper)])


def test_invalid_bounds_error_in_hierarchy() -> None:
    assert issubclass(InvalidBoundsError, TelemetryTrackerError)
    assert issubclass(InvalidBoundsError, ValueError)


def test_from_bounds_is_union() -> None:
    bounds = [Bounds(lower=200.0, upper=1000.0), Bounds(lower=-1000.0, upper=-200.0)]

    assert IntervalSet.from_bounds(bounds) == EXCLUSION
    assert IntervalSet.from_bounds([Bounds()]).intervals == ((None, None),)
    assert IntervalSet.from_bounds([]).is_empty


def test_from_bounds_rejects_lower_above_upper() -> None:
    with pytest.raises(InvalidBoundsError, match="lower end is above"):
        IntervalSet.from_bounds([raw_bounds(10.0, -10.0)])
    stand_in = cast(Bounds, SimpleNamespace(lower=10.0, upper=-10.0))
    with pytest.raises(InvalidBoundsError, match="lower end is above"):
        IntervalSet.from_bounds([stand_in])


def test_sum_adds_every_pair() -> None:
    assert EXCLUSION + IntervalSet([(0.0, 50.0)]) == IntervalSet(
        [(-1000.0, -150.0), (200.0, 1050.0)]
    )


def test_sum_fills_exclusion_zone() -> None:
    # One inverter at +300 W and the other at -300 W give 0 W together.
    both = EXCLUSION + EXCLUSION

    assert both == IntervalSet([(-2000.0, 2000.0)])
    assert 0.0 in both


def test_sum_with_open_end() -> None:
    assert EXCLUSION + IntervalSet([(None, 0.0)]) == IntervalSet([(None, 1000.0)])


def test_empty_set_adds_nothing() -> None:
    empty = IntervalSet()

    assert empty.is_empty
    assert EXCLUSION + empty == EXCLUSION
    assert empty + EXCLUSION == EXCLUSION
    assert (empty + empty).is_empty


def test_sum_with_zero_is_identity() -> None:
    assert EXCLUSION + IntervalSet([(0.0, 0.0)]) == EXCLUSION


def test_intersection_keeps_exclusion_zone() -> None:
    battery = IntervalSet([(-500.0, 800.0)])

    assert EXCLUSION & battery == IntervalSet([(-500.0, -200.0), (200.0, 800.0)])
    assert (EXCLUSION & IntervalSet([(-100.0, 100.0)])).is_empty
    assert (EXCLUSION & IntervalSet()).is_empty
    assert EXCLUSION & IntervalSet([(None, None)]) == EXCLUSION


def test_intersection_keeps_single_points() -> None:
    assert (EXCLUSION & IntervalSet([(1000.0, 2000.0)])).intervals == (
        (1000.0, 1000.0),
    )


def test_union() -> None:
    assert IntervalSet([(-1000.0, -200.0)]) | IntervalSet([(200.0, 1000.0)]) == (
        EXCLUSION
    )
    assert (IntervalSet([(0.0, 1.0)]) | IntervalSet([(1.0, 2.0)])).intervals == (
        (0.0, 2.0),
    )


def test_contains_rejects_non_finite() -> None:
    everything = IntervalSet([(None, None)])

    not_a_number = float("nan")

    assert 0 in everything
    assert not_a_number not in everything
    assert math.inf not in everything
    assert "0" not in everything


def test_overflow_becomes_open_end() -> None:
    huge = IntervalSet([(-1e308, 1e308)])

    assert (huge + huge).intervals == ((None, None),)


def test_overflow_beyond_range_dropped() -> None:
    far = IntervalSet([(1e308, 1e308)])
    both = IntervalSet([(0.0, 0.0), (1e308, 1e308)])

    assert (far + far).is_empty
    assert (both + far).intervals == ((1e308, 1e308),)


@pytest.mark.parametrize("name", ["intervals", "lower", "_ends"])
def test_immutable(name: str) -> None:
    with pytest.raises(AttributeError, match="immutable"):
        setattr(EXCLUSION, name, ())
    with pytest.raises(AttributeError, match="immutable"):
        delattr(EXCLUSION, name)
    assert EXCLUSION.intervals == ((-1000.0, -200.0), (200.0, 1000.0))


def test_copy_and_pickle() -> None:
    interval_set = IntervalSet([(None, -200.0), (200.0, 1000.0)])

    assert copy.deepcopy(interval_set) == interval_set
    assert pickle.loads(pickle.dumps(interval_set)) == interval_set


def test_text_forms() -> None:
    interval_set = IntervalSet([(None, -200.0), (200.0, 1000.0)])

    assert str(interval_set) == "{(-inf, -200.0], [200.0, 1000.0]}"
    assert str(IntervalSet()) == "{}"
    assert repr(interval_set) == "IntervalSet([(None, -200.0), (200.0, 1000.0)])"
