# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The exception raised for bounds that cannot be used."""

from .._errors import TelemetryTrackerError


class InvalidBoundsError(TelemetryTrackerError, ValueError):
    """Bounds are missing or invalid: NaN, infinite, or lower above upper.

    The message names the offending bounds and what was expected.
    """
