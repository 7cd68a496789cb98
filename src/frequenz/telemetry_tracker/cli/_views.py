# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The output of the commands for each pool status: a table, or JSON lines."""

import sys
from collections.abc import Callable
from typing import TextIO

from ..pool import InverterBatteryPoolActor, InverterBatteryPoolStatus
from ..runner import HealthDecision, ScenarioRun
from ._json import pool_status_to_json, to_json_line
from ._table import render_status

_CLEAR_SCREEN = "\x1b[H\x1b[2J"


def render_pool(
    status: InverterBatteryPoolStatus, *, changed_only: bool = False
) -> str:
    """Render the groups of a pool status as tables, one after the other.

    Args:
        status: The pool status.
        changed_only: Render only the groups with a health transition.

    Returns:
        The tables, without a trailing newline.
    """
    groups = sorted(
        status.groups.values(), key=lambda g: min(int(i) for i in g.group.battery_ids)
    )
    if changed_only:
        groups = [group for group in groups if group.group in status.changed_groups]
    return "\n\n".join(render_status(group) for group in groups)


class StatusPrinter:
    """Prints pool statuses as they are published.

    As JSON: one line per status, with the component counters. As a table on
    a terminal: the screen is redrawn with the latest status. As a table
    elsewhere (a pipe, a log): every group at first, then the table of each
    group with a health transition, so the output reads as a timeline.
    """

    def __init__(self, *, as_json: bool, out: TextIO | None = None) -> None:
        """Create a printer writing to `out`, standard output if `None`."""
        self._as_json = as_json
        self._out = sys.stdout if out is None else out
        self._redraw = not as_json and self._out.isatty()

    def __call__(
        self, status: InverterBatteryPoolStatus, pool: InverterBatteryPoolActor
    ) -> None:
        """Print one status."""
        if self._as_json:
            line = to_json_line(pool_status_to_json(status, pool.component_stats()))
            self._out.write(line + "\n")
        elif self._redraw:
            self._out.write(_CLEAR_SCREEN + render_pool(status) + "\n")
        elif status.sequence == 0:
            self._out.write(render_pool(status) + "\n\n")
        elif status.changed_groups:
            self._out.write(render_pool(status, changed_only=True) + "\n\n")
        self._out.flush()


def _decision_line(decision: HealthDecision) -> str:
    if decision.is_healthy:
        return f"t={decision.at_s:8.3f} s  {decision.component_id!s:<6} healthy"
    reasons = ", ".join(sorted(r.value for r in decision.reasons))
    return f"t={decision.at_s:8.3f} s  {decision.component_id!s:<6} unhealthy ({reasons}): {decision.detail}"


def print_run(run: ScenarioRun, *, as_json: bool, write: Callable[[str], None]) -> None:
    """Print a scenario run's health decisions and checked expectations."""
    if as_json:
        for decision in run.decisions:
            write(
                to_json_line(
                    {
                        "at_s": round(decision.at_s, 6),
                        "component_id": int(decision.component_id),
                        "healthy": decision.is_healthy,
                        "reasons": sorted(r.value for r in decision.reasons),
                        "detail": decision.detail,
                    }
                )
            )
        for result in run.expectations:
            write(
                to_json_line(
                    {"expectation": result.describe(), "passed": result.passed}
                )
            )
        return
    groups = "; ".join(str(group) for group in run.groups)
    write(
        f"scenario {run.scenario.name}: {run.scenario.duration:g} s, groups: {groups}"
    )
    for decision in run.decisions:
        write(_decision_line(decision))
    if run.expectations:
        write("expectations:")
        for result in run.expectations:
            write("  " + result.describe())
        passed = sum(result.passed for result in run.expectations)
        write(f"{passed} passed, {len(run.expectations) - passed} failed")
