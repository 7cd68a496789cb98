# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Helpers shared by the reliability tests: waiting, error capture and odd objects."""

import asyncio
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from frequenz.client.microgrid.metrics import Bounds


async def wait_until(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Wait in fake time until a condition holds, or raise `TimeoutError` after the timeout."""
    async with asyncio.timeout(timeout_s):
        while not condition():
            await asyncio.sleep(0.001)


def unchecked_bounds(lower: float | None, upper: float | None) -> Bounds:
    """Build bounds without the client's check, as a buggy source could send them."""
    bounds = Bounds()
    object.__setattr__(bounds, "lower", lower)
    object.__setattr__(bounds, "upper", upper)
    return bounds


def anything(value: object) -> Any:
    """Return a value typed as `Any`, to put a wrong type into a client message."""
    return cast(Any, value)


class ErrorRecords(logging.Handler):
    """A logging handler that keeps the records at ERROR level or above."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def capture_errors() -> Iterator[ErrorRecords]:
    """Collect ERROR records while the block runs (caplog is unusable with hypothesis)."""
    handler = ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
