# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""A group actor fed by scripted in-process telemetry, for fake-time tests."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

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

from frequenz.telemetry_tracker import (
    ComponentHealth,
    HealthPolicy,
    InverterBatteryGroup,
    InverterBatteryGroupActor,
    InverterBatteryGroupStatus,
    UnhealthyReason,
)
from frequenz.telemetry_tracker.group import PowerCommandResult

from .samples import BATTERY_HEALTHY, INVERTER_HEALTHY, make_sample, utc_at


def loop_time() -> float:
    """Return the running loop's time."""
    return asyncio.get_running_loop().time()


def fake_wall_clock() -> datetime:
    """Return a wall clock that follows the (fake) loop clock."""
    return utc_at(loop_time())


@dataclass
class Harness:
    """A running group actor, its telemetry senders and the statuses it published."""

    actor: InverterBatteryGroupActor
    senders: dict[int, BroadcastSender[ComponentDataSamples]]
    batteries: frozenset[int]
    statuses: list[InverterBatteryGroupStatus] = field(default_factory=list)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def send(self, component_id: int, **kwargs: Any) -> None:
        """Send one sample stamped with the current fake wall-clock time."""
        kwargs.setdefault(
            "states",
            BATTERY_HEALTHY if component_id in self.batteries else INVERTER_HEALTHY,
        )
        kwargs.setdefault("sampled_at", fake_wall_clock())
        await self.senders[component_id].send(make_sample(component_id, **kwargs))

    def every(
        self,
        component_id: int,
        period_s: float,
        until_s: float | None = None,
        **kwargs: Any,
    ) -> None:
        """Send a sample every period from now, until a loop time (inclusive)."""

        async def run() -> None:
            next_s = loop_time()
            while until_s is None or next_s <= until_s + 1e-9:
                await asyncio.sleep(max(0.0, next_s - loop_time()))
                await self.send(component_id, **kwargs)
                next_s += period_s

        self.tasks.append(asyncio.create_task(run()))

    async def end_stream(self, component_id: int) -> None:
        """End a component's telemetry stream."""
        await self.senders[component_id].aclose()

    async def wait_for(
        self,
        predicate: Callable[[InverterBatteryGroupStatus], bool],
        timeout_s: float = 30.0,
    ) -> InverterBatteryGroupStatus:
        """Wait until a published status satisfies the predicate; return it."""
        async with asyncio.timeout(timeout_s):
            while True:
                for status in self.statuses:
                    if predicate(status):
                        return status
                await asyncio.sleep(0.001)

    def health_history(self, component_id: int) -> list[tuple[float, ComponentHealth]]:
        """Return (publish time, health) of a component in every published status."""
        return [
            (status.published_at_loop_s, status.health_of(component_id))
            for status in self.statuses
        ]


@asynccontextmanager
async def running_group(
    inverters: list[int],
    batteries: list[int],
    *,
    tolerance_s: float = 1.0,
    policy: HealthPolicy | None = None,
    command_results: Receiver[PowerCommandResult] | None = None,
) -> AsyncIterator[Harness]:
    """Start a group actor on in-process telemetry and collect its statuses."""
    senders: dict[int, BroadcastSender[ComponentDataSamples]] = {}
    receivers: dict[ElectricalComponentId, BroadcastReceiver[ComponentDataSamples]] = {}
    for component_id in inverters + batteries:
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            f"telemetry-{component_id}", limit=100
        )
        senders[component_id] = sender
        receivers[ElectricalComponentId(component_id)] = receiver
    actor = InverterBatteryGroupActor(
        group=InverterBatteryGroup(inverter_ids=inverters, battery_ids=batteries),
        telemetry_receivers=receivers,
        missing_data_tolerance=timedelta(seconds=tolerance_s),
        policy=policy or HealthPolicy(),
        wall_clock=fake_wall_clock,
        command_result_receiver=command_results,
    )
    harness = Harness(actor=actor, senders=senders, batteries=frozenset(batteries))
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


def reasons_of(
    status: InverterBatteryGroupStatus, component_id: int
) -> set[UnhealthyReason]:
    """Return a component's unhealthy reasons in a status."""
    return set(status.health_of(component_id).reasons)
