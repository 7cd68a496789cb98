# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Component graphs for discovery tests, built from the client's component types."""

from frequenz.client.common.microgrid import MicrogridId
from frequenz.client.microgrid.component import (
    BatteryInverter,
    Component,
    ComponentConnection,
    GridConnectionPoint,
    LiIonBattery,
    Meter,
    SolarInverter,
)
from frequenz.sdk.microgrid.component_graph import ComponentGraph

from ..samples import client_id

MICROGRID = MicrogridId(1)


def build_graph(
    wiring: dict[int, list[int]],
    *,
    solar_inverters: tuple[int, ...] = (),
) -> ComponentGraph:
    """Build grid 100 -> meter 101 -> each inverter -> its batteries.

    Args:
        wiring: inverter id -> the battery ids it feeds.
        solar_inverters: solar inverters connected to the meter.
    """
    components: list[Component] = [
        GridConnectionPoint(
            id=client_id(100), microgrid_id=MICROGRID, rated_fuse_current=100
        ),
        Meter(id=client_id(101), microgrid_id=MICROGRID),
    ]
    connections = [
        ComponentConnection(source=client_id(100), destination=client_id(101))
    ]
    batteries = {b for feeds in wiring.values() for b in feeds}
    for inverter in wiring:
        components.append(
            BatteryInverter(id=client_id(inverter), microgrid_id=MICROGRID)
        )
        connections.append(
            ComponentConnection(source=client_id(101), destination=client_id(inverter))
        )
    for solar in solar_inverters:
        components.append(SolarInverter(id=client_id(solar), microgrid_id=MICROGRID))
        connections.append(
            ComponentConnection(source=client_id(101), destination=client_id(solar))
        )
    for battery in sorted(batteries):
        components.append(LiIonBattery(id=client_id(battery), microgrid_id=MICROGRID))
    for inverter, feeds in wiring.items():
        for battery in feeds:
            connections.append(
                ComponentConnection(
                    source=client_id(inverter), destination=client_id(battery)
                )
            )
    return ComponentGraph(components, connections)
