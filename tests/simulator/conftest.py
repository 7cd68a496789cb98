# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Fixtures for the simulator tests."""

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[[str], Path]:
    """Return a function that writes scenario text to a new temporary file."""
    counter = iter(range(1_000_000))

    def write(text: str) -> Path:
        path = tmp_path / f"scenario_{next(counter)}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
