# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the pool bounds actor fed with hand-built group statuses, in fake time."""

import asyncio
import logging
import math

import pytest
from frequenz.channels import BroadcastChannel

from frequenz.telemetry_tracker.bounds import GroupOrPoolStatus, PoolBoundsActor

from .builders import Pairs, group_status, pool_status, watts
from .recording import running_bounds_actor

ANY: Pairs = [(None, None)]
WIDE = group_status({1: [(-1000.0, 1000.0)], 2: [(-500.0, 500.0)]}, {10: ANY})
NARROW = group_status({1: [(-1000.0, 1000.0)], 2: [(-100.0, 100.0)]}, {10: ANY})
UNUSABLE = group_status({1: [(-1000.0, 1000.0)], 2: None}, {10: None})
NAN_2 = group_status({1: [(-1000.0, 1000.0)], 2: [(math.nan, 0.0)]}, {10: ANY})
NAN_2_NARROW_1 = group_status({1: [(-300.0, 300.0)], 2: [(0.0, math.nan)]}, {10: ANY})

WIDE_W = watts((-1500.0, 1500.0))
NARROW_W = watts((-1100.0, 1100.0))
ONLY_1_W = watts((-1000.0, 1000.0))
LOGGER = "frequenz.telemetry_tracker.bounds"


def status_channel() -> BroadcastChannel[GroupOrPoolStatus]:
    return BroadcastChannel[GroupOrPoolStatus]("statuses", limit=100)


async def test_publishes_only_on_change() -> None:
    sender, receiver = status_channel()
    # A mapped receiver has no queue length, so every status is read.
    every_status = receiver.map(lambda status: status)
    async with running_bounds_actor(every_status) as record:
        for status in (WIDE, WIDE, WIDE, NARROW, NARROW, WIDE, UNUSABLE):
            await sender.send(status)
        await record.wait_for(lambda bounds: bounds.is_empty)

    assert [bounds.intervals for bounds in record.values] == [
        WIDE_W,
        NARROW_W,
        WIDE_W,
        (),
    ]


async def test_queued_statuses_skipped() -> None:
    sender, receiver = status_channel()
    for status in (WIDE, UNUSABLE, NARROW):
        await sender.send(status)

    async with running_bounds_actor(receiver) as record:
        await record.wait_for(lambda bounds: bounds.intervals == NARROW_W)

    assert [bounds.intervals for bounds in record.values] == [NARROW_W]


async def test_new_receiver_gets_latest() -> None:
    sender, receiver = status_channel()
    async with running_bounds_actor(receiver) as record:
        assert record.actor.latest_bounds is None
        await sender.send(WIDE)
        latest = await record.wait_for(lambda bounds: True)

        async with asyncio.timeout(1.0):
            late = await record.actor.new_bounds_receiver().receive()

    assert late == latest
    assert record.actor.latest_bounds == latest
    assert latest.intervals == WIDE_W
    assert latest.contributing_groups == {WIDE.group}


async def test_pool_status_adds_groups() -> None:
    other = group_status({3: [(-50.0, 50.0)]}, {11: ANY})
    sender, receiver = status_channel()
    async with running_bounds_actor(receiver) as record:
        await sender.send(pool_status(WIDE, other))
        pool = await record.wait_for(lambda bounds: True)
        await sender.send(pool_status(UNUSABLE, other))
        one_group = await record.wait_for(lambda bounds: bounds != pool)
        await sender.send(pool_status())
        empty = await record.wait_for(lambda bounds: bounds.is_empty)

    assert pool.intervals == watts((-1550.0, 1550.0))
    assert pool.contributing_groups == {WIDE.group, other.group}
    assert one_group.intervals == watts((-50.0, 50.0))
    assert one_group.contributing_groups == {other.group}
    assert empty.contributing_groups == frozenset()


async def test_first_status_published_even_empty() -> None:
    sender, receiver = status_channel()
    async with running_bounds_actor(receiver) as record:
        await sender.send(UNUSABLE)
        first = await record.wait_for(lambda bounds: True)

    assert first.is_empty


async def test_one_warning_per_left_out_component(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    sender, receiver = status_channel()
    every_status = receiver.map(lambda status: status)
    async with running_bounds_actor(every_status) as record:
        for status in (NAN_2, NAN_2_NARROW_1, NAN_2, NAN_2_NARROW_1, WIDE):
            await sender.send(status)
        await record.wait_for(lambda bounds: bounds.intervals == WIDE_W)
        warnings_before_recovery = _messages(caplog, logging.WARNING)
        await sender.send(NAN_2)
        await sender.send(UNUSABLE)
        await record.wait_for(lambda bounds: bounds.is_empty)

    assert [bounds.intervals for bounds in record.values] == [
        ONLY_1_W,
        watts((-300.0, 300.0)),
        ONLY_1_W,
        watts((-300.0, 300.0)),
        WIDE_W,
        ONLY_1_W,
        (),
    ]
    assert len(warnings_before_recovery) == 1
    assert "Component CID2: bounds left out" in warnings_before_recovery[0]
    assert "nan" in warnings_before_recovery[0]
    infos = _messages(caplog, logging.INFO)
    assert infos.count("Component CID2: bounds valid again.") == 1
    warnings = _messages(caplog, logging.WARNING)
    assert [message for message in warnings if "CID2" in message] == [
        warnings_before_recovery[0],
        warnings_before_recovery[0],
    ]


async def test_empty_pool_warned_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    sender, receiver = status_channel()
    every_status = receiver.map(lambda status: status)
    async with running_bounds_actor(every_status) as record:
        for status in (UNUSABLE, WIDE, UNUSABLE, UNUSABLE, NARROW):
            await sender.send(status)
        await record.wait_for(lambda bounds: bounds.intervals == NARROW_W)

    assert [bounds.is_empty for bounds in record.values] == [True, False, True, False]
    warnings = _messages(caplog, logging.WARNING)
    assert warnings == [
        "PoolBoundsActor[pool-bounds]: pool bounds empty, no power possible."
    ]
    assert (
        "PoolBoundsActor[pool-bounds]: pool bounds not empty, power possible again."
        in _messages(caplog, logging.INFO)
    )


async def test_stops_when_statuses_end() -> None:
    sender, receiver = status_channel()
    actor = PoolBoundsActor(status_receiver=receiver, name="ending")
    actor.start()
    await sender.send(WIDE)
    await sender.aclose()

    async with asyncio.timeout(1.0):
        await actor.wait()

    assert not actor.is_running
    latest = actor.latest_bounds
    assert latest is not None
    assert latest.intervals == WIDE_W


def _messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.levelno == level and record.name.startswith(LOGGER)
    ]
