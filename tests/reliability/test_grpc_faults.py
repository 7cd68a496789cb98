# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Faults through the real client and the simulator that a scenario file cannot script."""

import asyncio
import socket
from datetime import timedelta

import pytest
from frequenz.client.microgrid import MicrogridApiClient

from frequenz.telemetry_tracker import (
    InverterBatteryGroup,
    InverterBatteryPoolActor,
    MicrogridClientTelemetrySource,
    UnhealthyReason,
)
from frequenz.telemetry_tracker.pool import InverterBatteryPoolStatus
from frequenz.telemetry_tracker.simulator import MicrogridSimulator, load_scenario

from ..runner.scenarios import SCENARIO_DIR

pytestmark = pytest.mark.integration

GROUP = InverterBatteryGroup(inverter_ids=[1], battery_ids=[10])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_server_absent_at_start() -> None:
    port = free_port()
    scenario = load_scenario(SCENARIO_DIR / "stream_error_and_reconnect.toml")
    client = MicrogridApiClient(f"grpc://127.0.0.1:{port}?ssl=false")
    pool = InverterBatteryPoolActor(
        groups=[GROUP],
        telemetry_source=MicrogridClientTelemetrySource(client),
        missing_data_tolerance=timedelta(seconds=1),
    )
    receiver = pool.new_status_receiver(limit=1000)
    statuses: list[InverterBatteryPoolStatus] = []
    async with client, pool:
        async with asyncio.timeout(5):
            statuses.append(await receiver.receive())
        await asyncio.sleep(1.0)
        async with MicrogridSimulator(scenario, port=port):
            async with asyncio.timeout(15):
                async for status in receiver:
                    statuses.append(status)
                    if status.usable_groups:
                        break

    first = statuses[0].groups[GROUP]
    for component_id in GROUP.component_ids:
        assert first.health_of(component_id).reasons == {UnhealthyReason.NO_DATA_YET}
    assert statuses[-1].usable_groups == {GROUP}
