# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Loading and validation of scenario files."""

import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import (
    BatteryType,
    ComponentCategory,
    InverterType,
)

from ..health import UnhealthyReason
from ._errors import ScenarioError
from ._event_reader import EventReader, check_metric_updates
from ._scenario import (
    ComponentSpec,
    ConnectionSpec,
    Expectation,
    MicrogridSpec,
    Scenario,
    TrackerSettings,
)
from ._telemetry_reader import enum_by_lower_name, read_telemetry
from ._toml_reader import TableReader

FORMAT_VERSION: Final = 1
"""The only scenario file format version this loader reads."""

_CATEGORIES: Final = {
    "grid": ComponentCategory.GRID_CONNECTION_POINT,
    "meter": ComponentCategory.METER,
    "inverter": ComponentCategory.INVERTER,
    "battery": ComponentCategory.BATTERY,
}
"""The component categories a scenario may use, by their name in the file."""

_TOP_LEVEL_FIELDS: Final = (
    "format_version",
    "name",
    "description",
    "duration",
    "microgrid",
    "tracker",
    "components",
    "connections",
    "events",
    "expect",
)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file.

    Args:
        path: The TOML file.

    Returns:
        The scenario, named after the file unless it sets `name`.

    Raises:
        ScenarioError: If the file cannot be read or is invalid; the message
            names the file, the field and what was expected.
    """
    file_path = Path(path)
    try:
        text = file_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScenarioError(
            f"{file_path}: cannot read the scenario file: {error}",
            source=str(file_path),
        ) from error
    return parse_scenario(text, source=str(file_path), default_name=file_path.stem)


def builtin_scenario_names() -> list[str]:
    """Return the names of the scenarios shipped with the package, sorted."""
    folder = _builtin_folder()
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def _builtin_folder() -> Traversable:
    """Return the folder of the scenario files shipped as package data."""
    return resources.files("frequenz.telemetry_tracker.simulator").joinpath("scenarios")


def load_builtin_scenario(name: str) -> Scenario:
    """Load a scenario shipped with the package, such as `demo`.

    Args:
        name: The scenario name, one of `builtin_scenario_names()`.

    Returns:
        The scenario.

    Raises:
        ScenarioError: If there is no such scenario.
    """
    names = builtin_scenario_names()
    if name not in names:
        raise ScenarioError(
            f"Unknown built-in scenario {name!r}: expected one of {', '.join(names)}",
            source=name,
        )
    resource = _builtin_folder().joinpath(f"{name}.toml")
    source = f"<built-in scenario {name}>"
    return parse_scenario(
        resource.read_text(encoding="utf-8"), source=source, default_name=name
    )


def parse_scenario(
    text: str, *, source: str = "<string>", default_name: str = "scenario"
) -> Scenario:
    """Parse and validate the text of a scenario file.

    Args:
        text: The TOML text.
        source: The file name to put in error messages.
        default_name: The scenario name if the text sets none.

    Returns:
        The scenario.

    Raises:
        ScenarioError: If the text is not valid TOML or not a valid scenario.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(
            f"{source}: invalid TOML: {error}", source=source
        ) from error

    reader = TableReader(document, path="", source=source)
    reader.reject_unknown(_TOP_LEVEL_FIELDS)
    version = reader.integer("format_version", expected=f"{FORMAT_VERSION}")
    if version != FORMAT_VERSION:
        raise reader.invalid("format_version", f"{FORMAT_VERSION}")

    duration = reader.positive_number(
        "duration", expected="a positive number of seconds"
    )
    components = _read_components(reader)
    event_tables = reader.tables("events", expected="an event table")
    event_reader = EventReader(components, duration)
    events = [event_reader.read(table) for table in event_tables]
    check_metric_updates(events, event_tables, components)
    expectations = [
        _read_expectation(table, components, duration)
        for table in reader.tables("expect", expected="an expectation table")
    ]
    return Scenario(
        name=reader.string("name") if reader.has("name") else default_name,
        description=reader.string("description") if reader.has("description") else "",
        source=source,
        format_version=version,
        duration=duration,
        microgrid=_read_microgrid(reader),
        tracker=_read_tracker(reader),
        components=components,
        connections=_read_connections(reader, components),
        events=tuple(sorted(events, key=lambda event: event.at)),
        expectations=tuple(
            sorted(expectations, key=lambda expectation: expectation.at)
        ),
    )


def _read_microgrid(reader: TableReader) -> MicrogridSpec:
    """Read the optional `[microgrid]` table."""
    if not reader.has("microgrid"):
        return MicrogridSpec()
    table = reader.table("microgrid")
    table.reject_unknown(("id", "enterprise_id", "name"))
    defaults = MicrogridSpec()
    return MicrogridSpec(
        id=table.integer("id", expected="a non-negative integer")
        if table.has("id")
        else defaults.id,
        enterprise_id=(
            table.integer("enterprise_id", expected="a non-negative integer")
            if table.has("enterprise_id")
            else defaults.enterprise_id
        ),
        name=table.string("name") if table.has("name") else defaults.name,
    )


