# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The command line of the power application."""

import argparse
import asyncio
import functools
import logging
import math
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import grpc
from frequenz.client.microgrid import ApiClientError

from frequenz.telemetry_tracker import TelemetryTrackerError
from frequenz.telemetry_tracker.runner import DEFAULT_TOLERANCE, scenario_tolerance
from frequenz.telemetry_tracker.simulator import (
    Scenario,
    load_builtin_scenario,
    load_scenario,
)

from ._app import AppSettings, run_app

DEFAULT_POWERS_W = (5000.0, -8000.0, 15000.0, -3000.0, 0.0)
"""The powers requested by default, in watts. With the demo scenario,
15 kW is above the pool bounds and gets clamped."""

_EXIT_ERROR = 2


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid duration {text!r}: expected seconds"
        ) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(
            f"invalid duration {text!r}: expected more than 0 s"
        )
    return value


def _watts(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid power {text!r}: expected watts, for example -2500"
        ) from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(
            f"invalid power {text!r}: expected a finite number of watts"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m examples.power_app",
        description="Distribute power requests over the healthy inverters of every "
        "inverter-battery group, with the Frequenz SDK and the telemetry tracker. "
        "Without --url, a simulated microgrid is served on 127.0.0.1.",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--url",
        help="a Microgrid API server, for example grpc://127.0.0.1:50051?ssl=false "
        "(default: serve the scenario on 127.0.0.1)",
    )
    source.add_argument(
        "--scenario", type=Path, help="a scenario file (default: built-in demo)"
    )
    parser.add_argument(
        "--duration",
        type=_seconds,
        help="seconds to run (default: the scenario's duration; with --url, until "
        "Ctrl-C)",
    )
    parser.add_argument(
        "--power",
        type=_watts,
        action="append",
        dest="powers_w",
        metavar="W",
        help="a power to request, in watts, positive to charge; repeat for a "
        "script, which is sent over and over (default: "
        + ", ".join(f"{power:g}" for power in DEFAULT_POWERS_W)
        + ")",
    )
    parser.add_argument(
        "--interval",
        type=_seconds,
        default=1.0,
        help="seconds between two requests (default 1)",
    )
    parser.add_argument(
        "--tolerance",
        type=_seconds,
        help="seconds without a sample before a component is unhealthy "
        "(default: the scenario's, or 1)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON line per request and per power command",
    )
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="the level of log messages printed to standard error (default WARNING)",
    )
    return parser


def _settings(args: argparse.Namespace) -> AppSettings:
    tolerance = None if args.tolerance is None else timedelta(seconds=args.tolerance)
    scenario: Scenario | None = None
    duration_s = args.duration
    if args.url is None:
        scenario = (
            load_builtin_scenario("demo")
            if args.scenario is None
            else load_scenario(args.scenario)
        )
        tolerance = scenario_tolerance(scenario, tolerance)
        if duration_s is None:
            duration_s = scenario.duration
    return AppSettings(
        url=args.url,
        scenario=scenario,
        duration_s=duration_s,
        powers_w=tuple(args.powers_w or DEFAULT_POWERS_W),
        interval=timedelta(seconds=args.interval),
        tolerance=DEFAULT_TOLERANCE if tolerance is None else tolerance,
        as_json=args.json,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line, printing each error as one line on standard error.

    Args:
        argv: The arguments without the program name, or `None` for
            `sys.argv[1:]`.

    Returns:
        The exit code: 0 on success, 2 on an error, 130 when interrupted.
    """
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        asyncio.run(
            run_app(_settings(args), write=functools.partial(print, flush=True))
        )
    except KeyboardInterrupt:
        return 130
    except (
        TelemetryTrackerError,
        ApiClientError,
        grpc.RpcError,
        OSError,
        ValueError,
    ) as error:
        print(f"power_app: error: {error}", file=sys.stderr)
        return _EXIT_ERROR
    return 0
