# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Conversion of scenario parts to Microgrid API v1alpha18 protobuf messages."""

import struct
from collections.abc import Collection
from datetime import datetime

from frequenz.api.common.v1alpha8.grid import delivery_area_pb2
from frequenz.api.common.v1alpha8.metrics import bounds_pb2, metrics_pb2
from frequenz.api.common.v1alpha8.microgrid import microgrid_pb2 as common_microgrid_pb2
from frequenz.api.common.v1alpha8.microgrid.electrical_components import (
    electrical_components_pb2 as components_pb2,
)
from frequenz.api.common.v1alpha8.types import location_pb2
from frequenz.api.microgrid.v1alpha18 import microgrid_pb2
from frequenz.client.base import conversion
from frequenz.client.microgrid.component import (
    ComponentCategory,
    ComponentErrorCode,
    ComponentStateCode,
)
from frequenz.client.microgrid.metrics import Bounds, Metric

from ._player import SimulatedSample
from ._scenario import ComponentSpec, ConnectionSpec, MetricValue, Scenario

_FLOAT32 = struct.Struct("<f")


def to_float32(value: float) -> float:
    """Round a value to 32-bit precision, as the API's `float` fields carry it.

    Metric values, bounds and requested power are protobuf `float` fields, so
    a client reads -3000.0 unchanged but 0.1 as 0.10000000149011612.
    """
    packed: tuple[float] = _FLOAT32.unpack(_FLOAT32.pack(value))
    return packed[0]


def as_received(moment: datetime) -> datetime:
    """Return a timestamp as a client reads it back from a protobuf timestamp.

    The client rebuilds a datetime from seconds and microseconds with float
    arithmetic, so the result can differ from `moment` in the last digit.
    """
    snapshot = components_pb2.ElectricalComponentStateSnapshot()
    snapshot.origin_time.FromDatetime(moment)
    return conversion.to_datetime(snapshot.origin_time)


def microgrid_response(scenario: Scenario) -> microgrid_pb2.GetMicrogridResponse:
    """Build the `GetMicrogrid` response.

    The location and delivery area are placeholders. The client logs a
    warning when they are missing, and nothing in this package reads them.
    """
    spec = scenario.microgrid
    return microgrid_pb2.GetMicrogridResponse(
        microgrid=common_microgrid_pb2.Microgrid(
            id=spec.id,
            enterprise_id=spec.enterprise_id,
            name=spec.name,
            status=common_microgrid_pb2.MICROGRID_STATUS_ACTIVE,
            location=location_pb2.Location(
                latitude=52.52, longitude=13.41, country_code="DE"
            ),
            delivery_area=delivery_area_pb2.DeliveryArea(
                code="SIMULATED",
                code_type=delivery_area_pb2.ENERGY_MARKET_CODE_TYPE_EUROPE_EIC,
            ),
        )
    )


def components_response(
    scenario: Scenario, request: microgrid_pb2.ListElectricalComponentsRequest
) -> microgrid_pb2.ListElectricalComponentsResponse:
    """Build the `ListElectricalComponents` response, applying the request filters."""
    ids = set(request.electrical_component_ids)
    categories = set(request.electrical_component_categories)
    return microgrid_pb2.ListElectricalComponentsResponse(
        electrical_components=[
            _component(component, scenario.microgrid.id)
            for component in scenario.components
            if (not ids or int(component.id) in ids)
            and (not categories or component.category.value in categories)
        ]
    )


def connections_response(
    scenario: Scenario, request: microgrid_pb2.ListElectricalComponentConnectionsRequest
) -> microgrid_pb2.ListElectricalComponentConnectionsResponse:
    """Build the `ListElectricalComponentConnections` response, applying the filters."""
    sources = set(request.source_electrical_component_ids)
    destinations = set(request.destination_electrical_component_ids)
    return microgrid_pb2.ListElectricalComponentConnectionsResponse(
        electrical_component_connections=[
            _connection(connection)
            for connection in scenario.connections
            if (not sources or int(connection.source) in sources)
            and (not destinations or int(connection.destination) in destinations)
        ]
    )


