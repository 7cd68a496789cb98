# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests for the in-process scenario streams, on the fake event loop."""

from datetime import timedelta

import pytest
from frequenz.channels import ReceiverStoppedError
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentErrorCode, ComponentStateCode
from frequenz.client.microgrid.metrics import Bounds, Metric

from frequenz.telemetry_tracker import ConfigurationError
from frequenz.telemetry_tracker.simulator import (
    LoopWallClock,
    ScenarioStreams,
    parse_scenario,
)

from ._helpers import (
    BATTERY_10,
    INVERTER_1,
    START_UTC,
    collect,
    metric_value,
    scenario_text,
    times,
)

INVERTER = ElectricalComponentId(1)
BATTERY = ElectricalComponentId(10)


def event(at: float, action: str, component: int = 1, **fields: object) -> str:
    """Render one `[[events]]` entry; string values must be pre-quoted."""
    lines = ["[[events]]", f"at = {at}", f'action = "{action}"']
    lines.append(f"component = {component}")
    lines += [f"{key} = {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def grid_times(start: float, stop: float, period: float = 0.2) -> list[float]:
    """Return the grid times from `start` up to and including `stop`."""
    count = round((stop - start) / period)
    return [round(start + index * period, 6) for index in range(count + 1)]


async def test_samples_follow_period_and_clock() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    async with ScenarioStreams(
        scenario, wall_clock=LoopWallClock(START_UTC)
    ) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 1.1
        )

    assert times(received) == grid_times(0.0, 1.0)
    for at, sample in received:
        expected = START_UTC + timedelta(seconds=at)
        assert abs(sample.metric_samples[0].sampled_at - expected) <= timedelta(
            microseconds=1
        )
        assert sample.states[0].sampled_at == sample.metric_samples[0].sampled_at


async def test_sample_content() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    async with ScenarioStreams(scenario) as streams:
        sample = await streams.new_receiver(INVERTER).receive()

    assert int(sample.component_id) == 1
    (metric_sample,) = sample.metric_samples
    assert metric_sample.metric is Metric.AC_POWER_ACTIVE
    assert metric_sample.value == -3000.0
    assert metric_sample.bounds == [Bounds(lower=-5000.0, upper=5000.0)]
    (state,) = sample.states
    assert state.states == frozenset({ComponentStateCode.READY})
    assert state.errors == frozenset()
    assert state.warnings == frozenset()


async def test_default_clock_follows_loop() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    async with ScenarioStreams(scenario) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 0.5
        )
        start_utc = streams.wall_clock() - timedelta(seconds=streams.scenario_time())

    first = received[0][1].metric_samples[0].sampled_at
    last = received[-1][1].metric_samples[0].sampled_at
    assert abs(first - start_utc) <= timedelta(microseconds=1)
    assert abs((last - first) - timedelta(seconds=0.4)) <= timedelta(microseconds=2)


async def test_values_rounded_to_float32() -> None:
    text = scenario_text(INVERTER_1.replace("value = -3000.0", "value = 0.1"))
    async with ScenarioStreams(parse_scenario(text)) as streams:
        sample = await streams.new_receiver(INVERTER).receive()

    assert metric_value(sample, Metric.AC_POWER_ACTIVE) == 0.10000000149011612


async def test_silence_and_resume() -> None:
    events = event(2.0, "silence") + event(3.1, "resume")
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 4.1
        )

    assert times(received) == grid_times(0.0, 1.8) + grid_times(3.2, 4.0)


async def test_change_applies_to_sample_at_same_time() -> None:
    events = event(
        1.0,
        "set",
        states='["ERROR"]',
        errors='["OVERCURRENT"]',
        warnings="[9999]",
        metrics="{ AC_POWER_ACTIVE = -5000.0 }",
    )
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario) as streams:
        received = dict(
            await collect(streams.new_receiver(INVERTER), streams.scenario_time, 1.1)
        )

    before, after = received[0.8], received[1.0]
    assert before.states[0].states == frozenset({ComponentStateCode.READY})
    assert after.states[0].states == frozenset({ComponentStateCode.ERROR})
    assert after.states[0].errors == frozenset({ComponentErrorCode.OVERCURRENT})
    assert after.states[0].warnings == frozenset({9999})
    assert metric_value(after, Metric.AC_POWER_ACTIVE) == -5000.0
    assert after.metric_samples[0].bounds == [Bounds(lower=-5000.0, upper=5000.0)]


async def test_period_change_restarts_grid() -> None:
    events = event(0.9, "set", period=0.5)
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 2.0
        )

    assert times(received) == [*grid_times(0.0, 0.8), 0.9, 1.4, 1.9]


async def test_ok_end_stops_receiver() -> None:
    events = event(1.0, "end_stream", status='"ok"')
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario) as streams:
        first = streams.new_receiver(INVERTER)
        first_received = await collect(first, streams.scenario_time, 5.0)
        ended_at = streams.scenario_time()
        second_received = await collect(
            streams.receiver_factories()[INVERTER](), streams.scenario_time, 2.0
        )

        with pytest.raises(ReceiverStoppedError):
            await first.receive()

    assert times(first_received) == grid_times(0.0, 0.8)
    assert ended_at == pytest.approx(1.0)
    assert [at for at in times(second_received) if at > 1.0] == grid_times(1.2, 1.8)


async def test_error_end_resubscribes_after_retry() -> None:
    events = event(1.0, "end_stream", status='"unavailable"')
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario, retry_interval=2.9) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 4.5
        )

    assert times(received) == grid_times(0.0, 0.8) + grid_times(4.0, 4.4)


