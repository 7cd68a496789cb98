# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the `telemetry-tracker` command: output, exit codes and error lines."""

import json
import socket
from pathlib import Path

import pytest

from frequenz.telemetry_tracker.cli import main

SCENARIOS = Path(__file__).parent.parent / "scenarios"


def test_replay_prints_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["replay", str(SCENARIOS / "inverter_goes_silent.toml")])

    out = capsys.readouterr().out
    assert code == 0
    assert "unhealthy (missing_data)" in out
    assert out.rstrip().endswith("0 failed")


def test_replay_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["replay", "--json", str(SCENARIOS / "streams_end_and_return.toml")])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert any(line.get("reasons") == ["stream_ended"] for line in lines)
    assert all(line["passed"] for line in lines if "expectation" in line)


def test_replay_failed_expectation_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (SCENARIOS / "inverter_goes_silent.toml").read_text(encoding="utf-8")
    # A tolerance longer than the silence: the expected timeout never comes.
    code = main(
        ["replay", "--tolerance", "30", str(SCENARIOS / "inverter_goes_silent.toml")]
    )

    assert "missing_data" in text
    assert code == 1
    assert "FAILED" in capsys.readouterr().out


def test_missing_file_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["replay", "/nonexistent/scenario.toml"])

    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "/nonexistent/scenario.toml" in err
    assert "Traceback" not in err


def test_bad_scenario_names_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("format_version = 1\nduration = -3\n", encoding="utf-8")

    code = main(["replay", str(bad)])

    err = capsys.readouterr().err
    assert code == 2
    assert "bad.toml" in err
    assert "duration" in err


def test_malformed_url_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["watch", "not-a-url", "--duration", "1"])

    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("telemetry-tracker: error:")
    assert "Traceback" not in err


@pytest.mark.integration
def test_unreachable_server_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more.

    code = main(["watch", f"grpc://127.0.0.1:{port}?ssl=false", "--duration", "5"])

    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "unavailable" in err.lower()


def test_bad_duration_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--duration", "-1"])

    assert exit_info.value.code == 2
    assert "invalid duration '-1'" in capsys.readouterr().err


@pytest.mark.integration
def test_demo_short_run_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["demo", "--duration", "2", "--json"])

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert lines[0]["sequence"] == 0
    assert len(lines[-1]["groups"]) == 2
    assert "stats" in lines[-1]["groups"][0]["components"][0]


def test_unconnected_graph_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "unconnected.toml"
    scenario.write_text(
        'format_version = 1\nduration = 2\n[[components]]\nid = 1000\ncategory = "grid"\n'
        '[[components]]\nid = 1\ncategory = "inverter"\n'
        '[[components]]\nid = 10\ncategory = "battery"\n',
        encoding="utf-8",
    )

    code = main(["replay", str(scenario)])

    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "unconnected.toml" in err
    assert "not connected to the root" in err


@pytest.mark.parametrize("value", ["inf", "nan", "1e-9", "0"])
def test_bad_tolerance_rejected(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "replay",
                "--tolerance",
                value,
                str(SCENARIOS / "inverter_goes_silent.toml"),
            ]
        )

    assert exit_info.value.code == 2
    assert f"invalid duration '{value}'" in capsys.readouterr().err
