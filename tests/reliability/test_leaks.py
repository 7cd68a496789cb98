# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Starting and stopping actors many times leaves no task, stream or actor behind."""

import asyncio
import gc
import logging
import weakref
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import pytest
from frequenz.channels import BroadcastChannel

from frequenz.telemetry_tracker import (
    InverterBatteryGroup,
    InverterBatteryGroupActor,
    InverterBatteryPoolActor,
)
from frequenz.telemetry_tracker.group import PowerCommandResult

from ..harness import fake_wall_clock
from .telemetry import CountingSource

GROUP_A = InverterBatteryGroup(inverter_ids=[1, 2], battery_ids=[10])
GROUP_B = InverterBatteryGroup(inverter_ids=[3], battery_ids=[11, 12])
TOLERANCE = timedelta(seconds=1)


async def extra_tasks_after(
    baseline: set[asyncio.Task[object]], timeout_s: float
) -> int:
    """Wait for the tasks started after the baseline to end, and return how many remain.

    A channels `Timer` cancelled while it waits leaves its sleep task running
    until the tick it waited for, so tasks may take one timer period to end.
    """
    started_since = asyncio.all_tasks() - baseline
    if started_since:
        await asyncio.wait(started_since, timeout=timeout_s)
    return len(asyncio.all_tasks() - baseline)


def alive(refs: Iterable[weakref.ref[Any]]) -> int:
    """Return how many of the referenced objects are still alive, after a collection."""
    gc.collect()
    return sum(ref() is not None for ref in refs)


def errors_and_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Return the records at WARNING level or above."""
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_group_start_stop_1000(caplog: pytest.LogCaptureFixture) -> None:
    source = CountingSource()
    baseline = asyncio.all_tasks()
    open_after_stop: list[int] = []
    extra_tasks: list[int] = []
    actor_refs: list[weakref.ref[object]] = []

    for _ in range(1000):
        actor = InverterBatteryGroupActor(
            group=GROUP_A,
            telemetry_source=source,
            missing_data_tolerance=TOLERANCE,
            wall_clock=fake_wall_clock,
        )
        statuses = actor.new_status_receiver()
        actor.start()
        async with asyncio.timeout(5):
            async for status in statuses:
                if status.is_usable:
                    break
        await actor.stop()
        open_after_stop.append(source.counts.open)
        extra_tasks.append(await extra_tasks_after(baseline, timeout_s=2.0))
        actor_refs.append(weakref.ref(actor))
    del actor, statuses, status

    assert source.counts.opened == 3000
    assert set(open_after_stop) == {0}
    assert set(extra_tasks) == {0}
    assert alive(actor_refs) == 0
    assert alive(source.stream_refs) == 0
    assert errors_and_warnings(caplog) == []


async def test_pool_start_stop_100(caplog: pytest.LogCaptureFixture) -> None:
    source = CountingSource()
    baseline = asyncio.all_tasks()
    open_after_stop: list[int] = []
    extra_tasks: list[int] = []
    pool_refs: list[weakref.ref[object]] = []

    for _ in range(100):
        pool = InverterBatteryPoolActor(
            groups=[GROUP_A, GROUP_B],
            telemetry_source=source,
            missing_data_tolerance=TOLERANCE,
            wall_clock=fake_wall_clock,
        )
        statuses = pool.new_status_receiver()
        pool.start()
        async with asyncio.timeout(5):
            async for status in statuses:
                if len(status.usable_groups) == 2:
                    break
        await pool.stop()
        open_after_stop.append(source.counts.open)
        extra_tasks.append(await extra_tasks_after(baseline, timeout_s=2.0))
        pool_refs.append(weakref.ref(pool))
    del pool, statuses, status

    assert source.counts.opened == 600
    assert set(open_after_stop) == {0}
    assert set(extra_tasks) == {0}
    assert alive(pool_refs) == 0
    assert alive(source.stream_refs) == 0
    assert errors_and_warnings(caplog) == []


async def test_feedback_pool_stop_leaves_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = CountingSource()
    baseline = asyncio.all_tasks()
    results_sender, results = BroadcastChannel[PowerCommandResult]("results")
    pool = InverterBatteryPoolActor(
        groups=[GROUP_A, GROUP_B],
        telemetry_source=source,
        missing_data_tolerance=TOLERANCE,
        wall_clock=fake_wall_clock,
        command_result_receiver=results,
    )
    statuses = pool.new_status_receiver()
    pool.start()
    async with asyncio.timeout(5):
        async for status in statuses:
            if len(status.usable_groups) == 2:
                break
    await pool.stop()
    left_after_hour = await extra_tasks_after(baseline, timeout_s=3601)

    assert source.counts.open == 0
    assert left_after_hour == 0
    assert errors_and_warnings(caplog) == []
    del results_sender
