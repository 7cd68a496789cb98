# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Track a group of one inverter and one battery fed by in-process telemetry."""

import asyncio
from datetime import UTC, datetime, timedelta

from frequenz.channels import BroadcastChannel
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentStateCode,
    ComponentStateSample,
)

from frequenz.telemetry_tracker import InverterBatteryGroup, InverterBatteryGroupActor
from frequenz.telemetry_tracker.client import to_client_component_id


def sample(component_id: int, *states: ComponentStateCode) -> ComponentDataSamples:
    """Build a sample with the given state codes, stamped now."""
    return ComponentDataSamples(
        component_id=to_client_component_id(ElectricalComponentId(component_id)),
        metric_samples=[],
        states=[
            ComponentStateSample(
                sampled_at=datetime.now(UTC),
                states=frozenset(states),
                warnings=frozenset(),
                errors=frozenset(),
            )
        ],
    )


async def main() -> None:
    """Send one healthy sample per component, then let the inverter go silent."""
    inverter_sender, inverter_receiver = BroadcastChannel[ComponentDataSamples]("inv")
    battery_sender, battery_receiver = BroadcastChannel[ComponentDataSamples]("bat")
    actor = InverterBatteryGroupActor(
        group=InverterBatteryGroup(inverter_ids=[1], battery_ids=[10]),
        telemetry_receivers={
            ElectricalComponentId(1): inverter_receiver,
            ElectricalComponentId(10): battery_receiver,
        },
        missing_data_tolerance=timedelta(seconds=0.5),
    )
    statuses = actor.new_status_receiver()
    was_usable = False
    async with actor:
        await inverter_sender.send(sample(1, ComponentStateCode.READY))
        await battery_sender.send(
            sample(10, ComponentStateCode.READY, ComponentStateCode.RELAY_CLOSED)
        )
        async for status in statuses:
            reasons = {
                str(cid): sorted(r.value for r in health.reasons)
                for cid, health in status.unhealthy_inverters.items()
            }
            print(f"status #{status.sequence}: usable={status.is_usable} {reasons}")
            if was_usable and not status.is_usable:
                break
            was_usable = status.is_usable


if __name__ == "__main__":
    asyncio.run(main())
