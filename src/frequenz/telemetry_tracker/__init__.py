# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Health tracking for inverter-battery groups.

Give an [`InverterBatteryGroupActor`][frequenz.telemetry_tracker.InverterBatteryGroupActor]
a group and a telemetry source; it starts one
[`ComponentTelemetryActor`][frequenz.telemetry_tracker.ComponentTelemetryActor]
per component and publishes an
[`InverterBatteryGroupStatus`][frequenz.telemetry_tracker.InverterBatteryGroupStatus]:
which components are healthy, which are not and why, and what each last
reported.
"""

from ._errors import ConfigurationError, TelemetryTrackerError
from .bounds import PoolBounds, PoolBoundsActor
from .client import MicrogridClientTelemetrySource, TelemetrySource
from .component import ComponentHealth, ComponentTelemetryActor
from .group import (
    InverterBatteryGroup,
    InverterBatteryGroupActor,
    InverterBatteryGroupStatus,
)
from .health import ComponentKind, HealthPolicy, StateCodeRules, UnhealthyReason
from .pool import InverterBatteryPoolActor, InverterBatteryPoolStatus, discover_groups

__all__ = [
    "ComponentHealth",
    "ComponentKind",
    "ComponentTelemetryActor",
    "ConfigurationError",
    "HealthPolicy",
    "InverterBatteryGroup",
    "InverterBatteryGroupActor",
    "InverterBatteryGroupStatus",
    "InverterBatteryPoolActor",
    "InverterBatteryPoolStatus",
    "MicrogridClientTelemetrySource",
    "PoolBounds",
    "PoolBoundsActor",
    "StateCodeRules",
    "TelemetrySource",
    "TelemetryTrackerError",
    "UnhealthyReason",
    "discover_groups",
]
