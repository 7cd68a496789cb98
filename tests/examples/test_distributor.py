# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the power distributor actor with a fake client, in fake time."""

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from examples.power_app import Distribution, PowerDistributorActor, PowerRequest
from frequenz.channels import BroadcastChannel, BroadcastReceiver, Receiver, Sender
from frequenz.client.common.microgrid.components import ComponentId
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid import ApiClientError

from frequenz.telemetry_tracker import InverterBatteryPoolStatus, PoolBounds
from frequenz.telemetry_tracker.group import PowerCommandResult

from ..bounds.builders import pool_status
from .pools import bounds_w, group_a, group_b, two_groups

CID1 = ElectricalComponentId(1)
CID2 = ElectricalComponentId(2)
CID3 = ElectricalComponentId(3)

WAIT_S = 10.0
"""Upper bound, in fake seconds, on waiting for one message."""


class FakeClient:
    """A client that records power commands and fails or hangs for given components."""

    def __init__(self, *, failing: Iterable[int] = (), hanging: Iterable[int] = ()):
        self.calls: list[tuple[int, float]] = []
        self._failing = frozenset(failing)
        self._hanging = frozenset(hanging)

    async def set_component_power_active(
        self,
        component: ComponentId,
        power: float,
        *,
        request_lifetime: timedelta | None = None,
    ) -> datetime | None:
        self.calls.append((int(component), power))
        if int(component) in self._hanging:
            await asyncio.Event().wait()
        if int(component) in self._failing:
            raise ApiClientError(
                server_url="grpc://127.0.0.1:1?ssl=false",
                operation="SetElectricalComponentPower",
                description="rejected by the test",
                retryable=False,
            )
        return None


@dataclass
class Wiring:
    """The distributor's inputs and outputs, from the side of a test."""

    requests: Sender[PowerRequest]
    statuses: Sender[InverterBatteryPoolStatus]
    bounds: Sender[PoolBounds]
    results: BroadcastReceiver[PowerCommandResult]
    distributions: Receiver[Distribution]

    async def distribute(self, power_w: float, number: int = 0) -> Distribution:
        """Send a request and return what the distributor made of it."""
        await self.requests.send(PowerRequest(number=number, power_w=power_w))
        async with asyncio.timeout(WAIT_S):
            return await self.distributions.receive()


@asynccontextmanager
async def running_distributor(client: FakeClient) -> AsyncIterator[Wiring]:
    """Run a distributor over fresh channels."""
    request_sender, request_receiver = BroadcastChannel[PowerRequest]("requests")
    status_sender, status_receiver = BroadcastChannel[InverterBatteryPoolStatus](
        "statuses"
    )
    bounds_sender, bounds_receiver = BroadcastChannel[PoolBounds]("bounds")
    result_sender, result_receiver = BroadcastChannel[PowerCommandResult]("results")
    distribution_sender, distribution_receiver = BroadcastChannel[Distribution](
        "distributions"
    )
    actor = PowerDistributorActor(
        request_receiver=request_receiver,
        status_receiver=status_receiver,
        bounds_receiver=bounds_receiver,
        client=client,
        result_sender=result_sender,
        distribution_sender=distribution_sender,
    )
    async with actor:
        yield Wiring(
            requests=request_sender,
            statuses=status_sender,
            bounds=bounds_sender,
            results=result_receiver,
            distributions=distribution_receiver,
        )


def sent(distribution: Distribution) -> dict[ElectricalComponentId, float]:
    """Return the power commanded to each inverter."""
    return {c.component_id: c.power_w for c in distribution.commands}


async def test_split_sent_and_reported() -> None:
    client = FakeClient(failing=[2])
    async with running_distributor(client) as wiring:
        await wiring.statuses.send(two_groups())
        await wiring.bounds.send(bounds_w((-6500.0, 6500.0)))
        distribution = await wiring.distribute(6000.0)
        async with asyncio.timeout(WAIT_S):
            result = await wiring.results.receive()

    assert distribution.target_w == 6000.0
    assert sent(distribution) == {CID1: 1750.0, CID2: 1750.0, CID3: 2500.0}
    assert [c.succeeded for c in distribution.commands] == [True, False, True]
    assert distribution.commands[1].error == "ApiClientError"
    assert sorted(client.calls) == [(1, 1750.0), (2, 1750.0), (3, 2500.0)]
    assert result == PowerCommandResult(
        succeeded=frozenset({CID1, CID3}), failed=frozenset({CID2})
    )


async def test_request_clamped_to_bounds() -> None:
    async with running_distributor(FakeClient()) as wiring:
        await wiring.statuses.send(two_groups())
        await wiring.bounds.send(bounds_w((-6500.0, -1000.0), (1000.0, 6500.0)))
        above = await wiring.distribute(20000.0, number=0)
        in_gap = await wiring.distribute(-400.0, number=1)

    assert above.target_w == 6500.0
    assert sum(sent(above).values()) == 6500.0
    assert in_gap.target_w == -1000.0
    assert sum(sent(in_gap).values()) == -1000.0


async def test_latest_status_used() -> None:
    client = FakeClient()
    async with running_distributor(client) as wiring:
        await wiring.statuses.send(two_groups())
        await wiring.statuses.send(pool_status(group_a(inverter_2=False), group_b()))
        await wiring.bounds.send(bounds_w((-6500.0, 6500.0)))
        distribution = await wiring.distribute(-1000.0)

    assert distribution.status is not None
    assert CID2 not in distribution.status.healthy_component_ids
    assert sent(distribution) == {CID1: -500.0, CID3: -500.0}


async def test_nothing_sent_before_status() -> None:
    client = FakeClient()
    async with running_distributor(client) as wiring:
        await wiring.bounds.send(bounds_w((-6500.0, 6500.0)))
        distribution = await wiring.distribute(1000.0)
        queued_results = len(wiring.results)

    assert distribution.note == "no pool status yet"
    assert distribution.commands == ()
    assert client.calls == []
    assert queued_results == 0


async def test_nothing_sent_on_empty_bounds() -> None:
    client = FakeClient()
    async with running_distributor(client) as wiring:
        await wiring.statuses.send(two_groups())
        await wiring.bounds.send(bounds_w())
        distribution = await wiring.distribute(1000.0)

    assert distribution.target_w is None
    assert distribution.note == "no power possible: the pool bounds are empty"
    assert client.calls == []


async def test_timeout_counts_as_failed() -> None:
    client = FakeClient(hanging=[3])
    async with running_distributor(client) as wiring:
        await wiring.statuses.send(two_groups())
        await wiring.bounds.send(bounds_w((-6500.0, 6500.0)))
        distribution = await wiring.distribute(1000.0)
        async with asyncio.timeout(WAIT_S):
            result = await wiring.results.receive()

    assert distribution.commands[2].component_id == CID3
    assert distribution.commands[2].error == "timed out after 5 s"
    assert result.failed == {CID3}
    assert result.succeeded == {CID1, CID2}
