# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Fixtures and the fake event loop for the simulator tests."""

import asyncio
from collections.abc import Callable, Mapping
from pathlib import Path

import async_solipsism
import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker that selects the fake event loop."""
    config.addinivalue_line(
        "markers",
        "virtual_time: run the test on the async-solipsism fake event loop, "
        "whose clock jumps to the next timer instead of waiting",
    )


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    """Give tests marked `virtual_time` the fake event loop, others the default."""
    if item.get_closest_marker("virtual_time") is not None:
        return {"virtual_time": async_solipsism.EventLoop}
    return {"asyncio": asyncio.new_event_loop}


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[[str], Path]:
    """Return a function that writes scenario text to a temporary file."""
    counter = iter(range(1_000_000))

    def write(text: str) -> Path:
        path = tmp_path / f"scenario_{next(counter)}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write
