# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Per-component health tracking: the actor and its state machine."""

from ._actor import (
    ComponentTelemetryActor,
    TelemetryStreamFactory,
    WallClock,
    default_resubscribe_backoff,
    utc_now,
)
from ._health import ComponentHealth
from ._stats import ComponentStats
from ._tracker import ComponentHealthTracker, SampleOutcome, no_data_yet

__all__ = [
    "ComponentHealth",
    "ComponentHealthTracker",
    "ComponentStats",
    "ComponentTelemetryActor",
    "SampleOutcome",
    "TelemetryStreamFactory",
    "WallClock",
    "default_resubscribe_backoff",
    "no_data_yet",
    "utc_now",
]
