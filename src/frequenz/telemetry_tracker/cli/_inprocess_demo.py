# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""A scripted demo on in-process telemetry: one group of 2 inverters and 3 batteries."""

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from frequenz.channels import BroadcastChannel, BroadcastReceiver, BroadcastSender
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentErrorCode,
    ComponentStateCode,
    ComponentStateSample,
)
from frequenz.client.microgrid.metrics import Bounds, Metric, MetricSample

from ..client import to_client_component_id
from ..group import InverterBatteryGroup, InverterBatteryGroupActor
from ._table import render_status

INVERTERS = (1, 2)
BATTERIES = (10, 11, 12)
PERIOD_S = 0.2


def _sample(component_id: int, *, error: bool, now: datetime) -> ComponentDataSamples:
    is_battery = component_id in BATTERIES
    states = {ComponentStateCode.READY}
    if is_battery:
        states.add(ComponentStateCode.RELAY_CLOSED)
    errors = {ComponentErrorCode.OVERTEMPERATURE} if error else set()
    metric = Metric.DC_POWER if is_battery else Metric.AC_POWER_ACTIVE
    metrics = [
        MetricSample(
            sampled_at=now,
            metric=metric,
            value=-2000.0,
            bounds=[Bounds(lower=-5000.0, upper=5000.0)],
        )
    ]
    if is_battery:
        metrics.append(
            MetricSample(
                sampled_at=now, metric=Metric.BATTERY_SOC_PCT, value=55.0, bounds=[]
            )
        )
    return ComponentDataSamples(
        component_id=to_client_component_id(ElectricalComponentId(component_id)),
        metric_samples=metrics,
        states=[
            ComponentStateSample(
                sampled_at=now,
                states=frozenset(states),
                warnings=frozenset(),
                errors=frozenset(errors),
            )
        ],
    )


async def _feed(
    component_id: int,
    sender: BroadcastSender[ComponentDataSamples],
    duration_s: float,
    script: Callable[[int, float], str],
) -> None:
    """Send a sample every period; the script says 'ok', 'error' or 'silent'."""
    loop = asyncio.get_running_loop()
    start_s = loop.time()
    while (elapsed_s := loop.time() - start_s) < duration_s:
        mode = script(component_id, elapsed_s / duration_s)
        if mode != "silent":
            now = datetime.now(UTC)
            await sender.send(_sample(component_id, error=mode == "error", now=now))
        await asyncio.sleep(PERIOD_S)


def _script(component_id: int, progress: float) -> str:
    """Healthy, then a battery error, then an inverter silent, then recovery."""
    if component_id == 11 and 0.2 <= progress < 0.45:
        return "error"
    if component_id == 2 and 0.45 <= progress < 0.7:
        return "silent"
    return "ok"


async def run_inprocess_demo(
    duration_s: float, print_line: Callable[[str], None]
) -> None:
    """Run the demo group and print every status that carries a health change.

    Args:
        duration_s: How long the scripted telemetry runs, in seconds.
        print_line: Where to print each rendered status.
    """
    senders: dict[int, BroadcastSender[ComponentDataSamples]] = {}
    receivers: dict[ElectricalComponentId, BroadcastReceiver[ComponentDataSamples]] = {}
    for component_id in INVERTERS + BATTERIES:
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            f"demo-{component_id}"
        )
        senders[component_id] = sender
        receivers[ElectricalComponentId(component_id)] = receiver
    actor = InverterBatteryGroupActor(
        group=InverterBatteryGroup(inverter_ids=INVERTERS, battery_ids=BATTERIES),
        telemetry_receivers=receivers,
        missing_data_tolerance=timedelta(seconds=1),
    )
    statuses = actor.new_status_receiver(limit=1000)

    async def show() -> None:
        async for status in statuses:
            if status.sequence == 0 or status.changed_ids:
                print_line(render_status(status) + "\n")

    async with actor:
        printer = asyncio.create_task(show())
        await asyncio.gather(
            *(_feed(cid, s, duration_s, _script) for cid, s in senders.items())
        )
        await asyncio.sleep(0.1)
        printer.cancel()
        await asyncio.gather(printer, return_exceptions=True)
