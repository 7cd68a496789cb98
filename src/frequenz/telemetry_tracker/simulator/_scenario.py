# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The validated content of a scenario file."""

from collections.abc import Mapping
from dataclasses import dataclass

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import (
    BatteryType,
    ComponentCategory,
    ComponentErrorCode,
    ComponentStateCode,
    InverterType,
)
from frequenz.client.microgrid.metrics import Bounds, Metric

from ._events import ScenarioEvent


@dataclass(frozen=True, kw_only=True)
class MetricValue:
    """The value and bounds a component reports for one metric."""

    value: float
    """The value, in the metric's unit (W for power, % for state of charge)."""

    bounds: tuple[Bounds, ...] = ()
    """The bounds, in the metric's unit; a value is inside if any pair contains it."""


@dataclass(frozen=True, kw_only=True)
class TelemetrySpec:
    """The telemetry a component sends when the scenario starts."""

    period: float
    """The time between two periodic samples, in seconds."""

    start: float
    """When the first periodic sample is sent, in seconds since the start."""

    states: tuple[ComponentStateCode | int, ...]
    """The state codes; an `int` is a code the client does not know."""

    errors: tuple[ComponentErrorCode | int, ...]
    """The error codes."""

    warnings: tuple[ComponentErrorCode | int, ...]
    """The warning codes."""

    metrics: Mapping[Metric, MetricValue]
    """The metrics and their values, read-only."""


@dataclass(frozen=True, kw_only=True)
class ComponentSpec:
    """One electrical component of the simulated microgrid."""

    id: ElectricalComponentId
    """The component id."""

    category: ComponentCategory
    """The category: grid connection point, meter, inverter or battery."""

    name: str
    """The name listed by the server."""

    inverter_type: InverterType | None = None
    """The inverter type, set only for inverters."""

    battery_type: BatteryType | None = None
    """The battery type, set only for batteries."""

    telemetry: TelemetrySpec | None = None
    """The telemetry the component sends, or `None` if its stream never sends."""


@dataclass(frozen=True, kw_only=True)
class ConnectionSpec:
    """An electrical connection, directed away from the grid."""

    source: ElectricalComponentId
    """The component closer to the grid."""

    destination: ElectricalComponentId
    """The component further from the grid."""


@dataclass(frozen=True, kw_only=True)
class MicrogridSpec:
    """The microgrid-wide values the server returns from `GetMicrogrid`."""

    id: int = 1
    """The microgrid id."""

    enterprise_id: int = 1
    """The id of the enterprise that owns the microgrid."""

    name: str = "simulated microgrid"
    """The microgrid name."""


@dataclass(frozen=True, kw_only=True)
class TrackerSettings:
    """Tracker settings that the scenario's expectations assume."""

    missing_data_tolerance: float | None = None
    """The time, in seconds of loop time, a component may send nothing before
    it counts as missing data, or `None` for the tracker's default."""


@dataclass(frozen=True, kw_only=True)
class Expectation:
    """The health a component should have at a given time."""

    at: float
    """When to check, in seconds since the scenario started."""

    component_id: ElectricalComponentId
    """The component to check."""

    healthy: bool
    """Whether the component should be healthy."""

    reason: str | None = None
    """For an unhealthy component, one reason it should be unhealthy for, as an
    `UnhealthyReason` value such as `missing_data`, or `None` for any."""


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A simulated microgrid and a script of what its components report."""

    name: str
    """A short name, by default the file name without its extension."""

    description: str
    """A description of what the scenario shows, possibly empty."""

    source: str
    """The file the scenario was read from, or a placeholder for text."""

    format_version: int
    """The version of the file format."""

    duration: float
    """The length of a run of the scenario, in seconds.

    Streams keep sending after this time, with the last values. A runner
    stops at this time.
    """

    microgrid: MicrogridSpec
    """The microgrid-wide values the server returns."""

    tracker: TrackerSettings
    """Tracker settings the expectations assume."""

    components: tuple[ComponentSpec, ...]
    """The components, in file order."""

    connections: tuple[ConnectionSpec, ...]
    """The connections, in file order."""

    events: tuple[ScenarioEvent, ...]
    """The scripted events, sorted by time; events at the same time keep their
    file order."""

    expectations: tuple[Expectation, ...]
    """The expected health checks, sorted by time."""

    def component(self, component_id: ElectricalComponentId) -> ComponentSpec:
        """Look up a component by id.

        Args:
            component_id: The component id.

        Returns:
            The component.

        Raises:
            KeyError: If the scenario has no such component.
        """
        for component in self.components:
            if component.id == component_id:
                return component
        raise KeyError(component_id)
