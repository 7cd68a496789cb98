# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""CPU-time measurement, medians and the bare-channel baseline."""

import asyncio
import gc
import math
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field

from frequenz.channels import BroadcastChannel


async def cpu_seconds(run: Callable[[], Awaitable[object]]) -> float:
    """Run a coroutine function once; return the process CPU time it took.

    A garbage collection runs first, so that one left over from set-up is not
    counted. The process CPU time includes every thread, so it is only a
    fair measure while nothing else runs in the process.
    """
    gc.collect()
    started_s = time.process_time()
    await run()
    return time.process_time() - started_s


def cpu_seconds_sync(run: Callable[[], object]) -> float:
    """Run a function once; return the process CPU time it took.

    Measured like `cpu_seconds`, for code that does not await.
    """
    gc.collect()
    started_s = time.process_time()
    run()
    return time.process_time() - started_s


def percentile(values: Sequence[float], fraction: float) -> float:
    """Return a percentile by the nearest-rank method.

    Args:
        values: The values; at least one.
        fraction: The percentile as a fraction, for example 0.99.

    Returns:
        The smallest value with at least `fraction` of the values at or below it.
    """
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * fraction))
    return ordered[rank - 1]


@dataclass
class Paired:
    """Per-repeat costs of a subject and its baseline, measured back to back."""

    subject: list[float] = field(default_factory=list)
    """The subject's cost in each repeat."""

    baseline: list[float] = field(default_factory=list)
    """The baseline's cost in each repeat."""

    def add(self, subject: float, baseline: float) -> None:
        """Record one repeat."""
        self.subject.append(subject)
        self.baseline.append(baseline)

    @property
    def subject_median(self) -> float:
        """The median of the subject's costs."""
        return statistics.median(self.subject)

    @property
    def baseline_median(self) -> float:
        """The median of the baseline's costs."""
        return statistics.median(self.baseline)

    @property
    def ratio_median(self) -> float:
        """The median of subject / baseline over the repeats.

        Each ratio compares two figures measured a moment apart, so that it
        holds up better than the absolute times on a machine whose speed
        drifts.
        """
        return statistics.median(
            subject / baseline
            for subject, baseline in zip(self.subject, self.baseline, strict=True)
        )


@dataclass
class GcPauses:
    """The garbage collections seen while recording, with their durations."""

    durations_s: list[float] = field(default_factory=list)
    """How long each collection took (wall clock, seconds)."""

    full_collections: int = 0
    """How many of them were full (generation 2) collections."""


@contextmanager
def recorded_gc_pauses() -> Iterator[GcPauses]:
    """Record every garbage collection that runs inside the block.

    Yields:
        The record, filled in as collections run.
    """
    pauses = GcPauses()
    started_s = 0.0

    def on_collection(phase: str, info: dict[str, int]) -> None:
        nonlocal started_s
        if phase == "start":
            started_s = time.perf_counter()
            return
        pauses.durations_s.append(time.perf_counter() - started_s)
        if info["generation"] == 2:
            pauses.full_collections += 1

    gc.callbacks.append(on_collection)
    try:
        yield pauses
    finally:
        gc.callbacks.remove(on_collection)


RoundTrips = Callable[[Sequence[object]], Awaitable[None]]
"""Sends each message and waits for its echo before sending the next."""


@asynccontextmanager
async def bare_hop() -> AsyncIterator[RoundTrips]:
    """Run the baseline: two tasks passing messages over BroadcastChannels.

    The driver sends each message on one channel and waits for an echo task
    to send it back on another, so one round trip is two hops, each a send,
    a switch to the other task and a receive.

    Yields:
        The function that runs the round trips.
    """
    outbound_sender, outbound_receiver = BroadcastChannel[object]("bare-hop-out")
    inbound_sender, inbound_receiver = BroadcastChannel[object]("bare-hop-in")

    async def echo() -> None:
        async for message in outbound_receiver:
            await inbound_sender.send(message)

    async def round_trips(messages: Sequence[object]) -> None:
        for message in messages:
            await outbound_sender.send(message)
            await inbound_receiver.receive()

    task = asyncio.create_task(echo(), name="bare-hop-echo")
    try:
        yield round_trips
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
