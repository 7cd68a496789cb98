# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Telemetry sources: where the actors open component telemetry streams."""

import warnings
from collections.abc import Iterable
from typing import Protocol

from frequenz.channels import Receiver
from frequenz.client.common.microgrid.components import ComponentId
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid import MicrogridApiClient
from frequenz.client.microgrid.component import ComponentDataSamples
from frequenz.client.microgrid.metrics import Metric

from ..health import ComponentKind

DEFAULT_INVERTER_METRICS: tuple[Metric, ...] = (Metric.AC_POWER_ACTIVE,)
"""The metrics streamed for inverters by default: AC active power."""

DEFAULT_BATTERY_METRICS: tuple[Metric, ...] = (
    Metric.DC_POWER,
    Metric.BATTERY_SOC_PCT,
    Metric.BATTERY_CAPACITY,
)
"""The metrics streamed for batteries by default: DC power, state of charge
and capacity."""


class TelemetrySource(Protocol):
    """Opens telemetry streams for components."""

    def open_stream(
        self, component_id: ElectricalComponentId, kind: ComponentKind
    ) -> Receiver[ComponentDataSamples]:
        """Open a new telemetry stream for one component.

        Args:
            component_id: The component to stream.
            kind: Whether the component is an inverter or a battery.

        Returns:
            A receiver of the component's samples.
        """
        ...  # pylint: disable=unnecessary-ellipsis


def to_client_component_id(component_id: ElectricalComponentId) -> ComponentId:
    """Convert an id to the id type that `MicrogridApiClient` 0.18 accepts.

    The client takes only the deprecated
    `frequenz.client.common.microgrid.components.ComponentId`, so the
    conversion (and its deprecation warning) is kept to this one place.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return ComponentId(int(component_id))


class MicrogridClientTelemetrySource:
    """Opens telemetry streams through a `MicrogridApiClient`."""

    def __init__(
        self,
        client: MicrogridApiClient,
        *,
        inverter_metrics: Iterable[Metric] = DEFAULT_INVERTER_METRICS,
        battery_metrics: Iterable[Metric] = DEFAULT_BATTERY_METRICS,
        buffer_size: int = 50,
    ) -> None:
        """Create a source that streams through a client.

        Args:
            client: A connected Microgrid API client.
            inverter_metrics: The metrics to stream for inverters.
            battery_metrics: The metrics to stream for batteries.
            buffer_size: How many samples each receiver buffers before the
                oldest are dropped.
        """
        self._client = client
        self._metrics = {
            ComponentKind.INVERTER: tuple(inverter_metrics),
            ComponentKind.BATTERY: tuple(battery_metrics),
        }
        self._buffer_size = buffer_size

    def open_stream(
        self, component_id: ElectricalComponentId, kind: ComponentKind
    ) -> Receiver[ComponentDataSamples]:
        """Open a new telemetry stream for one component through the client.

        Args:
            component_id: The component to stream.
            kind: Whether the component is an inverter or a battery.

        Returns:
            A new receiver on the client's stream for that component.
        """
        self._drop_finished_stream(component_id)
        return self._client.receive_component_data_samples_stream(
            to_client_component_id(component_id),
            self._metrics[kind],
            buffer_size=self._buffer_size,
        )

    def _drop_finished_stream(self, component_id: ElectricalComponentId) -> None:
        # NOTE: MicrogridApiClient 0.18 caches one stream per component and
        # metric set, and keeps it after the server ends it with status OK;
        # every later receiver from it is stopped at once. Dropping the finished
        # stream from that (private) cache makes the next call open a new one.
        # Without the cache attribute this does nothing and a stream ended
        # with OK stays ended.
        streams = getattr(self._client, "_component_data_broadcasters", None)
        if not isinstance(streams, dict):
            return
        prefix = f"{int(component_id)}-"
        for key, stream in list(streams.items()):
            if key.startswith(prefix) and not getattr(stream, "is_running", True):
                del streams[key]
