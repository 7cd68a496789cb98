# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The scenario timeline: at which time each component sends what.

The timeline is pure: it turns a component and the scenario's events into an
ordered sequence of steps in scenario time, with no clock and no I/O. The
player walks the same steps for the gRPC server and for the in-process
streams, so one scenario file gives the same samples both ways.
"""

import math
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Final

from frequenz.client.microgrid.component import ComponentErrorCode, ComponentStateCode
from frequenz.client.microgrid.metrics import Metric

from ._events import (
    ComponentEvent,
    DuplicateSample,
    EndStream,
    MetricUpdate,
    OutOfOrderSample,
    Resume,
    SampleTimeChange,
    SampleTimeMode,
    ScenarioEvent,
    Silence,
    TelemetryChange,
)
from ._scenario import ComponentSpec, MetricValue, TelemetrySpec

TIME_TOLERANCE: Final = 1e-9
"""Scenario times closer than this, in seconds, count as the same time, so
that rounding in `start + k * period` cannot reorder an event and a sample."""


@dataclass(frozen=True, kw_only=True)
class TelemetryValues:
    """The content of one sample apart from its timestamp."""

    states: tuple[ComponentStateCode | int, ...]
    """The state codes."""

    errors: tuple[ComponentErrorCode | int, ...]
    """The error codes."""

    warnings: tuple[ComponentErrorCode | int, ...]
    """The warning codes."""

    metrics: Mapping[Metric, MetricValue]
    """The metric values and bounds, read-only."""


@dataclass(frozen=True, kw_only=True)
class SampleTimeRule:
    """The stamping rule for the next samples."""

    mode: SampleTimeMode = SampleTimeMode.LIVE
    """The stamping mode."""

    offset: float = 0.0
    """The shift in seconds, used by `SampleTimeMode.OFFSET`."""


@dataclass(frozen=True, kw_only=True)
class SampleStep:
    """Send a periodic sample."""

    at: float
    """When, in seconds since the scenario started."""

    values: TelemetryValues
    """The sample's states, errors, warnings and metrics."""

    sample_time: SampleTimeRule
    """How to stamp it."""


@dataclass(frozen=True, kw_only=True)
class DuplicateStep:
    """Send the last sample again, unchanged."""

    at: float
    """When, in seconds since the scenario started."""


@dataclass(frozen=True, kw_only=True)
class OutOfOrderStep:
    """Send a sample stamped `by` seconds before the last sample."""

    at: float
    """When, in seconds since the scenario started."""

    values: TelemetryValues
    """The sample's states, errors, warnings and metrics."""

    by: float
    """How much earlier than the last sample's timestamp, in seconds."""


@dataclass(frozen=True, kw_only=True)
class EndStep:
    """End the streams that are open."""

    at: float
    """When, in seconds since the scenario started."""

    status: str
    """The gRPC status code name, `OK` for a clean end."""


TimelineStep = SampleStep | DuplicateStep | OutOfOrderStep | EndStep
"""One thing a component does at one time."""


def component_steps(
    component: ComponentSpec, events: Iterable[ScenarioEvent]
) -> Iterator[TimelineStep]:
    """Generate what a component does, in time order.

    Periodic samples fall on a grid `anchor + k * period`, where the anchor is
    the telemetry start and moves to the time of each period change. A
    silence skips grid points without moving the grid. Events apply before a
    sample due at the same time, so a change at `t` shows in the sample at
    `t`, and a silence at `t` suppresses it.

    Args:
        component: The component.
        events: The scenario's events sorted by time; events for other
            components are skipped.

    Yields:
        The steps, in time order. The sequence is endless while the component
        sends periodic samples, and ends once it is silent with no event left.
    """
    own = deque(
        event
        for event in events
        if isinstance(event, ComponentEvent) and component.id in event.component_ids
    )
    if component.telemetry is None:
        yield from (
            EndStep(at=event.at, status=event.status)
            for event in own
            if isinstance(event, EndStream)
        )
        return

    state = _ComponentState(component.telemetry)
    while True:
        sample_at = state.next_sample_at()
        if own and own[0].at <= sample_at + TIME_TOLERANCE:
            step = state.apply(own.popleft())
            if step is not None:
                yield step
        elif not state.silent:
            yield SampleStep(at=sample_at, values=state.values, sample_time=state.rule)
            state.index += 1
        elif own:
            state.skip_to(own[0].at)
        else:
            return


class _ComponentState:
    """The mutable state of one component while its timeline is generated."""

    def __init__(self, telemetry: TelemetrySpec) -> None:
        self.values = TelemetryValues(
            states=telemetry.states,
            errors=telemetry.errors,
            warnings=telemetry.warnings,
            metrics=telemetry.metrics,
        )
        self.period = telemetry.period
        self.anchor = telemetry.start
        self.index = 0
        self.silent = False
        self.rule = SampleTimeRule()

    def next_sample_at(self) -> float:
        """Return the time of the next grid point, rounded to the nanosecond."""
        return round(self.anchor + self.index * self.period, 9)

    def skip_to(self, at: float) -> None:
        """Move to the first grid point at or after `at`."""
        steps = math.ceil((at - self.anchor) / self.period - TIME_TOLERANCE)
        self.index = max(self.index, steps)

    def apply(self, event: ScenarioEvent) -> TimelineStep | None:
        """Apply one event, returning the step it sends right away, if any."""
        match event:
            case TelemetryChange():
                self._change(event)
            case Silence():
                self.silent = True
            case Resume():
                self.silent = False
            case SampleTimeChange(mode=mode, offset=offset):
                self.rule = SampleTimeRule(mode=mode, offset=offset)
            case EndStream(at=at, status=status):
                return EndStep(at=at, status=status)
            case DuplicateSample(at=at):
                return DuplicateStep(at=at)
            case OutOfOrderSample(at=at, by=by):
                return OutOfOrderStep(at=at, values=self.values, by=by or self.period)
        return None

    def _change(self, event: TelemetryChange) -> None:
        """Apply a `set` event; a period change restarts the grid at the event."""
        if event.period is not None:
            self.period = event.period
            self.anchor = event.at
            self.index = 0
        self.values = replace(
            self.values,
            states=self.values.states if event.states is None else event.states,
            errors=self.values.errors if event.errors is None else event.errors,
            warnings=self.values.warnings if event.warnings is None else event.warnings,
            metrics=merge_metrics(self.values.metrics, event.metrics),
        )


def merge_metrics(
    current: Mapping[Metric, MetricValue], updates: Mapping[Metric, MetricUpdate]
) -> Mapping[Metric, MetricValue]:
    """Apply metric updates to the current values.

    Args:
        current: The values before the update.
        updates: The changes; a field left at `None` keeps the current one.

    Returns:
        The new values, read-only.

    Raises:
        ValueError: If an update without a value names a metric the component
            does not report yet. The loader rejects such files, so this only
            happens with hand-built scenarios.
    """
    merged = dict(current)
    for metric, update in updates.items():
        previous = merged.get(metric)
        if previous is not None:
            merged[metric] = MetricValue(
                value=previous.value if update.value is None else update.value,
                bounds=previous.bounds if update.bounds is None else update.bounds,
            )
        elif update.value is not None:
            merged[metric] = MetricValue(value=update.value, bounds=update.bounds or ())
        else:
            raise ValueError(
                f"Invalid update of {metric.name}: the component does not report "
                "it yet, so the update needs a value"
            )
    return MappingProxyType(merged)
