# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Samples shaped like the client's `ComponentDataSamples`."""

from datetime import UTC, datetime, timedelta

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentStateCode,
    ComponentStateSample,
)
from frequenz.client.microgrid.metrics import Bounds, Metric, MetricSample

from frequenz.telemetry_tracker import ComponentKind
from frequenz.telemetry_tracker.client import to_client_component_id

INVERTER_HEALTHY = frozenset({ComponentStateCode.READY})
"""State codes of a healthy inverter under the default policy."""

BATTERY_HEALTHY = frozenset({ComponentStateCode.READY, ComponentStateCode.RELAY_CLOSED})
"""State codes of a healthy battery under the default policy."""

_ONE_MICROSECOND = timedelta(microseconds=1)
_POWER_BOUNDS = [Bounds(lower=-10_000.0, upper=10_000.0)]


def _metric_samples(kind: ComponentKind, sampled_at: datetime) -> list[MetricSample]:
    """Build the metrics the client streams by default for a kind of component."""
    if kind is ComponentKind.INVERTER:
        return [
            MetricSample(
                sampled_at=sampled_at,
                metric=Metric.AC_POWER_ACTIVE,
                value=1_000.0,
                bounds=_POWER_BOUNDS,
            )
        ]
    return [
        MetricSample(
            sampled_at=sampled_at,
            metric=Metric.DC_POWER,
            value=1_000.0,
            bounds=_POWER_BOUNDS,
        ),
        MetricSample(
            sampled_at=sampled_at,
            metric=Metric.BATTERY_SOC_PCT,
            value=50.0,
            bounds=[Bounds(lower=10.0, upper=90.0)],
        ),
        MetricSample(
            sampled_at=sampled_at,
            metric=Metric.BATTERY_CAPACITY,
            value=20_000.0,
            bounds=[],
        ),
    ]


class SampleFactory:
    """Builds samples like the client's `ComponentDataSamples`.

    Sample times follow the host's wall clock but never repeat, because the
    tracker ignores a sample whose time equals the previous one's.
    """

    def __init__(self) -> None:
        """Create a factory whose first sample time is the current time."""
        self._latest_utc = datetime.now(UTC) - _ONE_MICROSECOND

    def next_time(self) -> datetime:
        """Return the next sample time: now, or 1 µs after the previous one."""
        self._latest_utc = max(datetime.now(UTC), self._latest_utc + _ONE_MICROSECOND)
        return self._latest_utc

    def sample(
        self,
        component_id: int,
        kind: ComponentKind,
        states: frozenset[ComponentStateCode] | None = None,
    ) -> ComponentDataSamples:
        """Build one sample with the default metrics and one state sample.

        Args:
            component_id: The component the sample is from.
            kind: Whether it is an inverter or a battery.
            states: The state codes; healthy ones for the kind if `None`.

        Returns:
            A sample stamped with the next sample time.
        """
        if states is None:
            states = (
                INVERTER_HEALTHY if kind is ComponentKind.INVERTER else BATTERY_HEALTHY
            )
        sampled_at = self.next_time()
        return ComponentDataSamples(
            component_id=to_client_component_id(ElectricalComponentId(component_id)),
            metric_samples=_metric_samples(kind, sampled_at),
            states=[
                ComponentStateSample(
                    sampled_at=sampled_at,
                    states=frozenset(states),
                    warnings=frozenset(),
                    errors=frozenset(),
                )
            ],
        )
