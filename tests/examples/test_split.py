# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of clamping a request to the pool bounds and splitting it over inverters."""

import math

import pytest
from examples.power_app import clamp_to_bounds, fill, headroom_w, split_power
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ..bounds.builders import group_status, pool_status
from .pools import bounds_w, group_a, group_a_blocked, group_b, two_groups

CID1 = ElectricalComponentId(1)
CID2 = ElectricalComponentId(2)
CID3 = ElectricalComponentId(3)


@pytest.mark.parametrize(
    ("power_w", "expected_w"),
    [
        (500.0, 500.0),
        (2000.0, 1000.0),
        (-2000.0, -1000.0),
        (-300.0, -300.0),
        (-150.0, -200.0),
        (150.0, 200.0),
        (0.0, -200.0),
    ],
)
def test_clamp_to_nearest_allowed(power_w: float, expected_w: float) -> None:
    bounds = bounds_w((-1000.0, -200.0), (200.0, 1000.0))

    assert clamp_to_bounds(power_w, bounds) == expected_w


def test_clamp_open_end() -> None:
    assert clamp_to_bounds(1e9, bounds_w((-10.0, None))) == 1e9


def test_clamp_empty_bounds() -> None:
    assert clamp_to_bounds(500.0, bounds_w()) is None


def test_headroom_by_direction() -> None:
    ends = [(-3000.0, -500.0), (500.0, 2000.0)]

    assert headroom_w(ends, 100.0) == 2000.0
    assert headroom_w(ends, -100.0) == 3000.0
    assert headroom_w(ends, 0.0) == math.inf
    assert headroom_w([(None, 10.0)], -1.0) == math.inf
    assert headroom_w([(-50.0, -10.0)], 1.0) == 0.0
    assert headroom_w([], 1.0) == 0.0


def test_fill_even_within_limits() -> None:
    assert fill(900.0, {"a": 1000.0, "b": 1000.0, "c": 1000.0}) == {
        "a": 300.0,
        "b": 300.0,
        "c": 300.0,
    }


def test_fill_small_limit_first() -> None:
    shares = fill(-900.0, {"a": 100.0, "b": 1000.0, "c": math.inf})

    assert shares == {"a": -100.0, "b": -400.0, "c": -400.0}


def test_fill_above_limits() -> None:
    assert fill(5000.0, {"a": 1000.0, "b": 2000.0}) == {"a": 1000.0, "b": 2000.0}


def test_fill_no_members() -> None:
    assert fill(100.0, {}) == {}


def test_split_over_groups_then_inverters() -> None:
    shares = split_power(6000.0, two_groups())

    assert shares == {CID1: 1750.0, CID2: 1750.0, CID3: 2500.0}


def test_split_zero_commands_every_inverter() -> None:
    assert split_power(0.0, two_groups()) == {CID1: 0.0, CID2: 0.0, CID3: 0.0}


def test_split_skips_unhealthy_inverter() -> None:
    shares = split_power(-6000.0, pool_status(group_a(inverter_2=False), group_b()))

    assert shares == {CID1: -3500.0, CID3: -2500.0}


def test_split_skips_unusable_group() -> None:
    shares = split_power(3000.0, pool_status(group_a(), group_b(battery=False)))

    assert shares == {CID1: 1500.0, CID2: 1500.0}


def test_split_skips_inverter_without_bounds() -> None:
    status = pool_status(
        group_status({1: [(-5000.0, 5000.0)], 2: []}, {10: [(-4000.0, 4000.0)]})
    )

    assert split_power(2000.0, status) == {CID1: 2000.0}


def test_split_nothing_in_blocked_fallback() -> None:
    status = pool_status(group_a_blocked())

    assert status.components_to_use() >= {CID1, CID2}
    assert split_power(2000.0, status) == {}
