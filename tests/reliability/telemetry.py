# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""In-process telemetry for the reliability tests: counted streams and faulty receivers."""

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from frequenz.channels import (
    BroadcastChannel,
    BroadcastReceiver,
    BroadcastSender,
    Receiver,
)
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import ComponentKind, InverterBatteryGroupActor

from ..harness import Harness, fake_wall_clock
from ..samples import BATTERY_HEALTHY, INVERTER_HEALTHY, make_sample


@dataclass
class StreamCounts:
    """The numbers of streams a source opened and closed."""

    opened: int = 0
    closed: int = 0

    @property
    def open(self) -> int:
        """The streams opened and not closed yet."""
        return self.opened - self.closed


class CountedReceiver(Receiver[ComponentDataSamples]):
    """A stream that yields a first sample and then its channel's, and counts its close."""

    def __init__(
        self,
        inner: BroadcastReceiver[ComponentDataSamples],
        first: ComponentDataSamples,
        counts: StreamCounts,
    ) -> None:
        self._inner = inner
        self._first = [first]
        self._counts = counts
        self._closed = False

    def __len__(self) -> int:
        return len(self._first) + len(self._inner)

    async def ready(self) -> bool:
        if self._first:
            return True
        return await self._inner.ready()

    def consume(self) -> ComponentDataSamples:
        if self._first:
            return self._first.pop()
        return self._inner.consume()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._counts.closed += 1
        self._inner.close()


class CountingSource:
    """A telemetry source whose streams start with one healthy sample, and that counts them."""

    def __init__(self) -> None:
        self.counts = StreamCounts()
        self.senders: dict[int, BroadcastSender[ComponentDataSamples]] = {}
        self.stream_refs: list[weakref.ref[Receiver[ComponentDataSamples]]] = []

    def open_stream(
        self, component_id: ElectricalComponentId, kind: ComponentKind
    ) -> Receiver[ComponentDataSamples]:
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            f"telemetry-{component_id}", limit=100
        )
        self.senders[int(component_id)] = sender
        self.counts.opened += 1
        states = BATTERY_HEALTHY if kind is ComponentKind.BATTERY else INVERTER_HEALTHY
        first = make_sample(
            int(component_id), sampled_at=fake_wall_clock(), states=states
        )
        stream = CountedReceiver(receiver, first, self.counts)
        self.stream_refs.append(weakref.ref(stream))
        return stream


class FlakyReceiver(Receiver[ComponentDataSamples]):
    """A stream whose `consume()` raises once when armed, leaving the sample queued."""

    def __init__(self, inner: BroadcastReceiver[ComponentDataSamples]) -> None:
        self._inner = inner
        self.armed = False

    def __len__(self) -> int:
        return len(self._inner)

    async def ready(self) -> bool:
        return await self._inner.ready()

    def consume(self) -> ComponentDataSamples:
        if self.armed:
            self.armed = False
            raise RuntimeError("decoding the telemetry message failed")
        return self._inner.consume()

    def close(self) -> None:
        self._inner.close()


def telemetry_channels(
    component_ids: list[int],
) -> tuple[
    dict[int, BroadcastSender[ComponentDataSamples]],
    dict[int, BroadcastReceiver[ComponentDataSamples]],
]:
    """Return one in-process telemetry channel per component: senders and receivers."""
    senders: dict[int, BroadcastSender[ComponentDataSamples]] = {}
    receivers: dict[int, BroadcastReceiver[ComponentDataSamples]] = {}
    for component_id in component_ids:
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            f"telemetry-{component_id}", limit=100
        )
        senders[component_id] = sender
        receivers[component_id] = receiver
    return senders, receivers


@asynccontextmanager
async def started(
    actor: InverterBatteryGroupActor,
    senders: dict[int, BroadcastSender[ComponentDataSamples]],
) -> AsyncIterator[Harness]:
    """Start a group actor built by the test and collect every status it publishes."""
    batteries = frozenset(int(i) for i in actor.group.battery_ids)
    harness = Harness(actor=actor, senders=senders, batteries=batteries)
    status_receiver = actor.new_status_receiver(limit=10_000)

    async def collect() -> None:
        async for status in status_receiver:
            harness.statuses.append(status)

    harness.tasks.append(asyncio.create_task(collect()))
    actor.start()
    try:
        yield harness
    finally:
        await actor.stop()
        for task in harness.tasks:
            task.cancel()
        await asyncio.gather(*harness.tasks, return_exceptions=True)
