# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""A simulated microgrid that plays scenario files."""

from ._errors import PowerCommandError, ScenarioError
from ._events import (
    ComponentEvent,
    DuplicateSample,
    EndStream,
    MetricUpdate,
    OutOfOrderSample,
    PowerCommandRule,
    Resume,
    SampleTimeChange,
    SampleTimeMode,
    ScenarioEvent,
    ServerRestart,
    Silence,
    TelemetryChange,
)
from ._loader import (
    FORMAT_VERSION,
    builtin_scenario_names,
    load_builtin_scenario,
    load_scenario,
    parse_scenario,
)
from ._scenario import (
    ComponentSpec,
    ConnectionSpec,
    Expectation,
    MetricValue,
    MicrogridSpec,
    Scenario,
    TelemetrySpec,
    TrackerSettings,
)

__all__ = [
    "FORMAT_VERSION",
    "ComponentEvent",
    "ComponentSpec",
    "ConnectionSpec",
    "DuplicateSample",
    "EndStream",
    "Expectation",
    "MetricUpdate",
    "MetricValue",
    "MicrogridSpec",
    "OutOfOrderSample",
    "PowerCommandError",
    "PowerCommandRule",
    "Resume",
    "SampleTimeChange",
    "SampleTimeMode",
    "Scenario",
    "ScenarioError",
    "ScenarioEvent",
    "ServerRestart",
    "Silence",
    "TelemetryChange",
    "TelemetrySpec",
    "TrackerSettings",
    "builtin_scenario_names",
    "load_builtin_scenario",
    "load_scenario",
    "parse_scenario",
]
