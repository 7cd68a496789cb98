# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of drawing the health timeline and writing it as a PNG image."""

import subprocess
import sys
from pathlib import Path

import pytest

from frequenz.telemetry_tracker.health import UnhealthyReason
from frequenz.telemetry_tracker.plot import (
    HEALTHY_COLOR,
    REASON_COLORS,
    MissingPlotDependencyError,
    save_timeline_plot,
    timeline_figure,
)
from frequenz.telemetry_tracker.runner import replay
from frequenz.telemetry_tracker.simulator import load_scenario

from .runs import MIXED_FAULTS, PNG_SIGNATURE, mixed_faults_run, png_header

MATPLOTLIB_MODULES = (
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
)


def test_png_for_two_groups(tmp_path: Path) -> None:
    path = tmp_path / "timeline.png"

    save_timeline_plot(mixed_faults_run(), path)

    signature, chunk_type, width, height = png_header(path)
    assert signature == PNG_SIGNATURE
    assert chunk_type == b"IHDR"
    assert width == 1200
    # Title 56 px, two groups of 44 px plus 5 and 2 rows of 34 px, the
    # time axis 48 px, and 12 legend entries in 3 rows of 24 px plus 12.
    assert height == 514


def test_fewer_rows_shorter_png(tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    small = replay(load_scenario(MIXED_FAULTS.parent / "inverter_goes_silent.toml"))

    save_timeline_plot(small, path)

    _, _, width, height = png_header(path)
    assert width == 1200
    assert height < 514


def test_rows_labelled_by_group() -> None:
    figure = timeline_figure(mixed_faults_run())

    (axes,) = figure.axes
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == [
        "group usable",
        "inverter CID1",
        "inverter CID2",
        "battery CID10",
        "battery CID11",
        "battery CID12",
        "group usable",
        "inverter CID3",
        "battery CID13",
    ]
    texts = [text.get_text() for text in axes.texts]
    assert texts == [
        "group 1: inverters [CID1, CID2] / batteries [CID10, CID11, CID12]",
        "group 2: inverters [CID3] / batteries [CID13]",
    ]


def test_legend_lists_what_the_run_shows() -> None:
    figure = timeline_figure(mixed_faults_run())

    (legend,) = figure.legends
    labels = [text.get_text() for text in legend.get_texts()]
    assert labels == [
        "healthy / usable",
        "no_data_yet",
        "missing_data",
        "stale_sample_time",
        "error_reported",
        "state_not_healthy",
        "required_state_missing",
        "unknown_state_code",
        "group not usable",
        "ignored: out of order",
        "ignored: duplicate",
    ]


def test_reason_colours_fixed_and_distinct() -> None:
    assert set(REASON_COLORS) == set(UnhealthyReason)
    colours = [HEALTHY_COLOR, *REASON_COLORS.values()]
    assert len(set(colours)) == len(colours)


def test_missing_matplotlib_names_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in MATPLOTLIB_MODULES:
        # A None entry makes `import` raise ImportError, as if not installed.
        monkeypatch.setitem(sys.modules, module, None)
    path = tmp_path / "timeline.png"

    with pytest.raises(MissingPlotDependencyError) as error_info:
        save_timeline_plot(mixed_faults_run(), path)

    assert "pip install 'frequenz-telemetry-tracker[plot]'" in str(error_info.value)
    assert isinstance(error_info.value, ImportError)
    assert not path.exists()


def test_package_imports_without_matplotlib() -> None:
    code = (
        "import sys\n"
        f"for name in {MATPLOTLIB_MODULES!r}:\n"
        "    sys.modules[name] = None\n"
        "import frequenz.telemetry_tracker.cli\n"
        "import frequenz.telemetry_tracker.plot\n"
        "print('imported')\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "imported"
