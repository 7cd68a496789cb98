# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Jumps of the host's wall clock while samples flow: decisions follow the clock rules."""

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from frequenz.channels import BroadcastSender
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import (
    InverterBatteryGroup,
    InverterBatteryGroupActor,
    UnhealthyReason,
)
from frequenz.telemetry_tracker.component import WallClock, utc_now

from ..harness import Harness, fake_wall_clock, loop_time, reasons_of
from ..samples import START_UTC, utc_at
from .telemetry import started, telemetry_channels

HOUR = timedelta(hours=1)
STALE = {UnhealthyReason.STALE_SAMPLE_TIME}
IN_FUTURE = {UnhealthyReason.SAMPLE_TIME_IN_FUTURE}
MISSING = {UnhealthyReason.MISSING_DATA}
PERIOD_S = 0.2

JUMPS = [(0.0, timedelta(0)), (3.0, HOUR), (6.0, timedelta(0)), (9.0, -HOUR)]
"""The host clock's offset from the true time, from each loop time on."""


class HostClock:
    """A host wall clock that follows fake loop time, plus an offset the test sets."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return fake_wall_clock() + self.offset


def offset_at(at_s: float, jumps: list[tuple[float, timedelta]]) -> timedelta:
    """Return the host clock's offset at a loop time."""
    return [offset for since_s, offset in jumps if since_s <= at_s][-1]


def group_actor(
    wall_clock: WallClock,
) -> tuple[InverterBatteryGroupActor, dict[int, BroadcastSender[ComponentDataSamples]]]:
    """Return a group actor of inverter 1 and battery 10, and its telemetry senders."""
    senders, receivers = telemetry_channels([1, 10])
    actor = InverterBatteryGroupActor(
        group=InverterBatteryGroup(inverter_ids=[1], battery_ids=[10]),
        telemetry_receivers={ElectricalComponentId(i): r for i, r in receivers.items()},
        missing_data_tolerance=timedelta(seconds=1),
        wall_clock=wall_clock,
    )
    return actor, senders


async def feed(
    harness: Harness,
    *,
    until_s: float,
    jumps: list[tuple[float, timedelta]],
    set_host_clock: Callable[[timedelta], None],
    device_clock: Callable[[], datetime],
) -> None:
    """Send a sample per component every period, moving the host clock first."""
    step = 0
    while (at_s := round(step * PERIOD_S, 6)) <= until_s:
        await asyncio.sleep(at_s - loop_time())
        set_host_clock(offset_at(at_s, jumps))
        await harness.send(1, sampled_at=device_clock())
        await harness.send(10, sampled_at=device_clock())
        step += 1
    await harness.wait_for(lambda s: s.published_at_loop_s >= until_s)


def reasons_at(
    harness: Harness, at_s: float, component_id: int
) -> set[UnhealthyReason]:
    """Return a component's reasons in the last status published by a loop time."""
    status = [s for s in harness.statuses if s.published_at_loop_s <= at_s][-1]
    return reasons_of(status, component_id)


@pytest.mark.parametrize("component_id", [1, 10])
async def test_jump_judged_by_clock_rules(
    component_id: int, caplog: pytest.LogCaptureFixture
) -> None:
    clock = HostClock()
    actor, senders = group_actor(clock)
    async with started(actor, senders) as harness:

        def set_offset(offset: timedelta) -> None:
            clock.offset = offset

        await feed(
            harness,
            until_s=11.8,
            jumps=[*JUMPS, (11.0, timedelta(0))],
            set_host_clock=set_offset,
            device_clock=fake_wall_clock,
        )

    assert reasons_at(harness, 2.9, component_id) == set()
    assert reasons_at(harness, 5.9, component_id) == STALE
    assert reasons_at(harness, 8.9, component_id) == set()
    assert reasons_at(harness, 10.9, component_id) == IN_FUTURE
    assert reasons_at(harness, 11.8, component_id) == set()
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_jump_keeps_missing_data_deadline() -> None:
    clock = HostClock()
    actor, senders = group_actor(clock)
    async with started(actor, senders) as harness:

        def set_offset(offset: timedelta) -> None:
            clock.offset = offset

        await feed(
            harness,
            until_s=2.0,
            jumps=[(0.0, timedelta(0))],
            set_host_clock=set_offset,
            device_clock=fake_wall_clock,
        )
        await asyncio.sleep(2.3 - loop_time())
        clock.offset = HOUR
        await asyncio.sleep(2.6 - loop_time())
        clock.offset = -HOUR
        down = await harness.wait_for(
            lambda s: reasons_of(s, 1) == MISSING and reasons_of(s, 10) == MISSING
        )

    assert down.health_of(1).since_loop_s == pytest.approx(3.0)
    assert down.health_of(10).since_loop_s == pytest.approx(3.0)
    assert down.published_at_loop_s == pytest.approx(3.0)


async def test_jump_with_real_clock_calls() -> None:
    actor, senders = group_actor(utc_now)
    with time_machine.travel(START_UTC, tick=False) as traveller:
        async with started(actor, senders) as harness:

            def move_host_clock(offset: timedelta) -> None:
                traveller.move_to(utc_at(loop_time()) + offset)

            await feed(
                harness,
                until_s=11.8,
                jumps=[*JUMPS, (11.0, timedelta(0))],
                set_host_clock=move_host_clock,
                device_clock=fake_wall_clock,
            )

    stale = next(s for s in harness.statuses if reasons_of(s, 1) == STALE)
    assert reasons_at(harness, 5.9, 10) == STALE
    assert reasons_at(harness, 10.9, 10) == IN_FUTURE
    assert reasons_at(harness, 11.8, 10) == set()
    assert stale.published_at_utc - utc_at(stale.published_at_loop_s) == HOUR


async def test_shared_clock_jump_back() -> None:
    actor, senders = group_actor(utc_now)
    with time_machine.travel(START_UTC, tick=False) as traveller:
        async with started(actor, senders) as harness:

            def move_host_clock(offset: timedelta) -> None:
                traveller.move_to(utc_at(loop_time()) + offset)

            await feed(
                harness,
                until_s=8.8,
                jumps=[(0.0, timedelta(0)), (3.0, -HOUR), (6.0, timedelta(0))],
                set_host_clock=move_host_clock,
                device_clock=lambda: datetime.now(UTC),
            )
            stats = actor.component_stats()[ElectricalComponentId(1)]

    down = next(s for s in harness.statuses if reasons_of(s, 1) == MISSING)
    assert reasons_at(harness, 2.9, 1) == set()
    assert down.published_at_loop_s == pytest.approx(3.8)
    assert reasons_at(harness, 5.9, 1) == MISSING
    assert reasons_at(harness, 8.8, 1) == set()
    assert stats.samples_rejected_out_of_order == 15
