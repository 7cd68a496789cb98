# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Builders of samples, component health and group statuses that carry bounds."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentStateCode,
    ComponentStateSample,
)
from frequenz.client.microgrid.metrics import Bounds, Metric, MetricSample
from frequenz.quantities import Power
from frequenz.sdk.timeseries import Bounds as PowerBounds

from frequenz.telemetry_tracker import (
    ComponentHealth,
    ComponentKind,
    InverterBatteryGroup,
    InverterBatteryGroupStatus,
    UnhealthyReason,
)
from frequenz.telemetry_tracker.pool import InverterBatteryPoolStatus

from ..samples import BATTERY_HEALTHY, INVERTER_HEALTHY, START_UTC, client_id

Pairs = Sequence[tuple[float | None, float | None]]
"""Bounds as `(lower, upper)` pairs; `None` is an open end."""

METRIC_OF = {
    ComponentKind.INVERTER: Metric.AC_POWER_ACTIVE,
    ComponentKind.BATTERY: Metric.DC_POWER,
}
HEALTHY_STATES = {
    ComponentKind.INVERTER: INVERTER_HEALTHY,
    ComponentKind.BATTERY: BATTERY_HEALTHY,
}


def raw_bounds(lower: float | None, upper: float | None) -> Bounds:
    """Build client bounds without the client's check, as a faulty device could."""
    bounds = Bounds()
    object.__setattr__(bounds, "lower", lower)
    object.__setattr__(bounds, "upper", upper)
    return bounds


def power_sample(
    component_id: int,
    kind: ComponentKind,
    *bounds_per_metric_sample: Pairs,
    metric: Metric | None = None,
    sampled_at: datetime = START_UTC,
    states: Iterable[ComponentStateCode] | None = None,
) -> ComponentDataSamples:
    """Build a sample with one power metric sample per given list of bounds."""
    return ComponentDataSamples(
        component_id=client_id(component_id),
        metric_samples=[
            MetricSample(
                sampled_at=sampled_at,
                metric=metric or METRIC_OF[kind],
                value=0.0,
                bounds=[raw_bounds(lower, upper) for lower, upper in pairs],
            )
            for pairs in bounds_per_metric_sample
        ],
        states=[
            ComponentStateSample(
                sampled_at=sampled_at,
                states=frozenset(HEALTHY_STATES[kind] if states is None else states),
                warnings=frozenset(),
                errors=frozenset(),
            )
        ],
    )


def healthy(
    component_id: int,
    kind: ComponentKind,
    *bounds_per_metric_sample: Pairs,
    metric: Metric | None = None,
) -> ComponentHealth:
    """Build the health of a healthy component whose sample carries bounds."""
    return ComponentHealth(
        component_id=ElectricalComponentId(component_id),
        kind=kind,
        sample=power_sample(
            component_id, kind, *bounds_per_metric_sample, metric=metric
        ),
        reasons=frozenset(),
        detail="",
        since_loop_s=0.0,
        since_utc=START_UTC,
    )


def unhealthy(component_id: int, kind: ComponentKind) -> ComponentHealth:
    """Build the health of a component that has sent no data yet."""
    return ComponentHealth(
        component_id=ElectricalComponentId(component_id),
        kind=kind,
        sample=None,
        reasons=frozenset({UnhealthyReason.NO_DATA_YET}),
        detail="no data yet",
        since_loop_s=0.0,
        since_utc=START_UTC,
    )


def status_of(healths: Iterable[ComponentHealth]) -> InverterBatteryGroupStatus:
    """Build the status of the group made of the given components."""
    by_kind_and_health: dict[
        tuple[ComponentKind, bool], dict[ElectricalComponentId, ComponentHealth]
    ] = {(kind, ok): {} for kind in ComponentKind for ok in (True, False)}
    for health in healths:
        by_kind_and_health[health.kind, health.is_healthy][health.component_id] = health
    inverters = by_kind_and_health[ComponentKind.INVERTER, True]
    inverters_down = by_kind_and_health[ComponentKind.INVERTER, False]
    batteries = by_kind_and_health[ComponentKind.BATTERY, True]
    batteries_down = by_kind_and_health[ComponentKind.BATTERY, False]
    return InverterBatteryGroupStatus(
        group=InverterBatteryGroup(
            inverter_ids=[*inverters, *inverters_down],
            battery_ids=[*batteries, *batteries_down],
        ),
        healthy_inverters=inverters,
        healthy_batteries=batteries,
        unhealthy_inverters=inverters_down,
        unhealthy_batteries=batteries_down,
        sequence=0,
        changed_ids=frozenset(),
        published_at_loop_s=0.0,
        published_at_utc=START_UTC,
    )


def group_status(
    inverters: Mapping[int, Pairs | None], batteries: Mapping[int, Pairs | None]
) -> InverterBatteryGroupStatus:
    """Build a group status; a component given `None` has sent no data yet."""
    healths = [
        unhealthy(component_id, kind)
        if pairs is None
        else healthy(component_id, kind, pairs)
        for kind, components in (
            (ComponentKind.INVERTER, inverters),
            (ComponentKind.BATTERY, batteries),
        )
        for component_id, pairs in components.items()
    ]
    return status_of(healths)


def pool_status(*statuses: InverterBatteryGroupStatus) -> InverterBatteryPoolStatus:
    """Build the status of the pool made of the groups of the given statuses."""
    return InverterBatteryPoolStatus(
        groups={status.group: status for status in statuses},
        sequence=0,
        changed_groups=frozenset(),
        published_at_loop_s=0.0,
        published_at_utc=START_UTC,
    )


def watts(
    *pairs: tuple[float | None, float | None],
) -> tuple[PowerBounds[Power | None], ...]:
    """Return `(lower, upper)` pairs in watts as the intervals of pool bounds."""
    return tuple(
        PowerBounds[Power | None](
            lower=None if lower is None else Power.from_watts(lower),
            upper=None if upper is None else Power.from_watts(upper),
        )
        for lower, upper in pairs
    )
