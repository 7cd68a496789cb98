# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The SDK's own battery status tracking, fed in-process for B3.

The SDK's `BatteryStatusTracker` takes no receivers: it looks up the
adjacent inverter in the component graph and opens both telemetry streams
through the API client, both found through the SDK's connection-manager
singleton. So this module touches SDK internals, and only these:

- it imports `ComponentPoolStatusTracker` and `BatteryStatusTracker` from
  the private package `frequenz.sdk.microgrid._power_distributing`;
- it sets the private singleton
  `frequenz.sdk.microgrid.connection_manager._CONNECTION_MANAGER` to an
  in-process `ConnectionManager` whose client streams from local channels,
  and restores the previous value afterwards.

Everything else goes through the trackers' constructor arguments.
"""

from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from datetime import timedelta

from frequenz.channels import BroadcastChannel, BroadcastReceiver, Receiver
from frequenz.client.common.microgrid import MicrogridId
from frequenz.client.common.microgrid.components import ComponentId
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid import Location, MicrogridApiClient
from frequenz.client.microgrid.component import (
    BatteryInverter,
    Component,
    ComponentConnection,
    ComponentDataSamples,
    GridConnectionPoint,
    LiIonBattery,
)
from frequenz.client.microgrid.metrics import Metric
from frequenz.sdk.microgrid import connection_manager
from frequenz.sdk.microgrid._power_distributing._component_pool_status_tracker import (
    ComponentPoolStatusTracker,
)
from frequenz.sdk.microgrid._power_distributing._component_status import (
    BatteryStatusTracker,
    ComponentPoolStatus,
)
from frequenz.sdk.microgrid.component_graph import ComponentGraph
from typing_extensions import override

from frequenz.telemetry_tracker.client import to_client_component_id

_GRID_ID = 1_000_000
_UNUSED_URL = "grpc://127.0.0.1:1"
"""A loopback address for the client that is never connected."""


def _client_id(component_id: int) -> ComponentId:
    return to_client_component_id(ElectricalComponentId(component_id))


class _InProcessClient(MicrogridApiClient):
    """A client that streams from local channels and never connects."""

    def __init__(self, receivers: Mapping[int, Receiver[ComponentDataSamples]]) -> None:
        super().__init__(_UNUSED_URL, connect=False)
        self._stream_receivers = dict(receivers)

    @override
    def receive_component_data_samples_stream(
        self,
        component: ComponentId | Component,
        metrics: Iterable[Metric | int],
        *,
        buffer_size: int = 50,
    ) -> Receiver[ComponentDataSamples]:
        component_id = component.id if isinstance(component, Component) else component
        return self._stream_receivers.pop(int(component_id))


class _InProcessConnectionManager(connection_manager.ConnectionManager):
    """A connection manager with a fixed graph and the in-process client."""

    def __init__(self, client: MicrogridApiClient, graph: ComponentGraph) -> None:
        super().__init__(_UNUSED_URL)
        self._client = client
        self._graph = graph

    @property
    @override
    def api_client(self) -> MicrogridApiClient:
        return self._client

    @property
    @override
    def component_graph(self) -> ComponentGraph:
        return self._graph

    @property
    @override
    def microgrid_id(self) -> MicrogridId | None:
        return None

    @property
    @override
    def location(self) -> Location | None:
        return None

    @override
    async def _initialize(self) -> None:
        pass


def _graph(pairs: Iterable[tuple[int, int]]) -> ComponentGraph:
    """Build a grid connection point with one inverter-battery chain per pair."""
    microgrid_id = MicrogridId(1)
    grid_id = _client_id(_GRID_ID)
    components: set[Component] = {
        GridConnectionPoint(
            id=grid_id, microgrid_id=microgrid_id, rated_fuse_current=1000
        )
    }
    connections = set()
    for inverter, battery in pairs:
        inverter_id, battery_id = _client_id(inverter), _client_id(battery)
        components.add(BatteryInverter(id=inverter_id, microgrid_id=microgrid_id))
        components.add(LiIonBattery(id=battery_id, microgrid_id=microgrid_id))
        connections.add(ComponentConnection(source=grid_id, destination=inverter_id))
        connections.add(ComponentConnection(source=inverter_id, destination=battery_id))
    return ComponentGraph(components, connections)


@asynccontextmanager
async def sdk_battery_tracking(
    pairs: Iterable[tuple[int, int]],
    receivers: Mapping[int, Receiver[ComponentDataSamples]],
    *,
    max_data_age: timedelta,
) -> AsyncIterator[BroadcastReceiver[ComponentPoolStatus]]:
    """Run the SDK's battery pool status tracking on in-process telemetry.

    Args:
        pairs: (inverter id, battery id) of each inverter-battery pair.
        receivers: One telemetry receiver per component, by component id.
        max_data_age: How old the latest sample may get before the SDK
            marks its component not working.

    Yields:
        The receiver of the pool status, which the SDK sends on every change.
    """
    pairs = list(pairs)
    manager = _InProcessConnectionManager(_InProcessClient(receivers), _graph(pairs))
    previous = connection_manager._CONNECTION_MANAGER  # pylint: disable=protected-access
    connection_manager._CONNECTION_MANAGER = manager  # pylint: disable=protected-access
    status_sender, status_receiver = BroadcastChannel[ComponentPoolStatus](
        "sdk-battery-pool-status", limit=1, warn_on_overflow=False
    )
    tracker = ComponentPoolStatusTracker(
        component_ids={_client_id(battery) for _, battery in pairs},
        component_status_sender=status_sender,
        max_data_age=max_data_age,
        max_blocking_duration=timedelta(seconds=30),
        component_status_tracker_type=BatteryStatusTracker,
    )
    try:
        yield status_receiver
    finally:
        await tracker.stop()
        connection_manager._CONNECTION_MANAGER = previous  # pylint: disable=protected-access
