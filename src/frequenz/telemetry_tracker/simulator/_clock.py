# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Wall clocks that stamp simulated samples."""

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from .._errors import ConfigurationError

WallClock = Callable[[], datetime]
"""A callable that returns the current wall-clock time as an aware UTC datetime."""


def system_wall_clock() -> datetime:
    """Return the host's wall-clock time in UTC."""
    return datetime.now(UTC)


class LoopWallClock:
    """A wall clock that advances with the event loop's clock.

    Under a fake event loop (such as async-solipsism) the loop's clock is
    virtual, so this clock is virtual too: it reads
    `start_utc + (loop.time() - loop time at creation)`.
    """

    def __init__(self, start_utc: datetime | None = None) -> None:
        """Start the clock at the current loop time.

        Args:
            start_utc: The wall-clock time to read now, or `None` for the
                host's current time.

        Raises:
            ConfigurationError: If `start_utc` is naive or not in UTC.
            RuntimeError: If no event loop is running.
        """
        if start_utc is not None and start_utc.utcoffset() != timedelta(0):
            raise ConfigurationError(
                f"Invalid start_utc {start_utc!r}: expected an aware datetime in UTC"
            )
        self._loop = asyncio.get_running_loop()
        self._start_loop_time = self._loop.time()
        self._start_utc = system_wall_clock() if start_utc is None else start_utc

    @property
    def start_utc(self) -> datetime:
        """The wall-clock time the clock read when it was created."""
        return self._start_utc

    def __call__(self) -> datetime:
        """Return the wall-clock time that matches the loop's current time."""
        elapsed = self._loop.time() - self._start_loop_time
        return self._start_utc + timedelta(seconds=elapsed)
