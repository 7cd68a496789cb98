# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""A telemetry source over a scenario replayed in-process."""

from frequenz.channels import Receiver
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from ..client import DEFAULT_BATTERY_METRICS, DEFAULT_INVERTER_METRICS
from ..health import ComponentKind
from ..simulator import ScenarioStreams


class ScenarioTelemetrySource:
    """Opens streams on a `ScenarioStreams`, with the metrics the client source asks for."""

    def __init__(self, streams: ScenarioStreams) -> None:
        """Create a source over started scenario streams."""
        self._streams = streams

    def open_stream(
        self, component_id: ElectricalComponentId, kind: ComponentKind
    ) -> Receiver[ComponentDataSamples]:
        """Subscribe to a component's replayed telemetry.

        Args:
            component_id: The component to stream.
            kind: Whether the component is an inverter or a battery.

        Returns:
            A new receiver of the component's samples.
        """
        metrics = (
            DEFAULT_INVERTER_METRICS
            if kind is ComponentKind.INVERTER
            else DEFAULT_BATTERY_METRICS
        )
        return self._streams.new_receiver(component_id, metrics)
