# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Builders of telemetry samples for tests, shaped like the client's messages."""

import warnings
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from frequenz.client.common.microgrid.components import ComponentId
from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentErrorCode,
    ComponentStateCode,
    ComponentStateSample,
)
from frequenz.client.microgrid.metrics import Bounds, Metric, MetricSample

START_UTC = datetime(2026, 1, 1, tzinfo=UTC)
"""The wall-clock time at loop time 0 in fake-time tests."""

INVERTER_HEALTHY = (ComponentStateCode.READY,)
BATTERY_HEALTHY = (ComponentStateCode.READY, ComponentStateCode.RELAY_CLOSED)


def client_id(component_id: int) -> ComponentId:
    """Return the client's (deprecated) id type, as the client itself builds it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return ComponentId(component_id)


def utc_at(loop_time_s: float) -> datetime:
    """Return the fake wall-clock time at a loop time."""
    return START_UTC + timedelta(seconds=loop_time_s)


def make_sample(
    component_id: int,
    *,
    sampled_at: datetime,
    states: Iterable[ComponentStateCode | int] = INVERTER_HEALTHY,
    errors: Iterable[ComponentErrorCode | int] = (),
    warnings_: Iterable[ComponentErrorCode | int] = (),
    power_w: float | None = 1000.0,
    bounds_w: tuple[float, float] | None = (-5000.0, 5000.0),
    with_state: bool = True,
) -> ComponentDataSamples:
    """Build one sample with an AC active power metric and one state sample."""
    metrics = []
    if power_w is not None:
        bounds = (
            [] if bounds_w is None else [Bounds(lower=bounds_w[0], upper=bounds_w[1])]
        )
        metrics.append(
            MetricSample(
                sampled_at=sampled_at,
                metric=Metric.AC_POWER_ACTIVE,
                value=power_w,
                bounds=bounds,
            )
        )
    state_samples = []
    if with_state:
        state_samples.append(
            ComponentStateSample(
                sampled_at=sampled_at,
                states=frozenset(states),
                warnings=frozenset(warnings_),
                errors=frozenset(errors),
            )
        )
    return ComponentDataSamples(
        component_id=client_id(component_id),
        metric_samples=metrics,
        states=state_samples,
    )
