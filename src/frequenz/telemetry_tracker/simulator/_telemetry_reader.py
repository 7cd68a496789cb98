# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Reading of state codes, metrics and bounds from scenario tables."""

import enum
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import TypeVar

from frequenz.client.microgrid.component import ComponentErrorCode, ComponentStateCode
from frequenz.client.microgrid.metrics import Bounds, Metric

from ._events import MetricUpdate
from ._scenario import MetricValue, TelemetrySpec
from ._toml_reader import TableReader

_CodeT = TypeVar("_CodeT", ComponentStateCode, ComponentErrorCode)
_EnumT = TypeVar("_EnumT", bound=enum.Enum)

TELEMETRY_FIELDS = ("period", "start", "states", "errors", "warnings", "metrics")
"""The fields of a component's `telemetry` table."""


def read_codes(
    reader: TableReader, key: str, code_type: type[_CodeT]
) -> tuple[_CodeT | int, ...]:
    """Read a list of state or error codes, by name or by number.

    A number that names no member of `code_type` is kept as an `int`, as the
    client does for codes it does not know.

    Args:
        reader: The table holding the list.
        key: The field.
        code_type: The client's enum of codes.

    Returns:
        The codes, in file order, without repetitions.

    Raises:
        ScenarioError: If the field is absent or an item is neither a code name
            nor a non-negative integer.
    """
    expected = f"a list of {code_type.__name__} names or integer codes"
    codes: list[_CodeT | int] = []
    for item in reader.array(key, expected=expected):
        code = _code_from_item(item, code_type)
        if code is None:
            raise reader.invalid(key, expected)
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def _code_from_item(item: object, code_type: type[_CodeT]) -> _CodeT | int | None:
    """Convert one list item to a code, or `None` if it is not one."""
    if isinstance(item, str):
        member = code_type.__members__.get(item.upper())
        return member if isinstance(member, code_type) else None
    if isinstance(item, bool) or not isinstance(item, int) or item < 0:
        return None
    try:
        return code_type(item)
    except ValueError:
        return item


def _metric_from_name(reader: TableReader, name: str) -> Metric:
    """Convert a metric name such as `AC_POWER_ACTIVE` to the client's enum."""
    member = Metric.__members__.get(name.upper())
    if not isinstance(member, Metric) or member is Metric.UNSPECIFIED:
        raise reader.invalid(
            name, "a value under a Metric name such as AC_POWER_ACTIVE"
        )
    return member


def read_bounds(reader: TableReader, key: str) -> tuple[Bounds, ...]:
    """Read a list of `[lower, upper]` pairs.

    Args:
        reader: The table holding the list.
        key: The field.

    Returns:
        The bounds, in file order.

    Raises:
        ScenarioError: If an item is not a pair of numbers with lower <= upper.
    """
    expected = "a list of [lower, upper] number pairs with lower <= upper, no nan"
    bounds: list[Bounds] = []
    for item in reader.array(key, expected=expected):
        if not isinstance(item, list) or len(item) != 2:
            raise reader.invalid(key, expected)
        lower, upper = item
        if not all(_is_bound(limit) for limit in (lower, upper)) or lower > upper:
            raise reader.invalid(key, expected)
        bounds.append(Bounds(lower=float(lower), upper=float(upper)))
    return tuple(bounds)


def _is_bound(limit: object) -> bool:
    """Return whether a value is a number that can bound a metric (not NaN)."""
    if isinstance(limit, bool) or not isinstance(limit, int | float):
        return False
    return not math.isnan(limit)


def _read_metric_update(reader: TableReader, key: str) -> MetricUpdate:
    """Read one metric entry: a bare number, or a table of value and bounds."""
    if not isinstance(reader.value(key, "a number or a table"), dict):
        return MetricUpdate(value=reader.number(key, expected="a number or a table"))
    entry = reader.table(key)
    entry.reject_unknown(("value", "bounds"))
    value = entry.number("value") if entry.has("value") else None
    bounds = read_bounds(entry, "bounds") if entry.has("bounds") else None
    return MetricUpdate(value=value, bounds=bounds)


def read_metric_updates(reader: TableReader) -> Mapping[Metric, MetricUpdate]:
    """Read a `metrics` table whose entries may leave value or bounds out.

    Args:
        reader: The `metrics` table.

    Returns:
        The updates per metric, read-only.

    Raises:
        ScenarioError: If a key is not a metric name or an entry is invalid.
    """
    updates: dict[Metric, MetricUpdate] = {}
    for key in reader.field_names():
        updates[_metric_from_name(reader, key)] = _read_metric_update(reader, key)
    return MappingProxyType(updates)


def read_metric_values(reader: TableReader) -> Mapping[Metric, MetricValue]:
    """Read a `metrics` table whose entries all carry a value.

    Args:
        reader: The `metrics` table.

    Returns:
        The values per metric, read-only.

    Raises:
        ScenarioError: If a key is not a metric name or an entry is invalid
            or has no value.
    """
    values: dict[Metric, MetricValue] = {}
    for key in reader.field_names():
        metric = _metric_from_name(reader, key)
        update = _read_metric_update(reader, key)
        if update.value is None:
            raise reader.table(key).missing("value", "a number")
        values[metric] = MetricValue(value=update.value, bounds=update.bounds or ())
    return MappingProxyType(values)


def read_telemetry(reader: TableReader) -> TelemetrySpec:
    """Read a component's `telemetry` table.

    Args:
        reader: The table.

    Returns:
        The telemetry the component starts with.

    Raises:
        ScenarioError: If a field is invalid.
    """
    reader.reject_unknown(TELEMETRY_FIELDS)
    return TelemetrySpec(
        period=reader.positive_number(
            "period", expected="a positive number of seconds"
        ),
        start=(
            reader.number("start", expected="a number of seconds >= 0", minimum=0.0)
            if reader.has("start")
            else 0.0
        ),
        states=read_codes_or_empty(reader, "states", ComponentStateCode),
        errors=read_codes_or_empty(reader, "errors", ComponentErrorCode),
        warnings=read_codes_or_empty(reader, "warnings", ComponentErrorCode),
        metrics=(
            read_metric_values(reader.table("metrics"))
            if reader.has("metrics")
            else MappingProxyType({})
        ),
    )


def read_codes_or_empty(
    reader: TableReader, key: str, code_type: type[_CodeT]
) -> tuple[_CodeT | int, ...]:
    """Read a list of codes like `read_codes`, or none if the field is absent."""
    return read_codes(reader, key, code_type) if reader.has(key) else ()


def enum_by_lower_name(
    reader: TableReader, key: str, enum_type: type[_EnumT], names: tuple[str, ...]
) -> _EnumT:
    """Read a lower-case choice and return the enum member of the same name.

    Args:
        reader: The table.
        key: The field.
        enum_type: The enum whose upper-case member names match `names`.
        names: The accepted lower-case names.

    Returns:
        The member.

    Raises:
        ScenarioError: If the field is absent or not one of `names`.
    """
    return enum_type[reader.choice(key, names).upper()]
