# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The coroutines behind the `telemetry-tracker` commands."""

import asyncio
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from ..plot import require_matplotlib, save_timeline_plot
from ..runner import ScenarioRun, replay, run_live, watch
from ..simulator import (
    MicrogridSimulator,
    Scenario,
    load_builtin_scenario,
    load_scenario,
)
from ._views import StatusPrinter, print_run


def load(scenario_file: Path | None) -> Scenario:
    """Load a scenario file, or the built-in demo scenario if `None`."""
    if scenario_file is None:
        return load_builtin_scenario("demo")
    return load_scenario(scenario_file)


def _write_plot(
    run: ScenarioRun,
    plot_path: Path | None,
    *,
    as_json: bool,
    write: Callable[[str], None],
) -> None:
    if plot_path is None:
        return
    save_timeline_plot(run, plot_path)
    if not as_json:
        write(f"health timeline written to {plot_path}")


async def run_demo(
    scenario: Scenario,
    *,
    duration_s: float | None,
    as_json: bool,
    write: Callable[[str], None],
    plot_path: Path | None = None,
) -> bool:
    """Serve the scenario, track it through the real client, print every status.

    Args:
        scenario: The scenario to serve.
        duration_s: How long to run, in seconds; the scenario's if `None`.
        as_json: Whether to print JSON lines instead of tables.
        write: Prints one line.
        plot_path: Where to write the health timeline as a PNG image, if anywhere.

    Returns:
        Whether the scenario's expectations were met.
    """
    if plot_path is not None:
        # Fail before the run, not after it.
        require_matplotlib()
    run = await run_live(
        scenario, duration_s=duration_s, on_status=StatusPrinter(as_json=as_json)
    )
    _write_plot(run, plot_path, as_json=as_json, write=write)
    if not as_json and run.expectations:
        failed = [result for result in run.expectations if not result.passed]
        unchecked = len(scenario.expectations) - len(run.expectations)
        summary = f"expectations: {len(run.expectations) - len(failed)} passed, {len(failed)} failed"
        if unchecked:
            summary += f", {unchecked} not checked (due after the end of the run)"
        write(summary)
        for result in failed:
            write("  " + result.describe())
    return run.passed


async def run_watch(
    url: str,
    *,
    battery_ids: list[int] | None,
    tolerance: timedelta,
    duration_s: float | None,
    as_json: bool,
) -> None:
    """Track every (or the given) battery of a server until interrupted."""
    try:
        await watch(
            url,
            battery_ids=battery_ids,
            tolerance=tolerance,
            on_status=StatusPrinter(as_json=as_json),
            duration_s=duration_s,
        )
    except TimeoutError:
        if duration_s is None:
            raise


async def run_simulate(
    scenario: Scenario,
    *,
    port: int,
    duration_s: float | None,
    write: Callable[[str], None],
) -> None:
    """Serve a scenario until interrupted, or for a duration."""
    async with MicrogridSimulator(scenario, port=port) as simulator:
        write(simulator.url)
        if duration_s is None:
            await asyncio.Event().wait()
        await asyncio.sleep(duration_s or 0.0)


def run_replay(
    scenario: Scenario,
    *,
    tolerance: timedelta | None,
    as_json: bool,
    write: Callable[[str], None],
    plot_path: Path | None = None,
) -> bool:
    """Replay a scenario in virtual time and print its health decisions.

    Args:
        scenario: The scenario to replay.
        tolerance: The missing-data tolerance; the scenario's if `None`.
        as_json: Whether to print JSON lines instead of text.
        write: Prints one line.
        plot_path: Where to write the health timeline as a PNG image, if anywhere.

    Returns:
        Whether the scenario's expectations were met.
    """
    if plot_path is not None:
        require_matplotlib()
    run = replay(scenario, tolerance=tolerance)
    print_run(run, as_json=as_json, write=write)
    _write_plot(run, plot_path, as_json=as_json, write=write)
    return run.passed
