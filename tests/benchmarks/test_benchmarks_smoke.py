# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Every benchmark runs once on tiny sizes and reports its rows."""

import csv
import math
import subprocess
import sys
from pathlib import Path

import pytest

_REPOSITORY = Path(__file__).resolve().parents[2]
_BENCHMARKS = ("B1", "B2", "B3", "B4", "B5", "B6", "B7")


@pytest.fixture(scope="module")
def smoke_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, list[dict[str, str]]]:
    """Run `python -m benchmarks --smoke` once; return its output and CSV rows."""
    results_dir = tmp_path_factory.mktemp("results")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--smoke",
            "--results-dir",
            str(results_dir),
        ],
        cwd=_REPOSITORY,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    csv_files = list(results_dir.glob("bench-smoke-*.csv"))
    assert len(csv_files) == 1
    with csv_files[0].open(encoding="utf-8") as file:
        return completed.stdout, list(csv.DictReader(file))


@pytest.mark.parametrize("benchmark", _BENCHMARKS)
def test_benchmark_writes_rows(
    smoke_run: tuple[str, list[dict[str, str]]], benchmark: str
) -> None:
    _, rows = smoke_run
    mine = [row for row in rows if row["benchmark"] == benchmark]
    assert mine
    for row in mine:
        assert row["case"]
        assert row["unit"] is not None
        float(row["value"])


def test_rows_with_baseline_have_ratio(
    smoke_run: tuple[str, list[dict[str, str]]],
) -> None:
    _, rows = smoke_run
    with_baseline = [row for row in rows if row["baseline"]]
    assert with_baseline
    for row in with_baseline:
        # Smoke-scale figures are noise: a difference of two of them (B3,
        # B6) can even come out negative, so only their presence is checked.
        assert math.isfinite(float(row["baseline_value"]))
        assert math.isfinite(float(row["ratio"]))


def test_table_printed(smoke_run: tuple[str, list[dict[str, str]]]) -> None:
    output, _ = smoke_run
    assert "All benchmarks" in output
    for benchmark in _BENCHMARKS:
        assert f"\n{benchmark} " in output
