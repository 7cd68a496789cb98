# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Argument parsing and dispatch of the `telemetry-tracker` command."""

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from ._inprocess_demo import run_inprocess_demo


def _positive_seconds(text: str) -> float:
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
    demo = commands.add_parser(
        "demo",
        help="run a scripted group of 2 inverters and 3 batteries and print its status",
    )
    demo.add_argument(
        "--duration",
        type=_positive_seconds,
        default=30.0,
        help="how long the scripted telemetry runs, in seconds (default 30)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments, without the program name; `sys.argv[1:]` if `None`.

    Returns:
        The exit code.
    """
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        asyncio.run(run_inprocess_demo(args.duration, print))
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
