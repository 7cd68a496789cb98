# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Argument parsing, dispatch and error reporting of the `telemetry-tracker` command."""

import argparse
import asyncio
import logging
import math
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import grpc
from frequenz.client.microgrid import ApiClientError

from .._errors import TelemetryTrackerError
from ._commands import load, run_demo, run_replay, run_simulate, run_watch

_MIN_SECONDS = 0.001
"""The shortest duration an option accepts: one millisecond."""

_EXIT_FAILED_EXPECTATIONS = 1
_EXIT_ERROR = 2


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid duration {text!r}: expected seconds"
        ) from None
    if not math.isfinite(value) or value < _MIN_SECONDS:
        raise argparse.ArgumentTypeError(
            f"invalid duration {text!r}: expected a finite number of seconds, "
            f"at least {_MIN_SECONDS:g}"
        )
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid port {text!r}: expected a number"
        ) from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"invalid port {value}: expected 0 to 65535")
    return value


def _png_path(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".png":
        raise argparse.ArgumentTypeError(
            f"invalid plot file {text!r}: expected a name ending in .png"
        )
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(
            f"invalid plot file {text!r}: directory {str(path.parent)!r} not found"
        )
    return path


def _add_plot_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--plot",
        type=_png_path,
        metavar="OUT.png",
        help="also write the health timeline as a PNG image; needs matplotlib "
        "(pip install 'frequenz-telemetry-tracker[plot]')",
    )


def _add_demo(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    demo = commands.add_parser(
        "demo",
        help="serve a scenario on loopback and track it through the real client",
        description="Start the embedded simulator on 127.0.0.1 with a scenario (the "
        "built-in demo by default), track it with the real Microgrid API client, and "
        "show each group's health as it changes.",
    )
    demo.add_argument(
        "--duration", type=_seconds, help="seconds to run (default: the scenario's)"
    )
    demo.add_argument(
        "--scenario", type=Path, help="a scenario file (default: built-in demo)"
    )
    demo.add_argument(
        "--json", action="store_true", help="print one JSON line per status"
    )
    _add_plot_option(demo)


def _add_watch(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    watch = commands.add_parser(
        "watch", help="track the batteries of any Microgrid API server"
    )
    watch.add_argument(
        "url", help="the server URL, for example grpc://127.0.0.1:50051?ssl=false"
    )
    watch.add_argument(
        "--battery",
        type=int,
        action="append",
        dest="batteries",
        metavar="ID",
        help="a battery id to track; repeat for several (default: every battery)",
    )
    watch.add_argument(
        "--tolerance",
        type=_seconds,
        default=1.0,
        help="seconds without a sample before a component is unhealthy (default 1)",
    )
    watch.add_argument(
        "--duration", type=_seconds, help="seconds to run (default: until Ctrl-C)"
    )
    watch.add_argument(
        "--json", action="store_true", help="print one JSON line per status"
    )


def _add_simulate(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> None:
    simulate = commands.add_parser(
        "simulate", help="only serve a scenario on 127.0.0.1 and print the server URL"
    )
    simulate.add_argument(
        "--scenario", type=Path, help="a scenario file (default: built-in demo)"
    )
    simulate.add_argument(
        "--port", type=_port, default=0, help="the port (default: a free one)"
    )
    simulate.add_argument(
        "--duration", type=_seconds, help="seconds to serve (default: until Ctrl-C)"
    )


def _add_replay(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> None:
    replay = commands.add_parser(
        "replay",
        help="replay a scenario in virtual time and print the health decisions",
        description="Replay a scenario file in-process on a fake clock and print every "
        "health decision; the exit code is 1 if an expectation of the file fails.",
    )
    replay.add_argument("scenario", type=Path, help="the scenario file")
    replay.add_argument(
        "--tolerance",
        type=_seconds,
        help="seconds without a sample before a component is unhealthy (default: the scenario's)",
    )
    replay.add_argument("--json", action="store_true", help="print JSON lines")
    _add_plot_option(replay)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="telemetry-tracker",
        description="Track the health of inverter-battery groups.",
    )
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="the level of log messages printed to standard error (default WARNING)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _add_demo(commands)
    _add_watch(commands)
    _add_simulate(commands)
    _add_replay(commands)
    return parser


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "replay":
        tolerance = (
            None if args.tolerance is None else timedelta(seconds=args.tolerance)
        )
        passed = run_replay(
            load(args.scenario),
            tolerance=tolerance,
            as_json=args.json,
            write=print,
            plot_path=args.plot,
        )
        return 0 if passed else _EXIT_FAILED_EXPECTATIONS
    if args.command == "simulate":
        asyncio.run(
            run_simulate(
                load(args.scenario),
                port=args.port,
                duration_s=args.duration,
                write=print,
            )
        )
        return 0
    if args.command == "watch":
        asyncio.run(
            run_watch(
                args.url,
                battery_ids=args.batteries,
                tolerance=timedelta(seconds=args.tolerance),
                duration_s=args.duration,
                as_json=args.json,
            )
        )
        return 0
    passed = asyncio.run(
        run_demo(
            load(args.scenario),
            duration_s=args.duration,
            as_json=args.json,
            write=print,
            plot_path=args.plot,
        )
    )
    return 0 if passed else _EXIT_FAILED_EXPECTATIONS


def _describe(error: Exception) -> str:
    # Some libraries raise ValueError with several arguments, which str()
    # shows as a Python tuple; print them as one sentence instead.
    if isinstance(error, ValueError) and len(error.args) > 1:
        return ": ".join(str(arg) for arg in reversed(error.args))
    return str(error)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors become one line on standard error.

    Args:
        argv: The arguments, without the program name; `sys.argv[1:]` if `None`.

    Returns:
        The exit code: 0 on success, 1 when a scenario's expectations fail,
        2 on an error, 130 when interrupted.
    """
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except (
        TelemetryTrackerError,
        ApiClientError,
        grpc.RpcError,
        OSError,
        ValueError,
    ) as error:
        print(f"telemetry-tracker: error: {_describe(error)}", file=sys.stderr)
        return _EXIT_ERROR
    except TimeoutError:
        print(
            "telemetry-tracker: error: timed out waiting for the server; check the URL "
            "and that the server is running",
            file=sys.stderr,
        )
        return _EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
