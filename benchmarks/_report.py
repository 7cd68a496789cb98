# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Benchmark result rows, printed as a table and written as CSV."""

import csv
import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@enum.unique
class Bound(enum.Enum):
    """The side of its limit that a target allows."""

    AT_MOST = "<="
    """The figure must not exceed the limit."""

    AT_LEAST = ">="
    """The figure must reach the limit."""


@enum.unique
class Checked(enum.Enum):
    """The figure of a row that a target applies to."""

    RATIO = "ratio"
    """The row's ratio to its baseline."""

    VALUE = "value"
    """The row's value, in its unit."""


@dataclass(frozen=True, kw_only=True)
class Target:
    """A limit that one figure of a row must meet."""

    bound: Bound
    """Whether the figure must stay at or below the limit, or reach it."""

    limit: float
    """The limit, in the unit of the checked figure."""

    checked: Checked = Checked.RATIO
    """The figure that the limit applies to."""

    def is_met(self, figure: float) -> bool:
        """Return whether a figure meets this target."""
        if self.bound is Bound.AT_MOST:
            return figure <= self.limit
        return figure >= self.limit

    def __str__(self) -> str:
        """Return the target as, for example, `ratio <= 4`."""
        return f"{self.checked.value} {self.bound.value} {self.limit:g}"


@dataclass(frozen=True, kw_only=True)
class Row:
    """One measured figure, its baseline and its target."""

    benchmark: str
    """The benchmark's short name, for example `B1`."""

    case: str
    """The run: sizes, design and load."""

    metric: str
    """The measured quantity, for example `CPU per sample`."""

    value: float
    """The median over the repeats, in `unit`."""

    unit: str
    """The unit of `value` and `baseline_value`."""

    baseline: str = ""
    """The baseline the ratio compares against, or empty without one."""

    baseline_value: float | None = None
    """The baseline's median over the same repeats, in `unit`."""

    ratio: float | None = None
    """The median over the repeats of value / baseline, each pair measured
    back to back."""

    target: Target | None = None
    """The target this row is checked against, if any."""

    repeats: int = 1
    """How many measured repeats the medians are taken over."""

    note: str = ""
    """A remark on what limits the figure or how to read it."""

    @property
    def met(self) -> bool | None:
        """Whether the target is met; `None` without a target or figure."""
        if self.target is None:
            return None
        figure = self.ratio if self.target.checked is Checked.RATIO else self.value
        if figure is None or math.isnan(figure):
            return None
        return self.target.is_met(figure)


CSV_COLUMNS = (
    "benchmark",
    "case",
    "metric",
    "value",
    "unit",
    "baseline",
    "baseline_value",
    "ratio",
    "target",
    "met",
    "repeats",
    "note",
)
"""The columns of the CSV file, in order."""


def _number(value: float | None, digits: int = 3) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}g}" if abs(value) < 1000 else f"{value:.0f}"


def _verdict(met: bool | None) -> str:
    if met is None:
        return ""
    return "yes" if met else "NO"


def _cells(row: Row) -> list[str]:
    baseline = ""
    if row.baseline:
        baseline = f"{row.baseline} {_number(row.baseline_value)}".strip()
    return [
        row.benchmark,
        row.case,
        row.metric,
        f"{_number(row.value)} {row.unit}",
        baseline,
        "" if row.ratio is None else f"{_number(row.ratio)}x",
        "" if row.target is None else str(row.target),
        _verdict(row.met),
    ]


def format_table(rows: Sequence[Row]) -> str:
    """Format rows as a plain-text table, one line per row.

    Args:
        rows: The rows to format.

    Returns:
        The table, with a header line and a separator.
    """
    header = ["bench", "case", "metric", "value", "baseline", "ratio", "target", "met"]
    table = [header, *(_cells(row) for row in rows)]
    widths = [max(len(line[column]) for line in table) for column in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in table
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def write_csv(rows: Iterable[Row], path: Path) -> None:
    """Write rows to a CSV file, creating its directory if needed.

    Args:
        rows: The rows to write.
        path: The file to write; it is replaced if it exists.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(
                [
                    row.benchmark,
                    row.case,
                    row.metric,
                    repr(row.value),
                    row.unit,
                    row.baseline,
                    "" if row.baseline_value is None else repr(row.baseline_value),
                    "" if row.ratio is None else repr(row.ratio),
                    "" if row.target is None else str(row.target),
                    "" if row.met is None else str(row.met).lower(),
                    row.repeats,
                    row.note,
                ]
            )
