# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests for the gRPC simulator, through the real Microgrid API client."""

import asyncio
from datetime import timedelta

import grpc
import pytest
from frequenz.api.common.v1alpha8.metrics import metrics_pb2
from frequenz.api.microgrid.v1alpha18 import microgrid_pb2, microgrid_pb2_grpc
from frequenz.client.base.exception import ServiceUnavailable
from frequenz.client.base.retry import LinearBackoff
from frequenz.client.microgrid import MicrogridApiClient
from frequenz.client.microgrid.component import (
    BatteryInverter,
    ComponentCategory,
    ComponentStateCode,
    GridConnectionPoint,
    LiIonBattery,
)
from frequenz.client.microgrid.metrics import Bounds, Metric

from frequenz.telemetry_tracker import ConfigurationError
from frequenz.telemetry_tracker.simulator import (
    MicrogridSimulator,
    load_builtin_scenario,
    parse_scenario,
)

from ._helpers import (
    BATTERY_10,
    INVERTER_1,
    client_component_id,
    metric_value,
    scenario_text,
)

pytestmark = pytest.mark.integration

TIMEOUT = 10.0
"""Upper bound, in seconds, on any wait for a message from the server."""

GRID_AND_CONNECTIONS = """
[[components]]
id = 1000
category = "grid"

[[connections]]
source = 1000
destination = 1

[[connections]]
source = 1
destination = 10
"""

KEEPALIVE_WINDOW = 6.0
"""Seconds of idle keep-alive pings after which a strict server has sent GOAWAY."""

FAST_RETRY = LinearBackoff(interval=0.2, jitter=0.0)
"""A client retry strategy that keeps the tests short."""


def late_start(components: str, start: float = 0.3) -> str:
    """Delay the first periodic sample so the client subscribes in time."""
    return components.replace("period = 0.2", f"period = 0.2\nstart = {start}")


async def test_url_and_port() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    simulator = MicrogridSimulator(scenario)
    with pytest.raises(RuntimeError, match="no port yet"):
        _ = simulator.url

    async with simulator:
        assert simulator.is_serving
        assert simulator.port > 0
        assert simulator.url == f"grpc://127.0.0.1:{simulator.port}?ssl=false"

    assert not simulator.is_serving


def test_port_out_of_range() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))

    with pytest.raises(ConfigurationError, match="Invalid port 70000"):
        MicrogridSimulator(scenario, port=70000)


async def test_stopped_simulator_cannot_restart() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    simulator = MicrogridSimulator(scenario)
    with pytest.raises(RuntimeError, match="has not started"):
        await simulator.restart()

    await simulator.start()
    await simulator.stop()

    with pytest.raises(RuntimeError, match="was stopped"):
        await simulator.start()
    assert not simulator.is_serving


async def test_topology_through_client() -> None:
    scenario = parse_scenario(
        scenario_text(INVERTER_1 + BATTERY_10 + GRID_AND_CONNECTIONS)
    )
    async with (
        MicrogridSimulator(scenario) as simulator,
        MicrogridApiClient(simulator.url) as client,
    ):
        info = await client.get_microgrid_info()
        components = {int(c.id): c for c in await client.list_components()}
        inverters = list(
            await client.list_components(categories=[ComponentCategory.INVERTER])
        )
        connections = {
            (int(c.source), int(c.destination)) for c in await client.list_connections()
        }

    assert int(info.id) == 1
    assert info.name == "simulated microgrid"
    assert isinstance(components[1000], GridConnectionPoint)
    assert isinstance(components[1], BatteryInverter)
    assert isinstance(components[10], LiIonBattery)
    assert [int(c.id) for c in inverters] == [1]
    assert connections == {(1000, 1), (1, 10)}


async def test_telemetry_through_client() -> None:
    scenario = parse_scenario(scenario_text(late_start(INVERTER_1)))
    async with (
        MicrogridSimulator(scenario) as simulator,
        MicrogridApiClient(simulator.url) as client,
    ):
        receiver = client.receive_component_data_samples_stream(
            client_component_id(1), [Metric.AC_POWER_ACTIVE]
        )
        async with asyncio.timeout(TIMEOUT):
            sample = await receiver.receive()

    assert int(sample.component_id) == 1
    (metric_sample,) = sample.metric_samples
    assert metric_sample.value == -3000.0
    assert metric_sample.bounds == [Bounds(lower=-5000.0, upper=5000.0)]
    assert sample.states[0].states == frozenset({ComponentStateCode.READY})
    assert sample.states[0].sampled_at == metric_sample.sampled_at


