# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Telemetry sources, among them the adapter over `MicrogridApiClient`."""

from ._source import (
    DEFAULT_BATTERY_METRICS,
    DEFAULT_INVERTER_METRICS,
    MicrogridClientTelemetrySource,
    TelemetrySource,
    to_client_component_id,
)

__all__ = [
    "DEFAULT_BATTERY_METRICS",
    "DEFAULT_INVERTER_METRICS",
    "MicrogridClientTelemetrySource",
    "TelemetrySource",
    "to_client_component_id",
]
