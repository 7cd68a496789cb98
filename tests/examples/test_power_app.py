# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""End-to-end tests of the power application against the simulator.

`frequenz.sdk.microgrid.initialize` sets process-wide singletons, so the
application runs once, in a child process, through its own command line.
It serves a scenario in which an inverter reports an error, commands to
another inverter fail and a battery opens its relay, while it requests
power every 0.25 s. The tests read the JSON lines it prints: one per
request (with the health of every component in the pool status the split
was based on), one per command, and at the end one per command that the
simulator received.
"""

import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).parent.parent.parent
SCENARIO = ROOT / "tests" / "scenarios" / "faults_during_power_requests.toml"

CHILD_TIMEOUT_S = 30.0
"""Upper bound, in seconds, on the child process, which runs for about 8 s."""

GROUPS = (((1, 2), (10, 11)), ((3,), (12,)))
"""The scenario's groups, as (inverter ids, battery ids)."""

Line = dict[str, Any]


@dataclass(frozen=True)
class AppRun:
    """The JSON lines that one run of the application printed, by kind."""

    start: Line
    requests: dict[int, Line]
    commands: list[Line]
    simulator_commands: list[Line]

    def commands_of(self, request: int) -> list[Line]:
        """Return the commands sent for one request."""
        return [c for c in self.commands if c["request"] == request]

    def commanded_ids(self, request: int) -> set[int]:
        """Return the inverters commanded for one request."""
        return {c["component_id"] for c in self.commands_of(request)}


def run_app() -> AppRun:
    """Run the application on the scenario and sort its JSON lines by kind."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "examples.power_app",
            "--scenario",
            str(SCENARIO),
            "--duration",
            "8",
            "--interval",
            "0.25",
            *("--power", "6000", "--power", "-9000"),
            *("--power", "12000", "--power", "-2000"),
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    by_kind: dict[str, list[Line]] = defaultdict(list)
    for text in completed.stdout.splitlines():
        line = json.loads(text)
        by_kind[line["kind"]].append(line)
    (start,) = by_kind["start"]
    return AppRun(
        start=start,
        requests={line["request"]: line for line in by_kind["request"]},
        commands=by_kind["command"],
        simulator_commands=by_kind["simulator_command"],
    )


@pytest.fixture(scope="module")
def app_run() -> AppRun:
    """One run of the application, shared by the tests of this module."""
    return run_app()


def usable_inverters(status_reasons: dict[str, list[str]]) -> set[int]:
    """Return the healthy inverters of the usable groups of a status."""
    usable: set[int] = set()
    for inverter_ids, battery_ids in GROUPS:
        healthy_inverters = {i for i in inverter_ids if not status_reasons[str(i)]}
        if any(not status_reasons[str(b)] for b in battery_ids):
            usable |= healthy_inverters
    return usable


def test_groups_from_sdk_graph(app_run: AppRun) -> None:
    assert app_run.start["groups"] == [
        {"inverter_ids": [1, 2], "battery_ids": [10, 11]},
        {"inverter_ids": [3], "battery_ids": [12]},
    ]


def test_commands_only_to_healthy(app_run: AppRun) -> None:
    assert app_run.commands
    for command in app_run.commands:
        request = app_run.requests[command["request"]]
        status_reasons = request["status_reasons"]
        component = command["component_id"]
        assert command["status_sequence"] == request["status_sequence"]
        assert command["reasons"] == [], command
        assert status_reasons[str(component)] == [], request
        assert component in usable_inverters(status_reasons), request


def test_every_usable_inverter_commanded(app_run: AppRun) -> None:
    for number, request in app_run.requests.items():
        if request["target_w"] is None:
            continue
        expected = usable_inverters(request["status_reasons"])
        assert app_run.commanded_ids(number) == expected, request


def test_simulator_log_matches_commands(app_run: AppRun) -> None:
    sent: dict[int, list[Line]] = defaultdict(list)
    for command in app_run.commands:
        sent[command["component_id"]].append(command)
    received: dict[int, list[Line]] = defaultdict(list)
    for command in app_run.simulator_commands:
        received[command["component_id"]].append(command)

    assert set(received) == set(sent)
    for component, commands in received.items():
        assert len(commands) == len(sent[component]), component
        for at_server, at_client in zip(commands, sent[component], strict=True):
            # The API carries power as a 32-bit float.
            assert at_server["power_w"] == pytest.approx(at_client["power_w"], rel=1e-6)
            assert at_server["accepted"] == at_client["ok"], at_client
            assert at_client["reasons"] == [], at_client


def test_faults_seen_while_requesting(app_run: AppRun) -> None:
    numbers = sorted(n for n, r in app_run.requests.items() if r["target_w"])
    in_error = [
        n
        for n in numbers
        if "error_reported" in app_run.requests[n]["status_reasons"]["2"]
    ]
    relay_open = [n for n in numbers if app_run.requests[n]["status_reasons"]["12"]]

    assert in_error
    assert relay_open
    assert all(2 not in app_run.commanded_ids(n) for n in in_error)
    assert all(3 not in app_run.commanded_ids(n) for n in relay_open)
    assert any(2 in app_run.commanded_ids(n) for n in numbers if n < in_error[0])
    assert any(2 in app_run.commanded_ids(n) for n in numbers if n > in_error[-1])
    assert any(3 in app_run.commanded_ids(n) for n in numbers if n > relay_open[-1])


def test_failed_command_blocks_then_frees(app_run: AppRun) -> None:
    failed = [c for c in app_run.commands if not c["ok"]]

    assert failed
    assert {c["component_id"] for c in failed} == {1}
    first_failure = failed[0]["request"]
    blocked = [
        n
        for n, request in app_run.requests.items()
        if n > first_failure and request["status_reasons"]["1"] == ["blocked"]
    ]
    assert blocked
    freed = [
        c
        for c in app_run.commands
        if c["component_id"] == 1 and c["ok"] and c["request"] > min(blocked)
    ]
    assert freed
