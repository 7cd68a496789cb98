# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Health timelines of scenario runs, drawn with matplotlib if it is installed.

The package imports without matplotlib; drawing needs it, and raises
[`MissingPlotDependencyError`][frequenz.telemetry_tracker.plot.MissingPlotDependencyError]
naming `pip install 'frequenz-telemetry-tracker[plot]'` when it is missing.
"""

from ._errors import INSTALL_COMMAND, MissingPlotDependencyError, require_matplotlib
from ._figure import save_timeline_plot, timeline_figure
from ._style import HEALTHY_COLOR, REASON_COLORS, REJECTION_MARKERS
from ._timeline import (
    ComponentTimeline,
    GroupTimeline,
    HealthSpan,
    build_timelines,
)

__all__ = [
    "HEALTHY_COLOR",
    "INSTALL_COMMAND",
    "REASON_COLORS",
    "REJECTION_MARKERS",
    "ComponentTimeline",
    "GroupTimeline",
    "HealthSpan",
    "MissingPlotDependencyError",
    "build_timelines",
    "require_matplotlib",
    "save_timeline_plot",
    "timeline_figure",
]
