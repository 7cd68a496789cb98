# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Reading of the scripted events of a scenario file."""

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import grpc
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentErrorCode, ComponentStateCode

from ._events import (
    DuplicateSample,
    EndStream,
    OutOfOrderSample,
    PowerCommandRule,
    Resume,
    SampleTimeChange,
    SampleTimeMode,
    ScenarioEvent,
    ServerRestart,
    Silence,
    TelemetryChange,
)
from ._scenario import ComponentSpec
from ._telemetry_reader import read_codes, read_metric_updates
from ._toml_reader import TableReader

STATUS_NAMES: Final = tuple(code.name.lower() for code in grpc.StatusCode)
"""The gRPC status code names a scenario may use, in lower case."""

_DEFAULT_DOWNTIME: Final = 1.0
"""How long a scripted server restart keeps the server down, in seconds, when
the event sets no `downtime`."""

_COMMON_FIELDS: Final = ("at", "action", "component")

_ACTION_FIELDS: Final[Mapping[str, tuple[str, ...]]] = {
    "set": ("period", "states", "errors", "warnings", "metrics"),
    "silence": (),
    "resume": (),
    "end_stream": ("status",),
    "sample_time": ("mode", "offset"),
    "duplicate": (),
    "out_of_order": ("by",),
    "power_commands": ("fail", "status"),
    "restart_server": ("downtime",),
}
"""The fields each action takes besides `at`, `action` and `component`."""

_TELEMETRY_ACTIONS: Final = frozenset(
    {"set", "silence", "resume", "sample_time", "duplicate", "out_of_order"}
)
"""Actions that need a component with a `telemetry` table."""


class EventReader:
    """Read `[[events]]` tables, checking them against the scenario's components."""

    def __init__(self, components: tuple[ComponentSpec, ...], duration: float) -> None:
        """Prepare the checks.

        Args:
            components: The scenario's components.
            duration: The scenario's duration in seconds; no event may be later.
        """
        self._components = {component.id: component for component in components}
        self._duration = duration

    def read(self, reader: TableReader) -> ScenarioEvent:
        """Read one event table.

        Args:
            reader: The table.

        Returns:
            The event.

        Raises:
            ScenarioError: If a field is missing or invalid, the action is
                unknown, or a component does not exist or sends no telemetry
                when the action needs it.
        """
        action = reader.choice("action", _ACTION_FIELDS)
        reader.reject_unknown(_COMMON_FIELDS + _ACTION_FIELDS[action])
        at = reader.number(
            "at",
            expected=f"a number of seconds from 0 to {self._duration:g}",
            minimum=0.0,
        )
        if at > self._duration:
            raise reader.invalid(
                "at", f"a number of seconds from 0 to {self._duration:g}"
            )
        if action == "restart_server":
            if reader.has("component"):
                raise reader.invalid("component", "no component: a restart stops all")
            return _read_restart(reader, at)
        component_ids = self._read_component_ids(reader, action)
        return _COMPONENT_ACTION_READERS[action](reader, at, component_ids)

    def _read_component_ids(
        self, reader: TableReader, action: str
    ) -> tuple[ElectricalComponentId, ...]:
        """Read `component`: one id or a list of ids of existing components."""
        expected = "a component id or a list of component ids from [[components]]"
        raw = reader.value("component", expected)
        items = raw if isinstance(raw, list) else [raw]
        if not items:
            raise reader.invalid("component", expected)
        ids: list[ElectricalComponentId] = []
        for item in items:
            if isinstance(item, bool) or not isinstance(item, int):
                raise reader.invalid("component", expected)
            component = self._components.get(ElectricalComponentId(item))
            if component is None:
                raise reader.invalid("component", expected)
            if action in _TELEMETRY_ACTIONS and component.telemetry is None:
                raise reader.invalid(
                    "component",
                    f'components with a telemetry table for action "{action}"',
                )
            ids.append(component.id)
        return tuple(ids)


def _read_restart(reader: TableReader, at: float) -> ServerRestart:
    """Read a `restart_server` event."""
    downtime = (
        reader.number("downtime", expected="a number of seconds >= 0", minimum=0.0)
        if reader.has("downtime")
        else _DEFAULT_DOWNTIME
    )
    return ServerRestart(at=at, downtime=downtime)


