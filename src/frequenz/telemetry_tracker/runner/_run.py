# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Running the tracker on a scenario: live over gRPC, or replayed in virtual time."""

import asyncio
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta

import async_solipsism
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid import MicrogridApiClient
from frequenz.sdk.microgrid.component_graph import ComponentGraph

from ..client import MicrogridClientTelemetrySource, TelemetrySource
from ..component import ComponentStats, SampleOutcome, WallClock, utc_now
from ..pool import InverterBatteryPoolActor, InverterBatteryPoolStatus, discover_groups
from ..simulator import LoopWallClock, MicrogridSimulator, Scenario, ScenarioStreams
from ._graph import fetch_component_graph, scenario_component_graph
from ._result import HealthDecision, SampleRejection, ScenarioRun, check_expectations
from ._source import ScenarioTelemetrySource

StatusCallback = Callable[[InverterBatteryPoolStatus, InverterBatteryPoolActor], None]
"""Called with every published pool status and the pool that published it."""

REPLAY_START_UTC = datetime(2026, 1, 1, tzinfo=UTC)
"""The wall-clock time at which every replay starts, so that replays repeat exactly."""

DEFAULT_TOLERANCE = timedelta(seconds=1)
"""The missing-data tolerance when neither the caller nor the scenario sets one."""


def scenario_tolerance(scenario: Scenario, override: timedelta | None) -> timedelta:
    """Return the tolerance to use: the override, the scenario's, or the default."""
    if override is not None:
        return override
    if scenario.tracker.missing_data_tolerance is not None:
        return timedelta(seconds=scenario.tracker.missing_data_tolerance)
    return DEFAULT_TOLERANCE


def _rejection_counts(stats: ComponentStats) -> dict[SampleOutcome, int]:
    return {
        SampleOutcome.FOREIGN_ID: stats.samples_rejected_foreign_id,
        SampleOutcome.OUT_OF_ORDER: stats.samples_rejected_out_of_order,
        SampleOutcome.DUPLICATE: stats.samples_rejected_duplicate,
    }


class _Recorder:
    """Turns pool statuses and counters into decisions and rejections, in scenario time."""

    def __init__(self, scenario_time: Callable[[], float]) -> None:
        self._scenario_time = scenario_time
        self._rejection_counts: dict[
            ElectricalComponentId, dict[SampleOutcome, int]
        ] = {}
        self.decisions: list[HealthDecision] = []
        self.rejections: list[SampleRejection] = []

    def record_rejections(
        self, stats: Mapping[ElectricalComponentId, ComponentStats]
    ) -> None:
        at_s = self._scenario_time()
        for component_id in sorted(stats, key=int):
            counts = _rejection_counts(stats[component_id])
            previous = self._rejection_counts.get(component_id, {})
            for cause, count in counts.items():
                rise = count - previous.get(cause, 0)
                if rise > 0:
                    self.rejections.append(
                        SampleRejection(
                            at_s=at_s,
                            component_id=component_id,
                            cause=cause,
                            count=rise,
                        )
                    )
            self._rejection_counts[component_id] = counts

    def record(self, status: InverterBatteryPoolStatus) -> None:
        at_s = self._scenario_time()
        for group_status in status.groups.values():
            if status.sequence > 0 and group_status.group not in status.changed_groups:
                continue
            for component_id in sorted(group_status.group.component_ids):
                health = group_status.health_of(component_id)
                if status.sequence > 0 and component_id not in group_status.changed_ids:
                    continue
                self.decisions.append(
                    HealthDecision(
                        at_s=at_s,
                        component_id=component_id,
                        reasons=health.reasons,
                        detail=health.detail,
                    )
                )


async def track_scenario(
    scenario: Scenario,
    *,
    graph: ComponentGraph,
    source: TelemetrySource,
    scenario_time: Callable[[], float],
    wall_clock: WallClock = utc_now,
    tolerance: timedelta | None = None,
    duration_s: float | None = None,
    on_status: StatusCallback | None = None,
) -> ScenarioRun:
    """Run a pool over the scenario's batteries until the scenario's duration.

    Args:
        scenario: The scenario being played.
        graph: The component graph to discover the groups in.
        source: Where the pool opens the telemetry streams.
        scenario_time: Returns the seconds since the scenario started.
        wall_clock: The wall clock the tracker judges sample times with.
        tolerance: The missing-data tolerance; the scenario's if `None`.
        duration_s: How long to run, in scenario time; the scenario's if `None`.
        on_status: Called with every published pool status.

    Returns:
        The decisions and the checked expectations.
    """
    groups = discover_groups(graph)
    pool = InverterBatteryPoolActor(
        groups=groups,
        telemetry_source=source,
        missing_data_tolerance=scenario_tolerance(scenario, tolerance),
        wall_clock=wall_clock,
    )
    recorder = _Recorder(scenario_time)
    receiver = pool.new_status_receiver(limit=10_000)

    async def collect() -> None:
        async for status in receiver:
            recorder.record(status)
            recorder.record_rejections(pool.component_stats())
            if on_status is not None:
                on_status(status, pool)

    end_s = scenario.duration if duration_s is None else duration_s
    async with pool:
        collector = asyncio.create_task(collect())
        await asyncio.sleep(max(0.0, end_s - scenario_time()))
        collector.cancel()
        await asyncio.gather(collector, return_exceptions=True)
        # Samples ignored after the last status show only in the counters.
        recorder.record_rejections(pool.component_stats())
    decisions = tuple(recorder.decisions)
    return ScenarioRun(
        scenario=scenario,
        groups=tuple(groups),
        decisions=decisions,
        expectations=check_expectations(scenario, decisions, until_s=end_s),
        duration_s=end_s,
        rejections=tuple(recorder.rejections),
    )