async def test_metric_filter_through_client() -> None:
    scenario = parse_scenario(scenario_text(BATTERY_10))
    async with (
        MicrogridSimulator(scenario) as simulator,
        MicrogridApiClient(simulator.url) as client,
    ):
        receiver = client.receive_component_data_samples_stream(
            client_component_id(10), [Metric.BATTERY_SOC_PCT]
        )
        async with asyncio.timeout(TIMEOUT):
            sample = await receiver.receive()

    assert [m.metric for m in sample.metric_samples] == [Metric.BATTERY_SOC_PCT]
    assert sample.states[0].states == frozenset(
        {ComponentStateCode.READY, ComponentStateCode.RELAY_CLOSED}
    )


async def test_ok_end_stops_client_receiver() -> None:
    events = (
        '[[events]]\nat = 1.0\naction = "end_stream"\ncomponent = 1\nstatus = "ok"\n'
    )
    scenario = parse_scenario(scenario_text(late_start(INVERTER_1), events))
    async with (
        MicrogridSimulator(scenario) as simulator,
        MicrogridApiClient(simulator.url) as client,
    ):
        receiver = client.receive_component_data_samples_stream(
            client_component_id(1), [Metric.AC_POWER_ACTIVE]
        )
        async with asyncio.timeout(TIMEOUT):
            samples = [sample async for sample in receiver]
        ended_at = simulator.scenario_time()

    assert len(samples) == 4
    assert ended_at >= 1.0


async def test_error_end_client_retries() -> None:
    events = (
        '[[events]]\nat = 1.0\naction = "end_stream"\ncomponent = 1\n'
        'status = "unavailable"\n'
    )
    scenario = parse_scenario(scenario_text(late_start(INVERTER_1), events))
    async with (
        MicrogridSimulator(scenario) as simulator,
        MicrogridApiClient(simulator.url, retry_strategy=FAST_RETRY) as client,
    ):
        receiver = client.receive_component_data_samples_stream(
            client_component_id(1), [Metric.AC_POWER_ACTIVE]
        )
        async with asyncio.timeout(TIMEOUT):
            while simulator.scenario_time() < 1.0:
                await receiver.receive()
            resumed = await receiver.receive()
        resumed_at = simulator.scenario_time()

    assert int(resumed.component_id) == 1
    assert resumed_at > 1.0


async def test_scripted_restart_keeps_port() -> None:
    events = '[[events]]\nat = 1.0\naction = "restart_server"\ndowntime = 0.3\n'
    scenario = parse_scenario(scenario_text(late_start(INVERTER_1), events))
    async with (
        MicrogridSimulator(scenario) as simulator,
        MicrogridApiClient(simulator.url, retry_strategy=FAST_RETRY) as client,
    ):
        port = simulator.port
        receiver = client.receive_component_data_samples_stream(
            client_component_id(1), [Metric.AC_POWER_ACTIVE]
        )
        async with asyncio.timeout(TIMEOUT):
            while simulator.scenario_time() < 1.3:
                await receiver.receive()
            await receiver.receive()

        assert simulator.port == port
        assert simulator.is_serving


async def test_manual_restart_keeps_port() -> None:
    scenario = parse_scenario(scenario_text(late_start(INVERTER_1)))
    async with (
        MicrogridSimulator(scenario) as simulator,
        MicrogridApiClient(simulator.url, retry_strategy=FAST_RETRY) as client,
    ):
        port = simulator.port
        receiver = client.receive_component_data_samples_stream(
            client_component_id(1), [Metric.AC_POWER_ACTIVE]
        )
        async with asyncio.timeout(TIMEOUT):
            await receiver.receive()
            await simulator.restart()
            restarted_at = simulator.scenario_time()
            while simulator.scenario_time() <= restarted_at:
                await receiver.receive()
            await receiver.receive()

        assert simulator.port == port


