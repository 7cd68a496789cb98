# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Status subscribers that never read, or go away: memory stays bounded, others receive."""

import asyncio
import gc
import logging
import weakref
from datetime import timedelta

import pytest
from frequenz.client.microgrid.component import ComponentStateCode as Code

from frequenz.telemetry_tracker import InverterBatteryGroup, InverterBatteryPoolActor

from ..harness import Harness, fake_wall_clock, running_group
from ..samples import make_sample
from .telemetry import CountingSource

TRANSITIONS = 200
UNREAD_LIMIT = 4


async def flip_inverter(harness: Harness, count: int) -> int:
    """Flip inverter 1's health `count` times with samples, and return the last sequence."""
    for index in range(count):
        await asyncio.sleep(0.01)
        states = [Code.ERROR] if index % 2 == 0 else [Code.READY]
        sample = make_sample(1, sampled_at=fake_wall_clock(), states=states)
        await harness.senders[1].send(sample)
    last = await harness.wait_for(lambda s: s.health_of(1).sample is sample)
    return last.sequence


def overflow_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Return the warnings about a full receiver dropping a message."""
    return [r for r in caplog.records if "Oldest message was dropped" in r.getMessage()]


async def test_unread_receiver_stays_bounded(caplog: pytest.LogCaptureFixture) -> None:
    async with running_group([1], [10]) as harness:
        unread = harness.actor.new_status_receiver(limit=UNREAD_LIMIT)
        await harness.send(10)
        last_sequence = await flip_inverter(harness, TRANSITIONS)
        buffered = len(unread)
        kept = [(await unread.receive()).sequence for _ in range(buffered)]

    read = [status.sequence for status in harness.statuses]
    assert last_sequence >= TRANSITIONS
    assert read == list(range(last_sequence + 1))
    assert buffered == UNREAD_LIMIT
    assert kept == list(range(last_sequence - UNREAD_LIMIT + 1, last_sequence + 1))
    assert overflow_warnings(caplog) == []


async def test_dropped_receiver_is_released() -> None:
    async with running_group([1], [10]) as harness:
        dropped = harness.actor.new_status_receiver(limit=UNREAD_LIMIT)
        await harness.send(10)
        await flip_inverter(harness, 10)
        dropped_ref = weakref.ref(dropped)
        del dropped
        gc.collect()
        last_sequence = await flip_inverter(harness, 10)

    read = [status.sequence for status in harness.statuses]
    assert dropped_ref() is None
    assert read == list(range(last_sequence + 1))
    assert harness.actor.latest_status is not None


async def test_unread_pool_receiver_bounded(caplog: pytest.LogCaptureFixture) -> None:
    source = CountingSource()
    pool = InverterBatteryPoolActor(
        groups=[InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])],
        telemetry_source=source,
        missing_data_tolerance=timedelta(seconds=30),
        wall_clock=fake_wall_clock,
    )
    reader = pool.new_status_receiver(limit=1000)
    unread = pool.new_status_receiver(limit=UNREAD_LIMIT)
    async with pool:
        for index in range(50):
            await asyncio.sleep(0.01)
            states = [Code.ERROR] if index % 2 == 0 else [Code.READY]
            sample = make_sample(1, sampled_at=fake_wall_clock(), states=states)
            await source.senders[1].send(sample)
        async with asyncio.timeout(5):
            async for status in reader:
                group_status = next(iter(status.groups.values()))
                if group_status.health_of(1).sample is sample:
                    break

    assert status.sequence >= 50
    assert len(unread) == UNREAD_LIMIT
    assert overflow_warnings(caplog) == []