async def run_live(
    scenario: Scenario,
    *,
    port: int = 0,
    tolerance: timedelta | None = None,
    duration_s: float | None = None,
    on_status: StatusCallback | None = None,
) -> ScenarioRun:
    """Serve a scenario on loopback and track it through the real client, in real time.

    Args:
        scenario: The scenario to play.
        port: The port to serve on; a free one if 0.
        tolerance: The missing-data tolerance; the scenario's if `None`.
        duration_s: How long to run, in seconds; the scenario's if `None`.
        on_status: Called with every published pool status.

    Returns:
        The decisions and the checked expectations.
    """
    async with MicrogridSimulator(scenario, port=port) as simulator:
        client = MicrogridApiClient(simulator.url)
        async with client:
            return await track_scenario(
                scenario,
                graph=await fetch_component_graph(client),
                source=MicrogridClientTelemetrySource(client),
                scenario_time=simulator.scenario_time,
                tolerance=tolerance,
                duration_s=duration_s,
                on_status=on_status,
            )


async def _replay(
    scenario: Scenario, tolerance: timedelta | None, on_status: StatusCallback | None
) -> ScenarioRun:
    wall_clock = LoopWallClock(start_utc=REPLAY_START_UTC)
    async with ScenarioStreams(scenario, wall_clock=wall_clock) as streams:
        return await track_scenario(
            scenario,
            graph=scenario_component_graph(scenario),
            source=ScenarioTelemetrySource(streams),
            scenario_time=streams.scenario_time,
            wall_clock=streams.wall_clock,
            tolerance=tolerance,
            on_status=on_status,
        )


def replay(
    scenario: Scenario,
    *,
    tolerance: timedelta | None = None,
    on_status: StatusCallback | None = None,
) -> ScenarioRun:
    """Track a scenario replayed in-process, in virtual time, on a new event loop.

    The run is deterministic: the event loop is async-solipsism's fake-time
    loop, so a 30 s scenario takes well under a second.

    Args:
        scenario: The scenario to replay.
        tolerance: The missing-data tolerance; the scenario's if `None`.
        on_status: Called with every published pool status.

    Returns:
        The decisions and the checked expectations.
    """
    loop = async_solipsism.EventLoop()
    try:
        run: ScenarioRun = loop.run_until_complete(
            _replay(scenario, tolerance, on_status)
        )
        return run
    finally:
        _cancel_leftover_tasks(loop)
        loop.close()


def _cancel_leftover_tasks(loop: asyncio.AbstractEventLoop) -> None:
    # NOTE: A channels Timer (frequenz-channels 1.12) whose ready() is
    # cancelled leaves its inner sleep task pending until the sleep ends.
    # Cancelling such tasks, as asyncio.run() does, closes the loop cleanly.
    leftovers = asyncio.all_tasks(loop)
    for task in leftovers:
        task.cancel()
    if leftovers:
        loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


async def watch(
    url: str,
    *,
    battery_ids: Iterable[ElectricalComponentId | int] | None = None,
    tolerance: timedelta = DEFAULT_TOLERANCE,
    on_status: StatusCallback,
    duration_s: float | None = None,
) -> None:
    """Track the batteries of any Microgrid API server until cancelled or timed out.

    Args:
        url: The server's URL, for example `grpc://127.0.0.1:50051?ssl=false`.
        battery_ids: The batteries to track; all batteries if `None`.
        tolerance: The missing-data tolerance.
        on_status: Called with every published pool status.
        duration_s: How long to run, in seconds; until cancelled if `None`.
    """
    async with MicrogridApiClient(url) as client:
        graph = await fetch_component_graph(client)
        pool = InverterBatteryPoolActor(
            groups=discover_groups(graph, battery_ids),
            telemetry_source=MicrogridClientTelemetrySource(client),
            missing_data_tolerance=tolerance,
        )
        receiver = pool.new_status_receiver(limit=1000)
        async with pool:
            async with asyncio.timeout(duration_s):
                async for status in receiver:
                    on_status(status, pool)
