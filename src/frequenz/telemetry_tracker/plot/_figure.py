# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Drawing of a run's health timeline on matplotlib's Agg canvas."""

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..health import UnhealthyReason
from ..runner import ScenarioRun
from ._errors import require_matplotlib
from ._style import (
    HEALTHY_COLOR,
    NOT_USABLE_HATCH,
    REASON_COLORS,
    REJECTION_LABELS,
    REJECTION_MARKERS,
)
from ._timeline import ComponentTimeline, GroupTimeline, build_timelines

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# The layout is fixed in pixels, so the image size depends only on the
# number of groups, components and legend entries.
_DPI = 100
_WIDTH_PX = 1200
_LEFT_PX = 150
_RIGHT_PX = 24
_TITLE_PX = 56
_AXIS_PX = 48
_LEGEND_ROW_PX = 24
_LEGEND_PAD_PX = 12
_LEGEND_COLUMNS = 4
_GROUP_LABEL_PX = 28
_USABLE_PX = 16
_ROW_PX = 34
_BAND_FRACTION = 0.7
_MARKER_SIZE = 42.0
_USABLE_LABEL = "group usable"


def _content_px(timelines: tuple[GroupTimeline, ...]) -> int:
    return sum(
        _GROUP_LABEL_PX + _USABLE_PX + _ROW_PX * len(group.components)
        for group in timelines
    )


def _draw_component(axes: "Axes", component: ComponentTimeline, center: float) -> None:
    """Draw a component's spans, striped when unhealthy for several reasons."""
    band = _ROW_PX * _BAND_FRACTION
    for span in component.spans:
        width = span.end_s - span.start_s
        if span.is_healthy:
            axes.barh(
                center, width, left=span.start_s, height=band, color=HEALTHY_COLOR
            )
            continue
        reasons = [reason for reason in UnhealthyReason if reason in span.reasons]
        stripe = band / len(reasons)
        for index, reason in enumerate(reasons):
            axes.barh(
                center - band / 2 + stripe * (index + 0.5),
                width,
                left=span.start_s,
                height=stripe,
                color=REASON_COLORS[reason],
            )
    for cause, marker in REJECTION_MARKERS.items():
        times = [r.at_s for r in component.rejections if r.cause is cause]
        if times:
            axes.scatter(
                times,
                [center] * len(times),
                marker=marker,
                s=_MARKER_SIZE,
                facecolors="white",
                edgecolors="black",
                linewidths=1.0,
                zorder=3,
            )


def _draw_group(
    axes: "Axes", timeline: GroupTimeline, number: int, top: float, end_s: float
) -> list[tuple[float, str]]:
    """Draw a group's label, usability strip and component rows.

    Returns:
        The y position and label of each row, for the tick labels.
    """
    axes.axhline(top, color="#404040", linewidth=1.0)
    axes.text(
        0.005,
        top + _GROUP_LABEL_PX / 2,
        f"group {number}: {timeline.group}",
        transform=axes.get_yaxis_transform(),
        va="center",
        fontweight="bold",
        fontsize=10,
    )
    usable_center = top + _GROUP_LABEL_PX + _USABLE_PX / 2
    strip = _USABLE_PX * 0.75
    axes.barh(
        usable_center,
        end_s,
        left=0.0,
        height=strip,
        color="white",
        edgecolor="#808080",
        hatch=NOT_USABLE_HATCH,
        linewidth=0.0,
    )
    for start_s, stop_s in timeline.usable_spans:
        axes.barh(
            usable_center,
            stop_s - start_s,
            left=start_s,
            height=strip,
            color=HEALTHY_COLOR,
        )
    ticks = [(usable_center, _USABLE_LABEL)]

    row_top = top + _GROUP_LABEL_PX + _USABLE_PX
    for index, component in enumerate(timeline.components):
        center = row_top + _ROW_PX * (index + 0.5)
        _draw_component(axes, component, center)
        ticks.append((center, f"{component.kind.value} {component.component_id}"))
    return ticks


