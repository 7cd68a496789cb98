# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The reference cases of group behaviour, in fake time."""

import asyncio

import pytest
from frequenz.client.microgrid.component import ComponentErrorCode as Error
from frequenz.client.microgrid.component import ComponentStateCode as Code

from frequenz.telemetry_tracker import UnhealthyReason

from ..harness import loop_time, reasons_of, running_group

MISSING = {UnhealthyReason.MISSING_DATA}


@pytest.mark.parametrize("silent, steady", [(1, 10), (10, 1)])
async def test_each_component_has_own_clock(silent: int, steady: int) -> None:
    async with running_group([1], [10], tolerance_s=1.0) as harness:
        harness.every(silent, 0.2, until_s=2.0)
        harness.every(steady, 0.2)
        down = await harness.wait_for(lambda s: reasons_of(s, silent) == MISSING)
        await asyncio.sleep(3.0)

    assert down.published_at_loop_s == pytest.approx(3.0, abs=0.01)
    steady_history = harness.health_history(steady)
    first_healthy = next(i for i, (_, h) in enumerate(steady_history) if h.is_healthy)
    assert all(health.is_healthy for _, health in steady_history[first_healthy:])


async def test_samples_keep_timer_at_bay() -> None:
    async with running_group([1], [10], tolerance_s=1.0) as harness:
        for at_s in (0.0, 0.6, 1.2, 1.8, 2.4):
            await asyncio.sleep(at_s - loop_time())
            await harness.send(1)
            await harness.send(10)
        await asyncio.sleep(0.9)

    history = harness.health_history(1)
    first_healthy = next(i for i, (_, h) in enumerate(history) if h.is_healthy)
    assert all(health.is_healthy for _, health in history[first_healthy:])


async def test_errors_and_unknown_states_with_data() -> None:
    async with running_group([1, 2], [10]) as harness:
        await harness.send(1, states=[Code.ERROR], power_w=-5000.0)
        await harness.send(2, states=[999])
        await harness.send(
            10,
            states=[Code.READY, Code.RELAY_CLOSED],
            warnings_=[Error.HIGH_HUMIDITY],
        )
        status = await harness.wait_for(
            lambda s: (
                s.health_of(1).sample is not None
                and s.health_of(2).sample is not None
                and s.health_of(10).sample is not None
            )
        )

    inverter_1 = status.unhealthy_inverters[status.health_of(1).component_id]
    assert UnhealthyReason.STATE_NOT_HEALTHY in inverter_1.reasons
    assert inverter_1.sample is not None
    assert inverter_1.sample.metric_samples[0].value == -5000.0
    assert reasons_of(status, 2) == {UnhealthyReason.UNKNOWN_STATE_CODE}
    assert status.health_of(10).is_healthy


async def test_error_code_reported_as_error() -> None:
    async with running_group([1], [10]) as harness:
        await harness.send(1, states=[Code.ERROR], errors=[Error.OVERCURRENT])
        status = await harness.wait_for(lambda s: s.health_of(1).sample is not None)

    assert UnhealthyReason.ERROR_REPORTED in reasons_of(status, 1)


async def test_never_healthy_without_sample() -> None:
    async with running_group([1, 2], [10], tolerance_s=1.0) as harness:
        harness.every(1, 0.2)
        harness.every(10, 0.2)
        await asyncio.sleep(5.0)

    assert harness.statuses, "no status published"
    for status in harness.statuses:
        assert reasons_of(status, 2) == {UnhealthyReason.NO_DATA_YET}
        assert status.health_of(2).sample is None
        for health in (
            *status.healthy_inverters.values(),
            *status.healthy_batteries.values(),
        ):
            assert health.sample is not None


async def test_last_sample_survives_timeout() -> None:
    async with running_group([1, 2], [10], tolerance_s=1.0) as harness:
        harness.every(1, 0.2, until_s=1.0, power_w=-3000.0, bounds_w=(-5000.0, 5000.0))
        harness.every(2, 0.2)
        harness.every(10, 0.2)
        await asyncio.sleep(2.001)
        at_two = harness.statuses[-1]
        await asyncio.sleep(3.0)
        at_five = harness.statuses[-1]

    for status in (at_two, at_five):
        health = status.health_of(1)
        assert health.reasons == MISSING
        assert health.sample is not None
        assert health.sample.metric_samples[0].value == -3000.0
    transitions_to_missing = [
        status
        for status in harness.statuses
        if status.health_of(1).component_id in status.changed_ids
        and reasons_of(status, 1) == MISSING
    ]
    assert len(transitions_to_missing) == 1


async def test_stream_end_marks_unhealthy_once() -> None:
    async with running_group([1], [10], tolerance_s=0.5) as harness:
        harness.every(1, 0.1, until_s=1.0)
        harness.every(10, 0.1, until_s=1.0)
        await asyncio.sleep(1.05)
        await harness.end_stream(1)
        await harness.end_stream(10)
        await asyncio.sleep(5.0)
        published_after_end = len(harness.statuses)
        await asyncio.sleep(5.0)

    final = harness.statuses[-1]
    for component_id in (1, 10):
        assert reasons_of(final, component_id) == {UnhealthyReason.STREAM_ENDED}
        assert final.health_of(component_id).sample is not None
    assert len(harness.statuses) == published_after_end