def _read_tracker(reader: TableReader) -> TrackerSettings:
    """Read the optional `[tracker]` table."""
    if not reader.has("tracker"):
        return TrackerSettings()
    table = reader.table("tracker")
    table.reject_unknown(("missing_data_tolerance",))
    if not table.has("missing_data_tolerance"):
        return TrackerSettings()
    tolerance = table.positive_number(
        "missing_data_tolerance", expected="a positive number of seconds"
    )
    return TrackerSettings(missing_data_tolerance=tolerance)


def _read_components(reader: TableReader) -> tuple[ComponentSpec, ...]:
    """Read the `[[components]]` tables, checking that ids are unique."""
    tables = reader.tables("components", expected="a component table")
    if not tables:
        raise reader.missing("components", "at least one [[components]] table")
    components: list[ComponentSpec] = []
    seen: set[ElectricalComponentId] = set()
    for table in tables:
        component = _read_component(table)
        if component.id in seen:
            raise table.invalid("id", "an id no other component uses")
        seen.add(component.id)
        components.append(component)
    return tuple(components)


def _read_component(table: TableReader) -> ComponentSpec:
    """Read one `[[components]]` table."""
    category_name = table.choice("category", _CATEGORIES)
    allowed = ["id", "category", "name", "telemetry"]
    if category_name == "inverter":
        allowed.append("inverter_type")
    if category_name == "battery":
        allowed.append("battery_type")
    table.reject_unknown(allowed)

    component_id = table.integer("id", expected="a non-negative integer component id")
    inverter_type: InverterType | None = None
    battery_type: BatteryType | None = None
    if category_name == "inverter":
        inverter_type = (
            enum_by_lower_name(
                table, "inverter_type", InverterType, ("battery", "solar", "hybrid")
            )
            if table.has("inverter_type")
            else InverterType.BATTERY
        )
    if category_name == "battery":
        battery_type = (
            enum_by_lower_name(table, "battery_type", BatteryType, ("li_ion", "na_ion"))
            if table.has("battery_type")
            else BatteryType.LI_ION
        )
    return ComponentSpec(
        id=ElectricalComponentId(component_id),
        category=_CATEGORIES[category_name],
        name=table.string("name")
        if table.has("name")
        else f"{category_name}-{component_id}",
        inverter_type=inverter_type,
        battery_type=battery_type,
        telemetry=read_telemetry(table.table("telemetry"))
        if table.has("telemetry")
        else None,
    )


def _read_connections(
    reader: TableReader, components: tuple[ComponentSpec, ...]
) -> tuple[ConnectionSpec, ...]:
    """Read the `[[connections]]` tables, checking both ends exist."""
    known = {component.id for component in components}
    expected = "the id of a component in [[components]]"
    connections: list[ConnectionSpec] = []
    for table in reader.tables("connections", expected="a connection table"):
        table.reject_unknown(("source", "destination"))
        ends: list[ElectricalComponentId] = []
        for key in ("source", "destination"):
            end = ElectricalComponentId(table.integer(key, expected=expected))
            if end not in known:
                raise table.invalid(key, expected)
            ends.append(end)
        source, destination = ends
        if source == destination:
            raise table.invalid("destination", "a component other than the source")
        connection = ConnectionSpec(source=source, destination=destination)
        if connection in connections:
            raise table.invalid("destination", "a connection not listed before")
        connections.append(connection)
    return tuple(connections)


def _read_expectation(
    table: TableReader, components: tuple[ComponentSpec, ...], duration: float
) -> Expectation:
    """Read one `[[expect]]` table."""
    table.reject_unknown(("at", "component", "health", "reason"))
    at_expected = f"a number of seconds from 0 to {duration:g}"
    at = table.number("at", expected=at_expected, minimum=0.0)
    if at > duration:
        raise table.invalid("at", at_expected)
    component_expected = "the id of a component in [[components]]"
    component_id = ElectricalComponentId(
        table.integer("component", expected=component_expected)
    )
    if all(component.id != component_id for component in components):
        raise table.invalid("component", component_expected)
    healthy = table.choice("health", ("healthy", "unhealthy")) == "healthy"
    reason: str | None = None
    if table.has("reason"):
        if healthy:
            raise table.invalid("reason", 'no reason when health is "healthy"')
        reason = table.choice("reason", [reason.value for reason in UnhealthyReason])
    return Expectation(at=at, component_id=component_id, healthy=healthy, reason=reason)
