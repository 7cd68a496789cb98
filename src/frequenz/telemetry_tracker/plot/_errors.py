# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The error raised when a plot is requested and matplotlib is not installed."""

from .._errors import TelemetryTrackerError

INSTALL_COMMAND = "pip install 'frequenz-telemetry-tracker[plot]'"
"""The command that installs what plotting needs."""


class MissingPlotDependencyError(TelemetryTrackerError, ImportError):
    """matplotlib, which plotting needs, cannot be imported."""


def require_matplotlib() -> None:
    """Check that matplotlib and its Agg canvas can be imported.

    Raises:
        MissingPlotDependencyError: If they cannot; the message names the
            command that installs them.
    """
    try:
        import matplotlib.backends.backend_agg  # noqa: PLC0415
        import matplotlib.figure  # noqa: F401, PLC0415
    except ImportError as error:
        raise MissingPlotDependencyError(
            f"plotting failed: matplotlib cannot be imported ({error}). "
            f"Install it with: {INSTALL_COMMAND}"
        ) from error
