# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Conversion of simulated samples to the client's `ComponentDataSamples`."""

import warnings
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Final

from frequenz.client.common.microgrid.components import ComponentId
from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentStateSample,
)
from frequenz.client.microgrid.metrics import Bounds, MetricSample

from ._player import SimulatedSample
from ._proto import as_received, to_float32

UNIX_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
"""The time the client reads from an unset protobuf timestamp."""


def to_client_samples(
    sample: SimulatedSample, metrics: Collection[int]
) -> ComponentDataSamples:
    """Convert a sample to what the client yields for the gRPC message.

    The result equals what `MicrogridApiClient` builds from the server's
    message: only the requested metrics, values and bounds rounded to 32-bit
    floats, timestamps read back the client's way, and the Unix epoch where
    the sample has no timestamp.

    Args:
        sample: The sample.
        metrics: The protobuf values of the requested metrics.

    Returns:
        The client's form of the sample.
    """
    sampled_at = (
        UNIX_EPOCH if sample.sample_time is None else as_received(sample.sample_time)
    )
    # The client's sample type still carries the deprecated id class.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        component_id = ComponentId(int(sample.component_id))
    return ComponentDataSamples(
        component_id=component_id,
        metric_samples=[
            MetricSample(
                sampled_at=sampled_at,
                metric=metric,
                value=to_float32(value.value),
                bounds=[_bounds_as_received(bounds) for bounds in value.bounds],
                connection=None,
            )
            for metric, value in sample.metrics.items()
            if metric.value in metrics
        ],
        states=[
            ComponentStateSample(
                sampled_at=sampled_at,
                states=frozenset(sample.states),
                warnings=frozenset(sample.warnings),
                errors=frozenset(sample.errors),
            )
        ],
    )


def _bounds_as_received(bounds: Bounds) -> Bounds:
    """Round bounds to 32-bit floats, as the protobuf message carries them."""
    return Bounds(
        lower=None if bounds.lower is None else to_float32(bounds.lower),
        upper=None if bounds.upper is None else to_float32(bounds.upper),
    )
