# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the rules that combine component bounds into pool bounds."""

import itertools
import math

import pytest
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.metrics import Metric
from frequenz.quantities import Power

from frequenz.telemetry_tracker import ComponentKind
from frequenz.telemetry_tracker.bounds import (
    POWER_METRICS,
    IntervalSet,
    InvalidBoundsError,
    PoolBounds,
    component_power_bounds,
    pool_bounds,
)

from .builders import Pairs, group_status, healthy, status_of, unhealthy, watts

INVERTER = ComponentKind.INVERTER
BATTERY = ComponentKind.BATTERY
EXCLUSION: Pairs = [(-1000.0, -200.0), (200.0, 1000.0)]
ANY: Pairs = [(None, None)]


def test_worked_example() -> None:
    group_a = group_status({1: EXCLUSION, 2: EXCLUSION}, {10: [(-300.0, 200.0)]})
    group_b = group_status(
        {3: [(-3000.0, -500.0), (500.0, 3000.0)]},
        {11: [(-2000.0, 2500.0)], 12: [(math.nan, 1000.0)]},
    )
    group_c = group_status({4: [(-5000.0, 5000.0)]}, {13: None})

    bounds = pool_bounds([group_a, group_b, group_c])

    assert bounds.intervals == watts((-2300.0, -300.0), (200.0, 2700.0))
    assert bounds.contributing_groups == {group_a.group, group_b.group}
    assert bounds.left_out_component_ids == {ElectricalComponentId(12)}
    assert Power.zero() not in bounds


def test_inverters_in_parallel_add() -> None:
    status = group_status({1: [(-1000.0, 1000.0)], 2: [(-500.0, 700.0)]}, {10: ANY})

    assert pool_bounds([status]).intervals == watts((-1500.0, 1700.0))


def test_batteries_in_parallel_add() -> None:
    status = group_status({1: ANY}, {10: [(-800.0, 600.0)], 11: [(0.0, 400.0)]})

    assert pool_bounds([status]).intervals == watts((-800.0, 1000.0))


def test_sides_in_series_intersect() -> None:
    status = group_status({1: EXCLUSION}, {10: [(-500.0, 800.0)]})

    assert pool_bounds([status]).intervals == watts((-500.0, -200.0), (200.0, 800.0))


def test_groups_add() -> None:
    first = group_status({1: [(-1000.0, 1000.0)]}, {10: ANY})
    second = group_status({2: [(-50.0, 50.0)]}, {11: ANY})

    bounds = pool_bounds([first, second])

    assert bounds.intervals == watts((-1050.0, 1050.0))
    assert bounds.contributing_groups == {first.group, second.group}


def test_exclusion_zone_survives_groups() -> None:
    first = group_status({1: EXCLUSION}, {10: ANY})
    second = group_status({2: [(-50.0, 50.0)]}, {11: ANY})

    bounds = pool_bounds([first, second])

    assert bounds.intervals == watts((-1050.0, -150.0), (150.0, 1050.0))


def test_unusable_group_adds_nothing() -> None:
    usable = group_status({1: [(-1000.0, 1000.0)]}, {10: ANY})
    no_battery = group_status({2: [(-500.0, 500.0)]}, {11: None})
    no_inverter = group_status({3: None}, {12: [(-500.0, 500.0)]})

    bounds = pool_bounds([usable, no_battery, no_inverter])

    assert bounds.intervals == watts((-1000.0, 1000.0))
    assert bounds.contributing_groups == {usable.group}


def test_unhealthy_component_adds_nothing() -> None:
    status = group_status({1: [(-1000.0, 1000.0)], 2: None}, {10: ANY})

    assert pool_bounds([status]).intervals == watts((-1000.0, 1000.0))


def test_no_usable_group_is_empty() -> None:
    unusable = group_status({1: [(-1000.0, 1000.0)]}, {10: None})

    for statuses in ([], [unusable]):
        bounds = pool_bounds(statuses)
        assert bounds.is_empty
        assert bounds.intervals == ()
        assert bounds.contributing_groups == frozenset()
        assert Power.zero() not in bounds


def test_disjoint_sides_add_nothing() -> None:
    stuck = group_status({1: [(100.0, 200.0)]}, {10: [(-200.0, -100.0)]})
    usable = group_status({2: [(-50.0, 50.0)]}, {11: ANY})

    bounds = pool_bounds([stuck, usable])

    assert bounds.intervals == watts((-50.0, 50.0))
    assert bounds.contributing_groups == {usable.group}


def test_zero_only_group_is_not_empty() -> None:
    status = group_status({1: [(0.0, 0.0)]}, {10: ANY})

    bounds = pool_bounds([status])

    assert bounds.intervals == watts((0.0, 0.0))
    assert bounds.contributing_groups == {status.group}


