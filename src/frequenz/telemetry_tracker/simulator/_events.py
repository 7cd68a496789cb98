# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Scripted scenario events: what changes at a given time."""

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentErrorCode, ComponentStateCode
from frequenz.client.microgrid.metrics import Bounds, Metric


@dataclass(frozen=True, kw_only=True)
class ScenarioEvent:
    """Base class of every scripted event."""

    at: float
    """When the event happens, in seconds since the scenario started."""


@dataclass(frozen=True, kw_only=True)
class ComponentEvent(ScenarioEvent):
    """An event that applies to some components."""

    component_ids: tuple[ElectricalComponentId, ...]
    """The components the event applies to."""


@dataclass(frozen=True, kw_only=True)
class MetricUpdate:
    """A change to one metric; a field left at `None` keeps its current value."""

    value: float | None = None
    """The new value, in the metric's unit, or `None` to keep the current one."""

    bounds: tuple[Bounds, ...] | None = None
    """The new bounds, or `None` to keep the current ones."""


@dataclass(frozen=True, kw_only=True)
class TelemetryChange(ComponentEvent):
    """Change what the components report from now on."""

    period: float | None = None
    """The new sample period in seconds, or `None` to keep the current one."""

    states: tuple[ComponentStateCode | int, ...] | None = None
    """The new state codes, or `None` to keep the current ones."""

    errors: tuple[ComponentErrorCode | int, ...] | None = None
    """The new error codes, or `None` to keep the current ones."""

    warnings: tuple[ComponentErrorCode | int, ...] | None = None
    """The new warning codes, or `None` to keep the current ones."""

    metrics: Mapping[Metric, MetricUpdate]
    """The metrics that change; the others keep their values and bounds."""


@dataclass(frozen=True, kw_only=True)
class Silence(ComponentEvent):
    """Stop sending periodic samples, keeping the streams open."""


@dataclass(frozen=True, kw_only=True)
class Resume(ComponentEvent):
    """Send periodic samples again after a silence."""


@dataclass(frozen=True, kw_only=True)
class EndStream(ComponentEvent):
    """End the telemetry streams that are open at this time."""

    status: str
    """The gRPC status code name the streams end with, `OK` for a clean end."""


@enum.unique
class SampleTimeMode(enum.Enum):
    """How a component stamps its samples."""

    LIVE = "live"
    """The wall-clock time when the sample is sent."""

    OFFSET = "offset"
    """The wall-clock time when the sample is sent, shifted by an offset."""

    FREEZE = "freeze"
    """The time of the last sample sent before the freeze, repeated."""

    OMIT = "omit"
    """No timestamp at all; the client reads the Unix epoch instead."""


@dataclass(frozen=True, kw_only=True)
class SampleTimeChange(ComponentEvent):
    """Change how the components stamp their samples from now on."""

    mode: SampleTimeMode
    """The new stamping mode."""

    offset: float = 0.0
    """The shift in seconds for `SampleTimeMode.OFFSET`; negative is in the past."""


@dataclass(frozen=True, kw_only=True)
class DuplicateSample(ComponentEvent):
    """Send the last sample again, with the same timestamp and values.

    Nothing is sent if the component has sent no sample yet.
    """


@dataclass(frozen=True, kw_only=True)
class OutOfOrderSample(ComponentEvent):
    """Send a sample stamped earlier than the last sample sent."""

    by: float | None = None
    """How much earlier, in seconds, or `None` for one sample period."""


@dataclass(frozen=True, kw_only=True)
class PowerCommandRule(ComponentEvent):
    """Make power commands to the components fail or succeed from now on."""

    fail: bool
    """Whether commands fail."""

    status: str = "FAILED_PRECONDITION"
    """The gRPC status code name failing commands end with."""


@dataclass(frozen=True, kw_only=True)
class ServerRestart(ScenarioEvent):
    """Stop the whole server, ending every stream, and start it again."""

    downtime: float
    """How long the server stays down, in seconds."""