def _read_set(
    reader: TableReader, at: float, component_ids: tuple[ElectricalComponentId, ...]
) -> ScenarioEvent:
    """Read a `set` event."""
    return TelemetryChange(
        at=at,
        component_ids=component_ids,
        period=(
            reader.positive_number("period", expected="a positive number of seconds")
            if reader.has("period")
            else None
        ),
        states=(
            read_codes(reader, "states", ComponentStateCode)
            if reader.has("states")
            else None
        ),
        errors=(
            read_codes(reader, "errors", ComponentErrorCode)
            if reader.has("errors")
            else None
        ),
        warnings=(
            read_codes(reader, "warnings", ComponentErrorCode)
            if reader.has("warnings")
            else None
        ),
        metrics=(
            read_metric_updates(reader.table("metrics"))
            if reader.has("metrics")
            else MappingProxyType({})
        ),
    )


def _read_end_stream(
    reader: TableReader, at: float, component_ids: tuple[ElectricalComponentId, ...]
) -> ScenarioEvent:
    """Read an `end_stream` event."""
    status = reader.choice("status", STATUS_NAMES).upper()
    return EndStream(at=at, component_ids=component_ids, status=status)


def _read_sample_time(
    reader: TableReader, at: float, component_ids: tuple[ElectricalComponentId, ...]
) -> ScenarioEvent:
    """Read a `sample_time` event."""
    mode = SampleTimeMode(
        reader.choice("mode", [mode.value for mode in SampleTimeMode])
    )
    if mode is not SampleTimeMode.OFFSET:
        if reader.has("offset"):
            raise reader.invalid("offset", 'no offset unless mode is "offset"')
        return SampleTimeChange(at=at, component_ids=component_ids, mode=mode)
    offset = reader.number("offset", expected="a number of seconds, negative for past")
    return SampleTimeChange(
        at=at, component_ids=component_ids, mode=mode, offset=offset
    )


def _read_out_of_order(
    reader: TableReader, at: float, component_ids: tuple[ElectricalComponentId, ...]
) -> ScenarioEvent:
    """Read an `out_of_order` event."""
    by = (
        reader.positive_number("by", expected="a positive number of seconds")
        if reader.has("by")
        else None
    )
    return OutOfOrderSample(at=at, component_ids=component_ids, by=by)


def _read_power_commands(
    reader: TableReader, at: float, component_ids: tuple[ElectricalComponentId, ...]
) -> ScenarioEvent:
    """Read a `power_commands` event."""
    fail = reader.boolean("fail")
    if not reader.has("status"):
        return PowerCommandRule(at=at, component_ids=component_ids, fail=fail)
    error_names = [name for name in STATUS_NAMES if name != "ok"]
    status = reader.choice("status", error_names).upper()
    return PowerCommandRule(
        at=at, component_ids=component_ids, fail=fail, status=status
    )


_COMPONENT_ACTION_READERS: Final[
    Mapping[
        str,
        Callable[
            [TableReader, float, tuple[ElectricalComponentId, ...]], ScenarioEvent
        ],
    ]
] = {
    "set": _read_set,
    "silence": lambda _, at, ids: Silence(at=at, component_ids=ids),
    "resume": lambda _, at, ids: Resume(at=at, component_ids=ids),
    "end_stream": _read_end_stream,
    "sample_time": _read_sample_time,
    "duplicate": lambda _, at, ids: DuplicateSample(at=at, component_ids=ids),
    "out_of_order": _read_out_of_order,
    "power_commands": _read_power_commands,
}
"""The reader of each action that applies to components."""


def check_metric_updates(
    events: list[ScenarioEvent],
    tables: list[TableReader],
    components: tuple[ComponentSpec, ...],
) -> None:
    """Check that a `set` event gives a value for each metric it adds.

    An entry that only changes bounds needs the component to report the
    metric already, which depends on the events before it in time.

    Args:
        events: The events in file order.
        tables: The event tables, in the same order, for error messages.
        components: The scenario's components.

    Raises:
        ScenarioError: If an update without a value names a metric the
            component does not report at that time.
    """
    reported = {
        component.id: set(component.telemetry.metrics)
        for component in components
        if component.telemetry is not None
    }
    in_time_order = sorted(
        zip(events, tables, strict=True), key=lambda pair: pair[0].at
    )
    for event, table in in_time_order:
        if not isinstance(event, TelemetryChange):
            continue
        for component_id in event.component_ids:
            metrics = reported[component_id]
            for metric, update in event.metrics.items():
                if update.value is None and metric not in metrics:
                    raise (
                        table.table("metrics")
                        .table(metric.name)
                        .missing(
                            "value",
                            f"a number, because component {component_id} does not "
                            f"report {metric.name} before t={event.at:g}",
                        )
                    )
                metrics.add(metric)