async def test_power_command_through_client() -> None:
    events = (
        '[[events]]\nat = 0.0\naction = "power_commands"\ncomponent = 10\n'
        'fail = true\nstatus = "unavailable"\n'
    )
    scenario = parse_scenario(
        scenario_text(
            late_start(INVERTER_1) + BATTERY_10 + GRID_AND_CONNECTIONS, events
        )
    )
    async with (
        MicrogridSimulator(scenario) as simulator,
        MicrogridApiClient(simulator.url) as client,
    ):
        receiver = client.receive_component_data_samples_stream(
            client_component_id(1), [Metric.AC_POWER_ACTIVE]
        )
        valid_until = await client.set_component_power_active(
            client_component_id(1), 2500.0, request_lifetime=timedelta(seconds=30)
        )
        with pytest.raises(ServiceUnavailable):
            await client.set_component_power_active(client_component_id(10), 1.0)
        async with asyncio.timeout(TIMEOUT):
            sample = await receiver.receive()
        bounds_until = await client.add_component_bounds(
            client_component_id(1),
            Metric.AC_POWER_ACTIVE,
            [Bounds(lower=-1000.0, upper=1000.0)],
        )
        commands = simulator.power_commands

    assert valid_until is not None
    assert bounds_until is not None
    assert metric_value(sample, Metric.AC_POWER_ACTIVE) == 2500.0
    assert [(int(c.component_id), c.power, c.accepted) for c in commands] == [
        (1, 2500.0, True),
        (10, 1.0, False),
    ]


async def test_stream_errors_with_raw_stub() -> None:
    scenario = parse_scenario(scenario_text(INVERTER_1))
    request = microgrid_pb2.ReceiveElectricalComponentTelemetryStreamRequest
    async with (
        MicrogridSimulator(scenario) as simulator,
        grpc.aio.insecure_channel(f"127.0.0.1:{simulator.port}") as channel,
    ):
        stub = microgrid_pb2_grpc.MicrogridStub(channel)
        unknown = stub.ReceiveElectricalComponentTelemetryStream(
            request(
                electrical_component_id=99,
                filter=request.ComponentTelemetryStreamFilter(
                    metrics=[metrics_pb2.METRIC_AC_POWER_ACTIVE]
                ),
            )
        )
        no_metrics = stub.ReceiveElectricalComponentTelemetryStream(
            request(electrical_component_id=1)
        )
        with pytest.raises(grpc.aio.AioRpcError) as unknown_error:
            async for _ in unknown:
                pass
        with pytest.raises(grpc.aio.AioRpcError) as no_metrics_error:
            async for _ in no_metrics:
                pass

    assert unknown_error.value.code() == grpc.StatusCode.NOT_FOUND
    assert no_metrics_error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_idle_keepalive_pings_accepted() -> None:
    # gRPC throttles these pings to about one per second. With gRPC's default
    # server settings, pings on a connection with no open call earn strikes,
    # and after the third strike the server sends GOAWAY "too_many_pings",
    # which moves the channel out of READY. With grpcio 1.85 that took about
    # 5 s here, so a 6 s window shows that the simulator does not do it.
    scenario = parse_scenario(scenario_text(INVERTER_1))
    options = [
        ("grpc.keepalive_time_ms", 100),
        ("grpc.keepalive_timeout_ms", 1000),
        ("grpc.keepalive_permit_without_calls", 1),
        ("grpc.http2.max_pings_without_data", 0),
    ]
    async with MicrogridSimulator(scenario) as simulator:
        address = f"127.0.0.1:{simulator.port}"
        async with grpc.aio.insecure_channel(address, options=options) as channel:
            stub = microgrid_pb2_grpc.MicrogridStub(channel)
            await stub.ListSensors(microgrid_pb2.ListSensorRequest())
            assert channel.get_state() == grpc.ChannelConnectivity.READY

            with pytest.raises(TimeoutError):
                async with asyncio.timeout(KEEPALIVE_WINDOW):
                    await channel.wait_for_state_change(grpc.ChannelConnectivity.READY)

            assert channel.get_state() == grpc.ChannelConnectivity.READY


@pytest.mark.integration
async def test_busy_port_rejected() -> None:
    scenario = load_builtin_scenario("demo")
    async with MicrogridSimulator(scenario) as first:
        second = MicrogridSimulator(scenario, port=first.port)
        with pytest.raises(OSError):
            await second.start()
