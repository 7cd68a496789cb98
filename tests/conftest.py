# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Test configuration: fake time (async-solipsism) unless a test is marked for a real loop."""

import asyncio
from collections.abc import Callable, Mapping

import async_solipsism
import pytest


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], asyncio.AbstractEventLoop]]:
    """Run async tests on a fake-time loop; `real_loop` and `integration` opt out."""
    del config
    if item.get_closest_marker("real_loop") or item.get_closest_marker("integration"):
        return {"real_loop": asyncio.new_event_loop}
    return {"fake_time": async_solipsism.EventLoop}
