# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Reading one component's power bounds from its latest sample."""

import functools
import operator
from collections.abc import Mapping
from types import MappingProxyType

from frequenz.client.microgrid.metrics import Metric

from ..component import ComponentHealth
from ..health import ComponentKind
from ._errors import InvalidBoundsError
from ._interval_set import IntervalSet

POWER_METRICS: Mapping[ComponentKind, Metric] = MappingProxyType(
    {
        ComponentKind.INVERTER: Metric.AC_POWER_ACTIVE,
        ComponentKind.BATTERY: Metric.DC_POWER,
    }
)
"""The metric whose bounds limit each kind of component's power (watts)."""


def component_power_bounds(health: ComponentHealth) -> IntervalSet:
    """Read a component's power bounds from its latest sample.

    The bounds of one metric sample are the union of its intervals. When
    the sample carries bounds for the metric in more than one metric sample,
    the component's bounds are their intersection, because a power command
    has to satisfy each.

    Args:
        health: The component's health, carrying its latest sample.

    Returns:
        The power bounds, in watts; never empty.

    Raises:
        InvalidBoundsError: If there is no sample, the sample carries no
            bounds for the component's power metric, or a bound is NaN,
            infinite or has its lower end above its upper end.
    """
    metric = POWER_METRICS[health.kind]
    if health.sample is None:
        raise InvalidBoundsError(f"No sample, so no {metric.name} bounds.")
    metric_samples = [
        sample for sample in health.sample.metric_samples if sample.metric == metric
    ]
    if not any(sample.bounds for sample in metric_samples):
        raise InvalidBoundsError(f"The latest sample carries no {metric.name} bounds.")
    sets = [
        IntervalSet.from_bounds(sample.bounds)
        for sample in metric_samples
        if sample.bounds
    ]
    bounds: IntervalSet = functools.reduce(operator.and_, sets)
    if bounds.is_empty:
        raise InvalidBoundsError(
            f"The {metric.name} bounds of the latest sample have no value in common."
        )
    return bounds
