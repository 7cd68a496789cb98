# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the pool bounds actor behind a real group actor, in fake time."""

import asyncio
import logging
import math

import pytest

from frequenz.telemetry_tracker import ComponentKind

from ..harness import Harness, fake_wall_clock, loop_time, running_group
from .builders import Pairs, power_sample, watts
from .recording import running_bounds_actor

INVERTER = ComponentKind.INVERTER
BATTERY = ComponentKind.BATTERY
PERIOD_S = 0.1
WIDE = watts((-6000.0, 6000.0))
NARROW = watts((-4000.0, 4000.0))


def feed(
    harness: Harness,
    component_id: int,
    kind: ComponentKind,
    bounds: Pairs,
    *,
    from_s: float = 0.0,
    until_s: float,
) -> None:
    """Send a healthy sample with the given bounds every period, both ends included."""

    async def run() -> None:
        count = 0
        while (at_s := from_s + count * PERIOD_S) <= until_s + 1e-9:
            await asyncio.sleep(max(0.0, at_s - loop_time()))
            sample = power_sample(
                component_id, kind, bounds, sampled_at=fake_wall_clock()
            )
            await harness.senders[component_id].send(sample)
            count += 1

    harness.tasks.append(asyncio.create_task(run()))


def feed_steady_then_change(harness: Harness) -> None:
    """Feed identical samples at 10 Hz; inverter 2's bounds narrow at 5 s."""
    feed(harness, 1, INVERTER, [(-3000.0, 3000.0)], until_s=8.0)
    feed(harness, 2, INVERTER, [(-3000.0, 3000.0)], until_s=4.95)
    feed(harness, 2, INVERTER, [(-1000.0, 1000.0)], from_s=5.0, until_s=8.0)
    feed(harness, 10, BATTERY, [(-10000.0, 10000.0)], until_s=8.0)


async def test_steady_samples_publish_once() -> None:
    async with running_group([1, 2], [10]) as harness:
        feed_steady_then_change(harness)
        await harness.wait_for(lambda status: len(status.healthy_component_ids) == 3)
        statuses = harness.actor.new_status_receiver(limit=1000)
        async with running_bounds_actor(statuses) as record:
            changed = await record.wait_for(lambda bounds: bounds.intervals == NARROW)
            await asyncio.sleep(8.0 - loop_time())

    assert [at_s for at_s, _ in record.published] == [
        pytest.approx(0.0, abs=0.01),
        pytest.approx(5.0),
    ]
    assert [bounds.intervals for bounds in record.values] == [WIDE, NARROW]
    assert record.values[1] is changed
    assert harness.statuses[-1].is_usable


async def test_steady_samples_from_cold_start() -> None:
    async with running_group([1, 2], [10]) as harness:
        statuses = harness.actor.new_status_receiver(limit=1000)
        async with running_bounds_actor(statuses) as record:
            feed_steady_then_change(harness)
            await record.wait_for(lambda bounds: bounds.intervals == NARROW)
            await asyncio.sleep(8.0 - loop_time())

    # Until all three components are healthy, each one that turns healthy
    # changes the bounds; all of that happens at the first samples, at 0 s.
    startup = [bounds for at_s, bounds in record.published if at_s == 0.0]
    later = [(at_s, bounds) for at_s, bounds in record.published if at_s > 0.0]
    assert startup[0].is_empty
    assert startup[-1].intervals == WIDE
    assert [at_s for at_s, _ in later] == [pytest.approx(5.0)]
    assert [bounds.intervals for _, bounds in later] == [NARROW]


async def test_bad_bounds_warned_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="frequenz.telemetry_tracker.bounds")
    async with running_group([1, 2, 3], [10]) as harness:
        statuses = harness.actor.new_status_receiver(limit=1000)
        async with running_bounds_actor(statuses) as record:
            feed(harness, 1, INVERTER, [(-3000.0, 3000.0)], until_s=3.0)
            feed(harness, 2, INVERTER, [(math.nan, 3000.0)], until_s=3.0)
            feed(harness, 3, INVERTER, [(3000.0, -3000.0)], until_s=3.0)
            feed(harness, 10, BATTERY, [(-10000.0, 10000.0)], until_s=3.0)
            await record.wait_for(
                lambda bounds: len(bounds.left_out_component_ids) == 2
            )
            await asyncio.sleep(3.0 - loop_time())

    final = record.values[-1]
    assert final.intervals == watts((-3000.0, 3000.0))
    assert {int(i) for i in final.left_out_component_ids} == {2, 3}
    assert all(at_s == 0.0 for at_s, _ in record.published)
    warnings = [
        log.getMessage()
        for log in caplog.records
        if log.name.startswith("frequenz.telemetry_tracker.bounds")
    ]
    assert len(warnings) == 2
    assert "Component CID2: bounds left out" in warnings[0]
    assert "Component CID3: bounds left out" in warnings[1]
    for bounds in record.values:
        for interval in bounds.intervals:
            for end in (interval.lower, interval.upper):
                assert end is None or math.isfinite(end.as_watts())