async def test_restart_within_retry_interval() -> None:
    events = '[[events]]\nat = 1.0\naction = "restart_server"\ndowntime = 0.5\n'
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario, retry_interval=2.9) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 4.5
        )

    assert times(received) == grid_times(0.0, 0.8) + grid_times(4.0, 4.4)


async def test_restart_longer_than_retry_interval() -> None:
    events = '[[events]]\nat = 1.0\naction = "restart_server"\ndowntime = 3.5\n'
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario, retry_interval=2.95) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 7.5
        )

    # The retry at 3.95 finds the server down until 4.5; the next is at 6.9.
    assert times(received) == grid_times(0.0, 0.8) + grid_times(7.0, 7.4)


async def test_sample_time_offset() -> None:
    events = event(1.0, "sample_time", mode='"offset"', offset=-10.0) + event(
        1.5, "sample_time", mode='"live"'
    )
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(
        scenario, wall_clock=LoopWallClock(START_UTC)
    ) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 1.7
        )

    for at, sample in received:
        shift = timedelta(seconds=-10.0 if 1.0 <= at < 1.5 else 0.0)
        expected = START_UTC + timedelta(seconds=at) + shift
        assert abs(sample.states[0].sampled_at - expected) <= timedelta(microseconds=1)


async def test_sample_time_freeze() -> None:
    events = event(1.0, "sample_time", mode='"freeze"')
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario) as streams:
        received = dict(
            await collect(streams.new_receiver(INVERTER), streams.scenario_time, 1.5)
        )

    frozen = received[0.8].states[0].sampled_at
    assert [received[at].states[0].sampled_at for at in (1.0, 1.2, 1.4)] == [frozen] * 3
    assert received[0.6].states[0].sampled_at < frozen


async def test_sample_time_omitted() -> None:
    events = event(1.0, "sample_time", mode='"omit"')
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario) as streams:
        received = dict(
            await collect(streams.new_receiver(INVERTER), streams.scenario_time, 1.1)
        )

    epoch = received[1.0].metric_samples[0].sampled_at
    assert epoch.isoformat() == "1970-01-01T00:00:00+00:00"
    assert received[1.0].states[0].sampled_at == epoch
    assert received[0.8].states[0].sampled_at.year > 1970


async def test_duplicate_sample() -> None:
    events = event(1.1, "duplicate")
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 1.3
        )

    assert times(received)[-4:] == [0.8, 1.0, 1.1, 1.2]
    assert received[-2][1] == received[-3][1]
    assert received[-1][1] != received[-2][1]


async def test_out_of_order_sample() -> None:
    events = event(1.1, "out_of_order", by=0.5)
    scenario = parse_scenario(scenario_text(INVERTER_1, events))
    async with ScenarioStreams(scenario) as streams:
        received = dict(
            await collect(streams.new_receiver(INVERTER), streams.scenario_time, 1.3)
        )

    previous = received[1.0].states[0].sampled_at
    assert received[1.1].states[0].sampled_at == previous - timedelta(seconds=0.5)
    assert received[1.2].states[0].sampled_at > previous


async def test_metric_filter_keeps_states() -> None:
    scenario = parse_scenario(scenario_text(BATTERY_10))
    async with ScenarioStreams(scenario) as streams:
        sample = await streams.new_receiver(BATTERY, [Metric.BATTERY_SOC_PCT]).receive()
        unfiltered = await streams.new_receiver(BATTERY).receive()

    assert [m.metric for m in sample.metric_samples] == [Metric.BATTERY_SOC_PCT]
    assert sample.states[0].states == frozenset(
        {ComponentStateCode.READY, ComponentStateCode.RELAY_CLOSED}
    )
    assert [m.metric for m in unfiltered.metric_samples] == [
        Metric.DC_POWER,
        Metric.BATTERY_SOC_PCT,
    ]


async def test_component_without_telemetry_sends_nothing() -> None:
    silent = '[[components]]\nid = 2\ncategory = "inverter"\n'
    scenario = parse_scenario(scenario_text(INVERTER_1 + silent))
    async with ScenarioStreams(scenario) as streams:
        received = await collect(
            streams.new_receiver(ElectricalComponentId(2)), streams.scenario_time, 5.0
        )

    assert received == []


async def test_late_start() -> None:
    text = scenario_text(
        INVERTER_1.replace("period = 0.2", "period = 0.2\nstart = 1.5")
    )
    async with ScenarioStreams(parse_scenario(text)) as streams:
        received = await collect(
            streams.new_receiver(INVERTER), streams.scenario_time, 2.0
        )

    assert times(received) == [1.5, 1.7, 1.9]


async def test_factories_cover_every_component() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1 + BATTERY_10))
    async with ScenarioStreams(scenario) as streams:
        factories = streams.receiver_factories([Metric.DC_POWER])
        battery_sample = await factories[BATTERY]().receive()
        inverter_sample = await factories[INVERTER]().receive()

    assert set(factories) == {INVERTER, BATTERY}
    assert [m.metric for m in battery_sample.metric_samples] == [Metric.DC_POWER]
    assert inverter_sample.metric_samples == []


async def test_stop_stops_receivers() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    streams = ScenarioStreams(scenario)
    await streams.start()
    receiver = streams.new_receiver(INVERTER)
    await receiver.receive()

    await streams.stop()

    with pytest.raises(ReceiverStoppedError):
        while True:
            await receiver.receive()


def test_retry_interval_must_be_positive() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))

    with pytest.raises(ConfigurationError, match="Invalid retry_interval 0"):
        ScenarioStreams(scenario, retry_interval=0)


async def test_unknown_component() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    async with ScenarioStreams(scenario) as streams:
        with pytest.raises(KeyError):
            streams.new_receiver(ElectricalComponentId(99))
