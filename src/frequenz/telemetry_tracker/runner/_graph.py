# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Component graphs from a Microgrid API server or from a scenario file."""

from collections.abc import Iterable

from frequenz.client.common.microgrid import MicrogridId
from frequenz.client.microgrid import MicrogridApiClient
from frequenz.client.microgrid.component import (
    BatteryInverter,
    BatteryType,
    Component,
    ComponentCategory,
    ComponentConnection,
    GridConnectionPoint,
    HybridInverter,
    InverterType,
    LiIonBattery,
    Meter,
    NaIonBattery,
    SolarInverter,
    UnspecifiedBattery,
    UnspecifiedInverter,
)
from frequenz.microgrid_component_graph import InvalidGraphError
from frequenz.sdk.microgrid.component_graph import ComponentGraph

from .._errors import ConfigurationError
from ..client import to_client_component_id
from ..simulator import ComponentSpec, Scenario


def _validated_graph(
    components: Iterable[Component],
    connections: Iterable[ComponentConnection],
    what: str,
) -> ComponentGraph:
    try:
        return ComponentGraph(components, connections)
    except InvalidGraphError as error:
        message = " ".join(str(error).split())
        raise ConfigurationError(
            f"Invalid {what}: the SDK rejects it: {message}"
        ) from error


async def fetch_component_graph(client: MicrogridApiClient) -> ComponentGraph:
    """Build the component graph that a Microgrid API server lists.

    Args:
        client: A connected client.

    Returns:
        The graph, validated as the SDK validates it.
    """
    components = await client.list_components()
    connections = await client.list_connections()
    return _validated_graph(components, connections, "the server's component graph")


def _inverter(spec: ComponentSpec, microgrid_id: MicrogridId) -> Component:
    component_id = to_client_component_id(spec.id)
    match spec.inverter_type:
        case InverterType.BATTERY:
            return BatteryInverter(
                id=component_id, microgrid_id=microgrid_id, name=spec.name
            )
        case InverterType.SOLAR:
            return SolarInverter(
                id=component_id, microgrid_id=microgrid_id, name=spec.name
            )
        case InverterType.HYBRID:
            return HybridInverter(
                id=component_id, microgrid_id=microgrid_id, name=spec.name
            )
        case _:
            return UnspecifiedInverter(
                id=component_id, microgrid_id=microgrid_id, name=spec.name
            )


def _battery(spec: ComponentSpec, microgrid_id: MicrogridId) -> Component:
    component_id = to_client_component_id(spec.id)
    match spec.battery_type:
        case BatteryType.LI_ION:
            return LiIonBattery(
                id=component_id, microgrid_id=microgrid_id, name=spec.name
            )
        case BatteryType.NA_ION:
            return NaIonBattery(
                id=component_id, microgrid_id=microgrid_id, name=spec.name
            )
        case _:
            return UnspecifiedBattery(
                id=component_id, microgrid_id=microgrid_id, name=spec.name
            )


def _component(spec: ComponentSpec, microgrid_id: MicrogridId) -> Component:
    component_id = to_client_component_id(spec.id)
    match spec.category:
        case ComponentCategory.GRID_CONNECTION_POINT:
            return GridConnectionPoint(
                id=component_id,
                microgrid_id=microgrid_id,
                name=spec.name,
                rated_fuse_current=0,
            )
        case ComponentCategory.METER:
            return Meter(id=component_id, microgrid_id=microgrid_id, name=spec.name)
        case ComponentCategory.INVERTER:
            return _inverter(spec, microgrid_id)
        case _:
            return _battery(spec, microgrid_id)


def scenario_component_graph(scenario: Scenario) -> ComponentGraph:
    """Build the component graph of a scenario, as the simulator would list it.

    Args:
        scenario: The scenario.

    Returns:
        The graph, validated as the SDK validates it.
    """
    microgrid_id = MicrogridId(scenario.microgrid.id)
    components = [_component(spec, microgrid_id) for spec in scenario.components]
    connections = [
        ComponentConnection(
            source=to_client_component_id(connection.source),
            destination=to_client_component_id(connection.destination),
        )
        for connection in scenario.connections
    ]
    return _validated_graph(
        components, connections, f"{scenario.source}: the component graph"
    )