@pytest.mark.parametrize(
    "bad",
    [
        [(math.nan, 1000.0)],
        [(-1000.0, math.nan)],
        [(math.nan, math.nan)],
        [(-math.inf, 1000.0)],
        [(-1000.0, math.inf)],
        [(1000.0, -1000.0)],
        [(-1000.0, -200.0), (200.0, math.nan)],
    ],
)
def test_invalid_bounds_left_out(bad: Pairs) -> None:
    status = group_status({1: [(-700.0, 700.0)], 2: bad}, {10: ANY})

    bounds = pool_bounds([status])

    assert bounds.intervals == watts((-700.0, 700.0))
    assert bounds.left_out_component_ids == {ElectricalComponentId(2)}
    assert bounds.contributing_groups == {status.group}


def test_invalid_battery_bounds_left_out() -> None:
    status = group_status({1: ANY}, {10: [(-700.0, 700.0)], 11: [(5.0, -5.0)]})

    bounds = pool_bounds([status])

    assert bounds.intervals == watts((-700.0, 700.0))
    assert bounds.left_out_component_ids == {ElectricalComponentId(11)}


def test_missing_bounds_left_out() -> None:
    status = status_of(
        [
            healthy(1, INVERTER, [(-700.0, 700.0)]),
            healthy(2, INVERTER, []),
            healthy(3, INVERTER, [(-100.0, 100.0)], metric=Metric.DC_POWER),
            healthy(4, INVERTER),
            healthy(10, BATTERY, ANY),
        ]
    )

    bounds = pool_bounds([status])

    assert bounds.intervals == watts((-700.0, 700.0))
    assert bounds.left_out_component_ids == {
        ElectricalComponentId(2),
        ElectricalComponentId(3),
        ElectricalComponentId(4),
    }


def test_side_all_left_out_adds_nothing() -> None:
    broken = group_status({1: [(math.nan, 0.0)]}, {10: ANY})
    usable = group_status({2: [(-50.0, 50.0)]}, {11: ANY})

    bounds = pool_bounds([broken, usable])

    assert bounds.intervals == watts((-50.0, 50.0))
    assert bounds.contributing_groups == {usable.group}
    assert bounds.left_out_component_ids == {ElectricalComponentId(1)}


def test_output_never_nan() -> None:
    statuses = [
        group_status({1: [(math.nan, math.nan)]}, {10: [(math.nan, 0.0)]}),
        group_status({2: [(math.inf, math.inf)]}, {11: [(0.0, math.nan)]}),
    ]

    bounds = pool_bounds(statuses)

    assert bounds.is_empty
    assert len(bounds.left_out_component_ids) == 4


def test_repeated_metric_samples_intersect() -> None:
    health = healthy(1, INVERTER, [(-1000.0, 1000.0)], [], [(-500.0, 2000.0)])

    assert component_power_bounds(health) == IntervalSet([(-500.0, 1000.0)])


def test_conflicting_metric_samples_rejected() -> None:
    health = healthy(1, INVERTER, [(-1000.0, -500.0)], [(500.0, 1000.0)])

    with pytest.raises(InvalidBoundsError, match="no value in common"):
        component_power_bounds(health)


def test_component_bounds_errors_name_metric() -> None:
    with pytest.raises(InvalidBoundsError, match="No sample, so no DC_POWER"):
        component_power_bounds(unhealthy(10, BATTERY))
    with pytest.raises(InvalidBoundsError, match="no AC_POWER_ACTIVE bounds"):
        component_power_bounds(healthy(1, INVERTER, []))


def test_power_metrics_per_kind() -> None:
    assert POWER_METRICS[INVERTER] is Metric.AC_POWER_ACTIVE
    assert POWER_METRICS[BATTERY] is Metric.DC_POWER


def test_order_of_statuses_irrelevant() -> None:
    statuses = [
        group_status({1: [(-0.1, 0.1)]}, {10: ANY}),
        group_status({2: [(-0.2, 0.2)]}, {11: ANY}),
        group_status({3: [(-0.3, 0.3)]}, {12: ANY}),
    ]

    results = [pool_bounds(order) for order in itertools.permutations(statuses)]

    assert all(result == results[0] for result in results)


def test_pool_bounds_open_ends_and_membership() -> None:
    bounds = PoolBounds.from_watts(IntervalSet([(None, -200.0), (200.0, None)]))

    assert bounds.intervals == watts((None, -200.0), (200.0, None))
    assert Power.from_kilowatts(-5.0) in bounds
    assert Power.from_watts(0.0) not in bounds
    assert Power.from_watts(200.0) in bounds
    assert Power.from_watts(math.nan) not in bounds
    assert -200.0 not in bounds
    assert not bounds.is_empty
    assert str(bounds) == "{(-inf, -200.0], [200.0, inf)} W"
    assert str(PoolBounds.from_watts(IntervalSet())) == "{} W"