def _legend_handles(timelines: tuple[GroupTimeline, ...]) -> list[Any]:
    """Build legend entries for healthy, the reasons seen, usability and markers."""
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    components = [c for group in timelines for c in group.components]
    seen_reasons = {r for c in components for span in c.spans for r in span.reasons}
    seen_causes = {r.cause for c in components for r in c.rejections}
    handles: list[Any] = [Patch(color=HEALTHY_COLOR, label="healthy / usable")]
    handles += [
        Patch(color=REASON_COLORS[reason], label=reason.value)
        for reason in UnhealthyReason
        if reason in seen_reasons
    ]
    handles.append(
        Patch(
            facecolor="white",
            edgecolor="#808080",
            hatch=NOT_USABLE_HATCH,
            label="group not usable",
        )
    )
    handles += [
        Line2D(
            [],
            [],
            marker=marker,
            linestyle="none",
            markerfacecolor="white",
            markeredgecolor="black",
            markersize=7,
            label=REJECTION_LABELS[cause],
        )
        for cause, marker in REJECTION_MARKERS.items()
        if cause in seen_causes
    ]
    return handles


def _figure_height_px(content_px: int, legend_entries: int) -> int:
    legend_rows = math.ceil(legend_entries / _LEGEND_COLUMNS)
    legend_px = legend_rows * _LEGEND_ROW_PX + _LEGEND_PAD_PX
    return _TITLE_PX + content_px + _AXIS_PX + legend_px


def _format_axes(
    axes: "Axes", ticks: list[tuple[float, str]], content_px: int, end_s: float
) -> None:
    """Set the axes' limits, row labels, time ticks and grid."""
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415

    axes.set_xlim(0.0, end_s)
    axes.set_ylim(content_px, 0.0)
    axes.set_yticks([y for y, _ in ticks], [label for _, label in ticks])
    axes.tick_params(axis="y", length=0)
    for label in axes.get_yticklabels():
        if label.get_text() == _USABLE_LABEL:
            label.set_fontstyle("italic")
            label.set_color("#404040")
    axes.xaxis.set_major_locator(MaxNLocator(nbins=15, steps=[1, 2, 5, 10]))
    axes.grid(axis="x", color="#d0d0d0", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_xlabel("time since the scenario started (s)")


def _add_title(figure: "Figure", run: ScenarioRun, height_px: int) -> None:
    """Write the scenario's name and, below it, its description."""
    figure.text(
        _LEFT_PX / _WIDTH_PX,
        1 - 18 / height_px,
        run.scenario.name,
        fontsize=12,
        fontweight="bold",
        va="center",
    )
    if run.scenario.description:
        figure.text(
            _LEFT_PX / _WIDTH_PX,
            1 - 40 / height_px,
            run.scenario.description,
            fontsize=9,
            color="#404040",
            va="center",
        )


def timeline_figure(run: ScenarioRun) -> "Figure":
    """Draw a run's health timeline: one row per component, grouped.

    Args:
        run: A finished scenario run.

    Returns:
        The figure, on an Agg canvas, 1200 pixels wide at 100 dpi.

    Raises:
        MissingPlotDependencyError: If matplotlib cannot be imported.
    """
    require_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    timelines = build_timelines(run)
    handles = _legend_handles(timelines)
    content_px = _content_px(timelines)
    height_px = _figure_height_px(content_px, len(handles))
    bottom_px = height_px - _TITLE_PX - content_px
    figure = Figure(figsize=(_WIDTH_PX / _DPI, height_px / _DPI), dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes(
        (
            _LEFT_PX / _WIDTH_PX,
            bottom_px / height_px,
            (_WIDTH_PX - _LEFT_PX - _RIGHT_PX) / _WIDTH_PX,
            content_px / height_px,
        )
    )

    ticks: list[tuple[float, str]] = []
    top = 0.0
    for number, timeline in enumerate(timelines, start=1):
        ticks += _draw_group(axes, timeline, number, top, run.duration_s)
        top += _GROUP_LABEL_PX + _USABLE_PX + _ROW_PX * len(timeline.components)
    _format_axes(axes, ticks, content_px, run.duration_s)

    _add_title(figure, run, height_px)
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(_LEFT_PX / _WIDTH_PX, (bottom_px - _AXIS_PX) / height_px),
        ncol=_LEGEND_COLUMNS,
        frameon=False,
        fontsize=9,
    )
    return figure


def save_timeline_plot(run: ScenarioRun, path: str | Path) -> None:
    """Draw a run's health timeline and write it as a PNG image.

    Args:
        run: A finished scenario run.
        path: The file to write; it is replaced if it exists.

    Raises:
        MissingPlotDependencyError: If matplotlib cannot be imported.
    """
    figure = timeline_figure(run)
    figure.savefig(path, format="png", dpi=_DPI)
