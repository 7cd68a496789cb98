# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The bad-input corpus run through a group actor: each odd sample gets its decision."""

import asyncio
import logging
from datetime import UTC, datetime

import pytest
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import UnhealthyReason
from frequenz.telemetry_tracker.component import ComponentStats

from ..harness import Harness, fake_wall_clock, loop_time, running_group
from ..samples import BATTERY_HEALTHY, INVERTER_HEALTHY, make_sample
from .corpus import BATTERY, CASES, INVERTER, PRIOR_SAMPLE, OddInput
from .helpers import wait_until

ODD_SAMPLE_AT_S = 10.0
"""Loop time at which the odd sample is sent."""

NORMAL_SAMPLE_AT_S = 20.0
"""Loop time at which the normal sample after it is sent."""


def stats_of(harness: Harness, component_id: int) -> ComponentStats:
    """Return one component's counters."""
    return harness.actor.component_stats()[ElectricalComponentId(component_id)]


def normal_sample(component_id: int) -> ComponentDataSamples:
    """Return a healthy sample stamped now."""
    states = BATTERY_HEALTHY if component_id == BATTERY else INVERTER_HEALTHY
    return make_sample(component_id, sampled_at=fake_wall_clock(), states=states)


async def send_and_wait_ignored(
    harness: Harness, component_id: int, sample: ComponentDataSamples, counter: str
) -> None:
    """Send a sample and wait until the given counter counts it."""
    before = getattr(stats_of(harness, component_id), counter)
    await harness.senders[component_id].send(sample)
    await wait_until(
        lambda: getattr(stats_of(harness, component_id), counter) == before + 1
    )


def test_corpus_size_and_names() -> None:
    names = [case.name for case in CASES]

    assert len(CASES) >= 40
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_odd_sample(case: OddInput, caplog: pytest.LogCaptureFixture) -> None:
    component_id = case.component
    async with running_group([INVERTER], [BATTERY], tolerance_s=30.0) as harness:
        if case.after_sample:
            await harness.senders[component_id].send(PRIOR_SAMPLE)
            await harness.wait_for(
                lambda s: s.health_of(component_id).sample is PRIOR_SAMPLE
            )
        await asyncio.sleep(ODD_SAMPLE_AT_S - loop_time())
        before = stats_of(harness, component_id)
        odd = case.build(fake_wall_clock())

        if case.reasons is None:
            assert case.ignored_by is not None
            await send_and_wait_ignored(harness, component_id, odd, case.ignored_by)
            decided = harness.statuses[-1]
            expected_sample = PRIOR_SAMPLE if case.after_sample else None
            assert decided.health_of(component_id).sample is expected_sample
            assert stats_of(harness, component_id).samples_accepted == (
                before.samples_accepted
            )
        elif UnhealthyReason.SAMPLE_TIME_IN_FUTURE in case.reasons:
            # Judged, but not kept as the latest sample.
            await harness.senders[component_id].send(odd)
            decided = await harness.wait_for(
                lambda s: s.health_of(component_id).reasons == case.reasons
            )
            assert decided.health_of(component_id).sample is not odd
            assert stats_of(harness, component_id).samples_in_future == (
                before.samples_in_future + 1
            )
        else:
            await harness.senders[component_id].send(odd)
            decided = await harness.wait_for(
                lambda s: s.health_of(component_id).sample is odd
            )
            assert decided.health_of(component_id).reasons == case.reasons
            assert stats_of(harness, component_id).samples_accepted == (
                before.samples_accepted + 1
            )

        await asyncio.sleep(NORMAL_SAMPLE_AT_S - loop_time())
        normal = normal_sample(component_id)
        if case.next_ignored_by is None:
            await harness.senders[component_id].send(normal)
            after = await harness.wait_for(
                lambda s: s.health_of(component_id).sample is normal
            )
            assert after.health_of(component_id).is_healthy
        else:
            await send_and_wait_ignored(
                harness, component_id, normal, case.next_ignored_by
            )
        assert harness.actor.is_running

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []


async def test_far_future_sample_not_kept() -> None:
    async with running_group([INVERTER], [BATTERY], tolerance_s=1.0) as harness:
        harness.every(INVERTER, 0.2)
        await harness.wait_for(lambda s: s.health_of(INVERTER).is_healthy)
        far_future = make_sample(INVERTER, sampled_at=datetime(9999, 1, 1, tzinfo=UTC))
        await harness.senders[INVERTER].send(far_future)
        down = await harness.wait_for(
            lambda s: (
                s.health_of(INVERTER).reasons == {UnhealthyReason.SAMPLE_TIME_IN_FUTURE}
            )
        )
        back = await harness.wait_for(
            lambda s: s.sequence > down.sequence and s.health_of(INVERTER).is_healthy
        )
        stats = stats_of(harness, INVERTER)

    assert down.health_of(INVERTER).sample is not far_future
    assert back.health_of(INVERTER).sample is not far_future
    assert stats.samples_in_future == 1
    assert stats.samples_rejected_out_of_order == 0
