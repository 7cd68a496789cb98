# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Scenario runs and PNG helpers shared by the plot tests."""

import functools
import struct
from pathlib import Path

from frequenz.telemetry_tracker.runner import ScenarioRun, replay
from frequenz.telemetry_tracker.simulator import load_scenario

MIXED_FAULTS = (
    Path(__file__).parent.parent
    / "scenarios"
    / "mixed_faults_and_rejected_samples.toml"
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@functools.cache
def mixed_faults_run() -> ScenarioRun:
    """Replay the minute-long scenario with mixed faults, once per test session."""
    return replay(load_scenario(MIXED_FAULTS))


def png_header(path: Path) -> tuple[bytes, bytes, int, int]:
    """Read a PNG file's signature, first chunk type, width and height.

    A PNG file opens with an 8-byte signature, then the IHDR chunk: its
    length and type, 4 bytes each, then width and height as big-endian
    32-bit integers.
    """
    head = path.read_bytes()[:24]
    _, chunk_type = struct.unpack(">I4s", head[8:16])
    width, height = struct.unpack(">II", head[16:24])
    return head[:8], chunk_type, width, height