def telemetry_response(
    sample: SimulatedSample, metrics: Collection[int]
) -> microgrid_pb2.ReceiveElectricalComponentTelemetryStreamResponse:
    """Build one telemetry stream message, keeping only the requested metrics.

    Every metric sample and the state snapshot carry the same timestamp, or
    none when the sample has none.

    Args:
        sample: The sample.
        metrics: The protobuf values of the requested metrics.

    Returns:
        The message.
    """
    snapshot = components_pb2.ElectricalComponentStateSnapshot(
        states=[
            components_pb2.ElectricalComponentStateCode.ValueType(_code_value(state))
            for state in sample.states
        ],
        warnings=[_diagnostic(code) for code in sample.warnings],
        errors=[_diagnostic(code) for code in sample.errors],
    )
    metric_samples = [
        _metric_sample(metric, value)
        for metric, value in sample.metrics.items()
        if metric.value in metrics
    ]
    if sample.sample_time is not None:
        snapshot.origin_time.FromDatetime(sample.sample_time)
        for metric_sample in metric_samples:
            metric_sample.sample_time.FromDatetime(sample.sample_time)
    return microgrid_pb2.ReceiveElectricalComponentTelemetryStreamResponse(
        telemetry=components_pb2.ElectricalComponentTelemetry(
            electrical_component_id=int(sample.component_id),
            metric_samples=metric_samples,
            state_snapshots=[snapshot],
        )
    )


def _code_value(code: ComponentStateCode | ComponentErrorCode | int) -> int:
    """Return the protobuf value of a client enum member or of a raw code."""
    return code if isinstance(code, int) else int(code.value)


def _diagnostic(
    code: ComponentErrorCode | int,
) -> components_pb2.ElectricalComponentDiagnostic:
    """Build a diagnostic (error or warning) message for a code."""
    return components_pb2.ElectricalComponentDiagnostic(
        diagnostic_code=components_pb2.ElectricalComponentDiagnosticCode.ValueType(
            _code_value(code)
        )
    )


def _metric_sample(metric: Metric, value: MetricValue) -> metrics_pb2.MetricSample:
    """Build one metric sample message, without its timestamp."""
    return metrics_pb2.MetricSample(
        metric=metric.value,
        value=metrics_pb2.MetricValueVariant(
            simple_metric=metrics_pb2.SimpleMetricValue(value=value.value)
        ),
        bounds=[_bounds(bounds) for bounds in value.bounds],
    )


def _bounds(bounds: Bounds) -> bounds_pb2.Bounds:
    """Build one bounds message."""
    return bounds_pb2.Bounds(lower=bounds.lower, upper=bounds.upper)


def _component(
    component: ComponentSpec, microgrid_id: int
) -> components_pb2.ElectricalComponent:
    """Build one component message, with the category-specific type."""
    specific = components_pb2.ElectricalComponentCategorySpecificInfo()
    if component.inverter_type is not None:
        specific.inverter.type = component.inverter_type.value
    if component.battery_type is not None:
        specific.battery.type = component.battery_type.value
    if component.category is ComponentCategory.GRID_CONNECTION_POINT:
        specific.grid_connection_point.SetInParent()
    return components_pb2.ElectricalComponent(
        id=int(component.id),
        microgrid_id=microgrid_id,
        name=component.name,
        category=component.category.value,
        category_specific_info=specific,
        manufacturer="Frequenz telemetry tracker simulator",
        model_name=f"simulated {component.category.name.lower()}",
        operational_mode=components_pb2.ELECTRICAL_COMPONENT_OPERATIONAL_MODE_CONTROL_AND_TELEMETRY,
    )


def _connection(
    connection: ConnectionSpec,
) -> components_pb2.ElectricalComponentConnection:
    """Build one connection message."""
    return components_pb2.ElectricalComponentConnection(
        source_electrical_component_id=int(connection.source),
        destination_electrical_component_id=int(connection.destination),
    )
