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
    """A change to what the components report, from the event on."""

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
    """A stop of the periodic samples; the streams stay open."""


@dataclass(frozen=True, kw_only=True)
class Resume(ComponentEvent):
    """A return of the periodic samples after a silence."""


@dataclass(frozen=True, kw_only=True)
class EndStream(ComponentEvent):
    """An end of the telemetry streams that are open at the event's time."""

    status: str
    """The gRPC status code name the streams end with, `OK` for a clean end."""


@enum.unique
class SampleTimeMode(enum.Enum):
    """The way a component stamps its samples."""

    LIVE = "live"
    """The wall-clock time when the sample is sent."""

    OFFSET = "offset"
    """The wall-clock time when the sample is sent, shifted by an offset."""

    FREEZE = "freeze"
    """The previous sample's timestamp, repeated (the wall-clock time if none was sent)."""

    OMIT = "omit"
    """No timestamp at all; the client reads the Unix epoch instead."""


@dataclass(frozen=True, kw_only=True)
class SampleTimeChange(ComponentEvent):
    """A change of the way the components stamp their samples, from the event on."""

    mode: SampleTimeMode
    """The new stamping mode."""

    offset: float = 0.0
    """The shift in seconds for `SampleTimeMode.OFFSET`; negative is in the past."""


@dataclass(frozen=True, kw_only=True)
class DuplicateSample(ComponentEvent):
    """A repeat of the last sample, with the same timestamp and values.

    Nothing is sent if the component has sent no sample yet.
    """


@dataclass(frozen=True, kw_only=True)
class OutOfOrderSample(ComponentEvent):
    """A sample stamped earlier than the last sample sent."""

    by: float | None = None
    """The shift back from the last sample's timestamp, in seconds, or `None` for
    one sample period."""


@dataclass(frozen=True, kw_only=True)
class PowerCommandRule(ComponentEvent):
    """A rule that makes power commands to the components fail or succeed."""

    fail: bool
    """Whether commands fail."""

    status: str = "FAILED_PRECONDITION"
    """The gRPC status code name failing commands end with."""


@dataclass(frozen=True, kw_only=True)
class ServerRestart(ScenarioEvent):
    """A restart of the whole server, which ends every stream."""

    downtime: float
    """The time the server stays down, in seconds."""
