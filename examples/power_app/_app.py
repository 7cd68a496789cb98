# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The application: SDK initialisation, the actors and their wiring, the run."""

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from frequenz.channels import BroadcastChannel
from frequenz.client.microgrid import MicrogridApiClient
from frequenz.sdk import microgrid
from frequenz.sdk.actor import Actor, run
from frequenz.sdk.timeseries import ResamplerConfig2

from frequenz.telemetry_tracker import (
    InverterBatteryGroup,
    InverterBatteryPoolActor,
    MicrogridClientTelemetrySource,
    PoolBoundsActor,
    discover_groups,
)
from frequenz.telemetry_tracker.group import PowerCommandResult
from frequenz.telemetry_tracker.simulator import MicrogridSimulator, Scenario

from ._distributor import PowerDistributorActor
from ._messages import Distribution, PowerRequest
from ._printer import DistributionPrinterActor
from ._report import (
    groups_json,
    groups_text,
    simulator_log_json,
    simulator_log_text,
    to_json_line,
)
from ._requests import PowerRequestScriptActor

RESAMPLING_PERIOD = timedelta(seconds=1)
"""The SDK's resampling period. `initialize()` needs one, but this application
reads no resampled data, so the value does not matter here."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AppSettings:
    """The settings of the application: its server, its requests and its output."""

    url: str | None
    """The Microgrid API server, or `None` to serve `scenario` on 127.0.0.1."""

    scenario: Scenario | None
    """The scenario that the simulator plays, needed only without `url`."""

    duration_s: float | None
    """How long to run, in seconds, or `None` to run until cancelled."""

    powers_w: Sequence[float]
    """The powers to request, in watts, in order and over and over."""

    interval: timedelta
    """The time between two requests."""

    tolerance: timedelta
    """How long without a sample makes a component unhealthy."""

    as_json: bool
    """Whether to print JSON lines instead of readable lines."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Output:
    write: Callable[[str], None]
    as_json: bool
    origin_loop_s: float


def _build_actors(
    client: MicrogridApiClient,
    groups: Sequence[InverterBatteryGroup],
    settings: AppSettings,
    output: _Output,
) -> list[Actor]:
    request_sender, request_receiver = BroadcastChannel[PowerRequest]("power-requests")
    result_sender, result_receiver = BroadcastChannel[PowerCommandResult](
        "power-command-results"
    )
    distribution_sender, distribution_receiver = BroadcastChannel[Distribution](
        "distributions"
    )

    pool = InverterBatteryPoolActor(
        groups=groups,
        telemetry_source=MicrogridClientTelemetrySource(client),
        missing_data_tolerance=settings.tolerance,
        command_result_receiver=result_receiver,
    )
    bounds = PoolBoundsActor(status_receiver=pool.new_status_receiver())
    distributor = PowerDistributorActor(
        request_receiver=request_receiver,
        status_receiver=pool.new_status_receiver(),
        bounds_receiver=bounds.new_bounds_receiver(),
        client=client,
        result_sender=result_sender,
        distribution_sender=distribution_sender,
    )
    script = PowerRequestScriptActor(
        powers_w=settings.powers_w,
        interval=settings.interval,
        request_sender=request_sender,
    )
    printer = DistributionPrinterActor(
        distribution_receiver=distribution_receiver,
        write=output.write,
        as_json=output.as_json,
        origin_loop_s=output.origin_loop_s,
    )
    return [pool, bounds, distributor, script, printer]


async def _run_for(actors: Sequence[Actor], duration_s: float | None) -> None:
    """Run the actors with the SDK's `run()` for a time, then stop them."""
    runner = asyncio.create_task(run(*actors), name="power-app-actors")
    try:
        await asyncio.wait({runner}, timeout=duration_s)
    finally:
        # run() logs the errors of the actors, so they are not raised again.
        await asyncio.gather(
            *(actor.stop() for actor in actors), return_exceptions=True
        )
        await runner


async def _track_and_distribute(
    url: str, settings: AppSettings, output: _Output
) -> None:
    await microgrid.initialize(
        url, ResamplerConfig2(resampling_period=RESAMPLING_PERIOD)
    )
    connection = microgrid.connection_manager.get()
    client = connection.api_client
    try:
        groups = discover_groups(connection.component_graph)
        output.write(
            to_json_line(groups_json(url, groups))
            if output.as_json
            else f"{url}: {groups_text(groups)}"
        )
        await _run_for(
            _build_actors(client, groups, settings, output), settings.duration_s
        )
    finally:
        # The SDK keeps the client for the life of the process. Disconnecting
        # it ends its telemetry streams before the server goes away.
        await client.disconnect()


async def run_app(settings: AppSettings, *, write: Callable[[str], None]) -> None:
    """Run the application: serve the scenario unless a URL is given, then distribute.

    `frequenz.sdk.microgrid.initialize()` sets up process-wide state and
    may be called once per process, so this coroutine can run once per
    process too.

    Args:
        settings: What to connect to, what to request and how to report.
        write: Writes one line of output, for example `print`.

    Raises:
        ValueError: If neither a URL nor a scenario is given.
    """
    loop = asyncio.get_running_loop()
    if settings.url is not None:
        output = _Output(
            write=write, as_json=settings.as_json, origin_loop_s=loop.time()
        )
        await _track_and_distribute(settings.url, settings, output)
        return

    if settings.scenario is None:
        raise ValueError("Invalid settings: no URL and no scenario. Give one of them.")
    async with MicrogridSimulator(settings.scenario) as simulator:
        # Printed times then equal scenario times.
        origin_loop_s = loop.time() - simulator.scenario_time()
        output = _Output(
            write=write, as_json=settings.as_json, origin_loop_s=origin_loop_s
        )
        await _track_and_distribute(simulator.url, settings, output)
        if settings.as_json:
            for value in simulator_log_json(
                simulator.power_commands, origin_loop_s=origin_loop_s
            ):
                write(to_json_line(value))
        else:
            write(simulator_log_text(simulator.power_commands))
