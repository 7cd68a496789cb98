# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Helpers shared by the simulator tests."""

import asyncio
import contextlib
import warnings
from collections.abc import Callable
from datetime import UTC, datetime

from frequenz.channels import Receiver
from frequenz.client.common.microgrid.components import ComponentId
from frequenz.client.microgrid.component import ComponentDataSamples
from frequenz.client.microgrid.metrics import Metric

START_UTC = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
"""The wall-clock time at scenario start in virtual-time tests."""


def client_component_id(component_id: int) -> ComponentId:
    """Return the deprecated id type the client's stream method still takes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return ComponentId(component_id)


async def collect(
    receiver: Receiver[ComponentDataSamples],
    clock: Callable[[], float],
    until: float,
) -> list[tuple[float, ComponentDataSamples]]:
    """Receive until `clock()` reaches `until` or the receiver stops.

    Args:
        receiver: The receiver.
        clock: The scenario clock, in seconds.
        until: When to stop receiving, on `clock`.

    Returns:
        Each sample with the `clock()` time it arrived at, rounded to the
        microsecond.
    """
    received: list[tuple[float, ComponentDataSamples]] = []
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(until - clock()):
            async for sample in receiver:
                received.append((round(clock(), 6), sample))
    return received


async def receive_at_or_after(
    receiver: Receiver[ComponentDataSamples], clock: Callable[[], float], at: float
) -> ComponentDataSamples:
    """Receive samples until one arrives at `clock()` time `at` or later."""
    while True:
        sample = await receiver.receive()
        if clock() >= at:
            return sample


def times(received: list[tuple[float, ComponentDataSamples]]) -> list[float]:
    """Return the arrival times of collected samples."""
    return [at for at, _ in received]


def metric_value(sample: ComponentDataSamples, metric: Metric) -> float | None:
    """Return the value of one metric in a sample, or `None` if absent."""
    for metric_sample in sample.metric_samples:
        if metric_sample.metric == metric:
            value = metric_sample.value
            assert value is None or isinstance(value, float)
            return value
    return None


def scenario_text(components: str, events: str = "", duration: float = 10.0) -> str:
    """Return a scenario file with the given components and events."""
    return f"format_version = 1\nduration = {duration}\n{components}\n{events}"


INVERTER_1 = """
[[components]]
id = 1
category = "inverter"
[components.telemetry]
period = 0.2
states = ["READY"]
metrics = { AC_POWER_ACTIVE = { value = -3000.0, bounds = [[-5000.0, 5000.0]] } }
"""
"""Inverter 1: READY, -3 kW within [-5 kW, 5 kW], every 0.2 s from t=0."""

BATTERY_10 = """
[[components]]
id = 10
category = "battery"
[components.telemetry]
period = 0.5
states = ["READY", "RELAY_CLOSED"]
[components.telemetry.metrics]
DC_POWER = -1000.0
BATTERY_SOC_PCT = { value = 50.0, bounds = [[10.0, 90.0]] }
"""
"""Battery 10: READY and RELAY_CLOSED, every 0.5 s from t=0."""
