# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests that the gRPC server and the in-process streams send the same samples."""

import asyncio

import pytest
from frequenz.channels import Receiver
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid import MicrogridApiClient
from frequenz.client.microgrid.component import ComponentDataSamples
from frequenz.client.microgrid.metrics import Metric

from frequenz.telemetry_tracker.simulator import (
    MicrogridSimulator,
    ScenarioStreams,
    parse_scenario,
)

from ._helpers import client_component_id

pytestmark = pytest.mark.integration

TIMEOUT = 10.0
"""Upper bound, in seconds, on receiving the whole short scenario."""

# The first samples are due at t=0.5 so the client has subscribed by then;
# both streams end with OK at t=1.5, which stops both kinds of receiver.
# Each component sends 10 periodic samples and one scripted extra.
SCENARIO = """
format_version = 1
duration = 2.0

[[components]]
id = 1
category = "inverter"
[components.telemetry]
period = 0.1
start = 0.5
states = ["READY"]
metrics = { AC_POWER_ACTIVE = { value = -3000.1, bounds = [[-5000.0, 5000.0]] } }

[[components]]
id = 10
category = "battery"
[components.telemetry]
period = 0.1
start = 0.55
states = ["READY", "RELAY_CLOSED"]
warnings = ["OVERTEMPERATURE"]
[components.telemetry.metrics]
DC_POWER = -3050.0
BATTERY_SOC_PCT = { value = 50.3, bounds = [[10.1, 90.0]] }

[[events]]
at = 0.8
action = "set"
component = 1
states = ["ERROR", 999]
errors = ["OVERCURRENT"]
metrics = { AC_POWER_ACTIVE = { value = 0.1, bounds = [[-1.5, 1.5]] } }

[[events]]
at = 0.85
action = "duplicate"
component = 1

[[events]]
at = 0.95
action = "out_of_order"
component = 10

[[events]]
at = 1.0
action = "sample_time"
component = 10
mode = "omit"

[[events]]
at = 1.5
action = "end_stream"
component = [1, 10]
status = "ok"
"""

METRICS = [Metric.AC_POWER_ACTIVE, Metric.DC_POWER, Metric.BATTERY_SOC_PCT]


def content(sample: ComponentDataSamples) -> tuple[object, ...]:
    """Return what is compared: component, state codes and metric values."""
    state = sample.states[0]
    return (
        int(sample.component_id),
        state.states,
        state.errors,
        state.warnings,
        tuple((m.metric, m.value, tuple(m.bounds)) for m in sample.metric_samples),
    )


async def receive_all(
    receiver: Receiver[ComponentDataSamples],
) -> list[tuple[object, ...]]:
    """Receive until the receiver stops and return the compared content."""
    async with asyncio.timeout(TIMEOUT):
        return [content(sample) async for sample in receiver]


async def test_client_and_in_process_streams_match() -> None:
    scenario = parse_scenario(SCENARIO)
    async with (
        MicrogridSimulator(scenario) as simulator,
        ScenarioStreams(scenario) as streams,
        MicrogridApiClient(simulator.url) as client,
    ):
        through_client = [
            client.receive_component_data_samples_stream(
                client_component_id(component_id), METRICS
            )
            for component_id in (1, 10)
        ]
        in_process = [
            streams.new_receiver(ElectricalComponentId(component_id), METRICS)
            for component_id in (1, 10)
        ]
        (
            client_inverter,
            client_battery,
            local_inverter,
            local_battery,
        ) = await asyncio.gather(*map(receive_all, through_client + in_process))

    assert len(client_inverter) == 11
    assert len(client_battery) == 11
    assert client_inverter == local_inverter
    assert client_battery == local_battery
