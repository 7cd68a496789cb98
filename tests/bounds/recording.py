# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""A running pool bounds actor whose published bounds are recorded with their time."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from frequenz.channels import Receiver

from frequenz.telemetry_tracker.bounds import (
    GroupOrPoolStatus,
    PoolBounds,
    PoolBoundsActor,
)


@dataclass
class BoundsRecord:
    """The actor and every bounds value it published, with the loop time of arrival."""

    actor: PoolBoundsActor
    published: list[tuple[float, PoolBounds]] = field(default_factory=list)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def values(self) -> list[PoolBounds]:
        """The published bounds, oldest first."""
        return [bounds for _, bounds in self.published]

    async def record(self, receiver: Receiver[PoolBounds]) -> None:
        """Record every bounds value from the receiver."""
        loop = asyncio.get_running_loop()
        async for bounds in receiver:
            self.published.append((loop.time(), bounds))
            self._arrived.set()

    async def wait_for(
        self, predicate: Callable[[PoolBounds], bool], timeout_s: float = 30.0
    ) -> PoolBounds:
        """Wait until a published value satisfies the predicate; return it."""
        checked = 0
        async with asyncio.timeout(timeout_s):
            while True:
                for bounds in self.values[checked:]:
                    if predicate(bounds):
                        return bounds
                checked = len(self.published)
                self._arrived.clear()
                await self._arrived.wait()


@asynccontextmanager
async def running_bounds_actor(
    status_receiver: Receiver[GroupOrPoolStatus],
) -> AsyncIterator[BoundsRecord]:
    """Start a pool bounds actor and record what it publishes until the block ends."""
    actor = PoolBoundsActor(status_receiver=status_receiver)
    record = BoundsRecord(actor=actor)
    recorder = asyncio.create_task(record.record(actor.new_bounds_receiver(limit=1000)))
    actor.start()
    try:
        yield record
    finally:
        await actor.stop()
        recorder.cancel()
        await asyncio.gather(recorder, return_exceptions=True)
