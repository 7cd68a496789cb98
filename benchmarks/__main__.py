# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Run the benchmarks, print their table and write it as CSV."""

import argparse
import asyncio
import logging
import platform
import sys
import time
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from pathlib import Path

from . import (
    b1_overhead,
    b2_group_size,
    b3_sdk,
    b4_reference,
    b5_latency,
    b6_end_to_end,
    b7_memory,
)
from ._report import Row, format_table, write_csv
from ._scale import Scale

BENCHMARKS: dict[str, Callable[[Scale], Coroutine[None, None, list[Row]]]] = {
    "B1": b1_overhead.run,
    "B2": b2_group_size.run,
    "B3": b3_sdk.run,
    "B4": b4_reference.run,
    "B5": b5_latency.run,
    "B6": b6_end_to_end.run,
    "B7": b7_memory.run,
}
"""Every benchmark, by name, in the order they run."""

DEFAULT_RESULTS_DIR = Path(__file__).parent / "results"
"""The directory of the CSV files unless `--results-dir` sets another."""


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Benchmark the telemetry tracker against baselines measured "
        "in the same run; print a table and write a CSV file.",
    )
    scale = parser.add_mutually_exclusive_group()
    scale.add_argument(
        "--quick",
        action="store_const",
        const=Scale.QUICK,
        dest="scale",
        help="smaller sizes and fewer repeats (about two minutes)",
    )
    scale.add_argument(
        "--smoke",
        action="store_const",
        const=Scale.SMOKE,
        dest="scale",
        help="tiny sizes and one repeat, only to check that everything runs",
    )
    parser.set_defaults(scale=Scale.FULL)
    parser.add_argument(
        "--only",
        default=",".join(BENCHMARKS),
        help="comma-separated benchmarks to run (default: %(default)s)",
    )
    parser.add_argument(
        "--results-dir",
        type=Path,
        default=DEFAULT_RESULTS_DIR,
        help="directory for the CSV file (default: benchmarks/results)",
    )
    parser.add_argument(
        "--log-level",
        default="ERROR",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="level of the tracker's own log output (default: %(default)s)",
    )
    return parser.parse_args(argv)


def _selected(only: str) -> list[str]:
    names = [name.strip().upper() for name in only.split(",") if name.strip()]
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise SystemExit(
            f"Unknown benchmark(s) {', '.join(unknown)} in --only; "
            f"expected names from {', '.join(BENCHMARKS)}."
        )
    return names


def main(argv: Sequence[str]) -> int:
    """Run the selected benchmarks; return the process exit code."""
    args = _parse_args(argv)
    names = _selected(args.only)
    logging.basicConfig(level=args.log_level)
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"scale {args.scale.value}, benchmarks {', '.join(names)}",
        flush=True,
    )
    rows: list[Row] = []
    for name in names:
        started_s = time.perf_counter()
        new_rows = asyncio.run(BENCHMARKS[name](args.scale))
        elapsed_s = time.perf_counter() - started_s
        print(f"\n{name} ({elapsed_s:.1f} s)\n{format_table(new_rows)}", flush=True)
        rows.extend(new_rows)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.results_dir / f"bench-{args.scale.value}-{stamp}.csv"
    write_csv(rows, path)
    print(f"\nAll benchmarks\n{format_table(rows)}\n\nCSV written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
