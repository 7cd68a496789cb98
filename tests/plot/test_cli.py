# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the `--plot` option of `telemetry-tracker replay` and `demo`."""

import json
import sys
from pathlib import Path

import pytest

from frequenz.telemetry_tracker.cli import main

from .runs import MIXED_FAULTS, PNG_SIGNATURE, png_header


def test_replay_writes_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "timeline.png"

    code = main(["replay", str(MIXED_FAULTS), "--plot", str(path)])

    out = capsys.readouterr().out
    assert code == 0
    assert out.rstrip().endswith(f"health timeline written to {path}")
    signature, _, width, height = png_header(path)
    assert signature == PNG_SIGNATURE
    assert (width, height) == (1200, 514)


def test_replay_json_stays_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "timeline.png"

    code = main(["replay", "--json", str(MIXED_FAULTS), "--plot", str(path)])

    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert path.exists()
    for line in lines:
        assert isinstance(json.loads(line), dict), line


def test_replay_plot_without_matplotlib(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    path = tmp_path / "timeline.png"

    code = main(["replay", str(MIXED_FAULTS), "--plot", str(path)])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("\n") == 1
    assert "pip install 'frequenz-telemetry-tracker[plot]'" in captured.err
    # Checked before the replay: nothing of the run is printed.
    assert captured.out == ""
    assert not path.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("timeline.svg", "expected a name ending in .png"),
        ("missing/timeline.png", "not found"),
    ],
)
def test_bad_plot_path_rejected(
    name: str,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["replay", str(MIXED_FAULTS), "--plot", str(tmp_path / name)])

    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.integration
def test_demo_writes_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.png"

    code = main(["demo", "--duration", "2", "--plot", str(path)])

    assert code == 0
    assert f"health timeline written to {path}" in capsys.readouterr().out
    signature, _, width, _ = png_header(path)
    assert signature == PNG_SIGNATURE
    assert width == 1200
