# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Exceptions raised by the telemetry tracker."""


class TelemetryTrackerError(Exception):
    """Base class of every exception this package raises on purpose."""


class ConfigurationError(TelemetryTrackerError, ValueError):
    """A configuration value is invalid.

    Raised at construction time; the message names the value and what was
    expected.
    """
