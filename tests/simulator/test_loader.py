# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests for loading and validating scenario files."""

from collections.abc import Callable
from pathlib import Path

import pytest
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import (
    BatteryType,
    ComponentCategory,
    ComponentErrorCode,
    ComponentStateCode,
    InverterType,
)
from frequenz.client.microgrid.metrics import Bounds, Metric

from frequenz.telemetry_tracker.simulator import (
    DuplicateSample,
    EndStream,
    MetricUpdate,
    MetricValue,
    OutOfOrderSample,
    PowerCommandRule,
    Resume,
    SampleTimeChange,
    SampleTimeMode,
    ScenarioError,
    ServerRestart,
    Silence,
    TelemetryChange,
    builtin_scenario_names,
    load_builtin_scenario,
    load_scenario,
    parse_scenario,
)


def toml_value(value: object) -> str:
    """Render a value as TOML: strings, booleans, numbers and lists of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return repr(value)


def entry(table: str, **fields: object) -> str:
    """Render one `[[table]]` entry with the given fields."""
    lines = [f"[[{table}]]"] + [f"{key} = {toml_value(v)}" for key, v in fields.items()]
    return "\n".join(lines) + "\n"


HEADER = """
format_version = 1
duration = 5.0
"""

COMPONENTS = """
[[components]]
id = 1000
category = "grid"

[[components]]
id = 1
category = "inverter"
[components.telemetry]
period = 0.2
states = ["READY"]
metrics = { AC_POWER_ACTIVE = { value = -3000.0, bounds = [[-5000.0, 5000.0]] } }

[[components]]
id = 10
category = "battery"
[components.telemetry]
period = 0.2
states = ["READY", "RELAY_CLOSED"]
metrics = { BATTERY_SOC_PCT = 50.0 }
"""

FULL = """
format_version = 1
name = "every-feature"
description = "Each field and action once."
duration = 10.0

[microgrid]
id = 7
enterprise_id = 3
name = "test grid"

[tracker]
missing_data_tolerance = 1.5

[[components]]
id = 1000
category = "grid"

[[components]]
id = 1001
category = "meter"
name = "main meter"

[[components]]
id = 1
category = "inverter"
inverter_type = "hybrid"
[components.telemetry]
period = 0.2
states = ["READY", 999]
errors = ["OVERCURRENT"]
metrics = { AC_POWER_ACTIVE = { value = -3000.0, bounds = [[-5000, 5000]] } }

[[components]]
id = 10
category = "battery"
battery_type = "na_ion"
[components.telemetry]
period = 0.5
start = 0.1
states = ["ready", "RELAY_CLOSED", "READY"]
warnings = [4, 9999]
[components.telemetry.metrics]
DC_POWER = 0
BATTERY_SOC_PCT = { value = 55.5, bounds = [[10, 90], [95, 100]] }
BATTERY_CAPACITY = 10000.0

[[connections]]
source = 1000
destination = 1001

[[connections]]
source = 1001
destination = 1

[[connections]]
source = 1
destination = 10

[[events]]
at = 4.0
action = "silence"
component = [1, 10]

[[events]]
at = 1.0
action = "set"
component = 1
period = 0.1
states = ["ERROR"]
errors = []
metrics = { AC_POWER_ACTIVE = { bounds = [[-1000, 1000]] }, AC_FREQUENCY = 50.0 }

[[events]]
at = 5.0
action = "resume"
component = 1

[[events]]
at = 5.0
action = "end_stream"
component = 10
status = "unavailable"

[[events]]
at = 6.0
action = "sample_time"
component = 1
mode = "offset"
offset = -30

[[events]]
at = 6.5
action = "sample_time"
component = 1
mode = "freeze"

[[events]]
at = 7.0
action = "duplicate"
component = 1

[[events]]
at = 7.5
action = "out_of_order"
component = 1
by = 2

[[events]]
at = 8.0
action = "power_commands"
component = 1
fail = true
status = "unavailable"

[[events]]
at = 9.0
action = "restart_server"
downtime = 0.5

[[expect]]
at = 3.0
component = 1
health = "unhealthy"
reason = "state_not_healthy"

[[expect]]
at = 2.0
component = 10
health = "healthy"
"""


def test_full_scenario_fields(write_scenario: Callable[[str], Path]) -> None:
    scenario = load_scenario(write_scenario(FULL))

    assert scenario.name == "every-feature"
    assert scenario.description == "Each field and action once."
    assert scenario.format_version == 1
    assert scenario.duration == 10.0
    assert scenario.microgrid.id == 7
    assert scenario.microgrid.enterprise_id == 3
    assert scenario.microgrid.name == "test grid"
    assert scenario.tracker.missing_data_tolerance == 1.5
    assert [int(component.id) for component in scenario.components] == [
        1000,
        1001,
        1,
        10,
    ]
    assert [(int(c.source), int(c.destination)) for c in scenario.connections] == [
        (1000, 1001),
        (1001, 1),
        (1, 10),
    ]


def test_full_scenario_components(write_scenario: Callable[[str], Path]) -> None:
    scenario = load_scenario(write_scenario(FULL))
    grid = scenario.component(ElectricalComponentId(1000))
    meter = scenario.component(ElectricalComponentId(1001))
    inverter = scenario.component(ElectricalComponentId(1))
    battery = scenario.component(ElectricalComponentId(10))

    assert grid.category is ComponentCategory.GRID_CONNECTION_POINT
    assert grid.name == "grid-1000"
    assert grid.telemetry is None
    assert meter.category is ComponentCategory.METER
    assert meter.name == "main meter"
    assert inverter.inverter_type is InverterType.HYBRID
    assert inverter.battery_type is None
    assert battery.battery_type is BatteryType.NA_ION
    assert battery.inverter_type is None

    assert inverter.telemetry is not None
    assert inverter.telemetry.period == 0.2
    assert inverter.telemetry.start == 0.0
    assert inverter.telemetry.states == (ComponentStateCode.READY, 999)
    assert inverter.telemetry.errors == (ComponentErrorCode.OVERCURRENT,)
    assert inverter.telemetry.metrics == {
        Metric.AC_POWER_ACTIVE: MetricValue(
            value=-3000.0, bounds=(Bounds(lower=-5000.0, upper=5000.0),)
        )
    }

    assert battery.telemetry is not None
    assert battery.telemetry.start == 0.1
    assert battery.telemetry.states == (
        ComponentStateCode.READY,
        ComponentStateCode.RELAY_CLOSED,
    )
    assert battery.telemetry.warnings == (ComponentErrorCode.OVERVOLTAGE, 9999)
    assert battery.telemetry.metrics == {
        Metric.DC_POWER: MetricValue(value=0.0),
        Metric.BATTERY_SOC_PCT: MetricValue(
            value=55.5,
            bounds=(Bounds(lower=10.0, upper=90.0), Bounds(lower=95.0, upper=100.0)),
        ),
        Metric.BATTERY_CAPACITY: MetricValue(value=10000.0),
    }


def test_full_scenario_events(write_scenario: Callable[[str], Path]) -> None:
    scenario = load_scenario(write_scenario(FULL))
    inverter = (ElectricalComponentId(1),)
    battery = (ElectricalComponentId(10),)

    assert scenario.events == (
        TelemetryChange(
            at=1.0,
            component_ids=inverter,
            period=0.1,
            states=(ComponentStateCode.ERROR,),
            errors=(),
            metrics={
                Metric.AC_POWER_ACTIVE: MetricUpdate(
                    bounds=(Bounds(lower=-1000.0, upper=1000.0),)
                ),
                Metric.AC_FREQUENCY: MetricUpdate(value=50.0),
            },
        ),
        Silence(at=4.0, component_ids=inverter + battery),
        Resume(at=5.0, component_ids=inverter),
        EndStream(at=5.0, component_ids=battery, status="UNAVAILABLE"),
        SampleTimeChange(
            at=6.0, component_ids=inverter, mode=SampleTimeMode.OFFSET, offset=-30.0
        ),
        SampleTimeChange(at=6.5, component_ids=inverter, mode=SampleTimeMode.FREEZE),
        DuplicateSample(at=7.0, component_ids=inverter),
        OutOfOrderSample(at=7.5, component_ids=inverter, by=2.0),
        PowerCommandRule(
            at=8.0, component_ids=inverter, fail=True, status="UNAVAILABLE"
        ),
        ServerRestart(at=9.0, downtime=0.5),
    )


def test_full_scenario_expectations(write_scenario: Callable[[str], Path]) -> None:
    scenario = load_scenario(write_scenario(FULL))

    first, second = scenario.expectations
    assert (first.at, int(first.component_id), first.healthy, first.reason) == (
        2.0,
        10,
        True,
        None,
    )
    assert (second.at, int(second.component_id), second.healthy, second.reason) == (
        3.0,
        1,
        False,
        "state_not_healthy",
    )


def test_name_defaults_to_file_stem(write_scenario: Callable[[str], Path]) -> None:
    path = write_scenario(HEADER + COMPONENTS)

    scenario = load_scenario(path)

    assert scenario.name == path.stem
    assert scenario.source == str(path)
    assert scenario.events == ()
    assert scenario.tracker.missing_data_tolerance is None


def test_builtin_demo_loads() -> None:
    assert "demo" in builtin_scenario_names()

    scenario = load_builtin_scenario("demo")

    assert scenario.name == "demo"


def test_unknown_builtin_scenario() -> None:
    with pytest.raises(ScenarioError, match="Unknown built-in scenario 'nope'"):
        load_builtin_scenario("nope")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"

    with pytest.raises(ScenarioError, match="cannot read the scenario file") as info:
        load_scenario(path)

    assert info.value.source == str(path)
    assert isinstance(info.value.__cause__, FileNotFoundError)


def test_invalid_toml(write_scenario: Callable[[str], Path]) -> None:
    path = write_scenario("format_version = \n")

    with pytest.raises(ScenarioError, match="invalid TOML") as info:
        load_scenario(path)

    assert str(path) in str(info.value)


BAD_CASES = [
    pytest.param(
        HEADER.replace("format_version = 1", "format_version = 2") + COMPONENTS,
        "format_version",
        "invalid format_version: expected 1, got 2",
        id="format-version",
    ),
    pytest.param(
        "format_version = 1\n" + COMPONENTS,
        "duration",
        "missing duration: expected a positive number of seconds",
        id="missing-duration",
    ),
    pytest.param(
        HEADER
        + COMPONENTS.replace(
            'period = 0.2\nstates = ["READY", ', 'period = -0.2\nstates = ["READY", '
        ),
        "components[2].telemetry.period",
        "invalid components[2].telemetry.period: expected a positive number of "
        "seconds, got -0.2",
        id="negative-period",
    ),
    pytest.param(
        HEADER
        + COMPONENTS.replace('category = "grid"', 'category = "grid"\ncolour = "red"'),
        "components[0].colour",
        "unknown field components[0].colour: expected one of category, id, name, "
        "telemetry",
        id="unknown-field",
    ),
    pytest.param(
        HEADER + COMPONENTS.replace('category = "grid"', 'category = "solar_panel"'),
        "components[0].category",
        'expected one of "grid", "meter", "inverter", "battery", got \'solar_panel\'',
        id="unknown-category",
    ),
    pytest.param(
        HEADER + COMPONENTS.replace("id = 10\n", "id = 1\n"),
        "components[2].id",
        "expected an id no other component uses, got 1",
        id="duplicate-id",
    ),
    pytest.param(
        HEADER + COMPONENTS + entry("connections", source=1000, destination=2),
        "connections[0].destination",
        "expected the id of a component in [[components]], got 2",
        id="unknown-connection-end",
    ),
    pytest.param(
        HEADER + COMPONENTS + entry("connections", source=1, destination=1),
        "connections[0].destination",
        "expected a component other than the source",
        id="self-connection",
    ),
    pytest.param(
        HEADER + COMPONENTS.replace('states = ["READY"]', 'states = ["REDY"]'),
        "components[1].telemetry.states",
        "expected a list of ComponentStateCode names or integer codes",
        id="unknown-state",
    ),
    pytest.param(
        HEADER + COMPONENTS.replace("[[-5000.0, 5000.0]]", "[[5000.0, -5000.0]]"),
        "components[1].telemetry.metrics.AC_POWER_ACTIVE.bounds",
        "expected a list of [lower, upper] number pairs with lower <= upper",
        id="inverted-bounds",
    ),
    pytest.param(
        HEADER + COMPONENTS.replace("[[-5000.0, 5000.0]]", "[[nan, 5000.0]]"),
        "components[1].telemetry.metrics.AC_POWER_ACTIVE.bounds",
        "number pairs with lower <= upper, no nan",
        id="nan-bounds",
    ),
    pytest.param(
        HEADER + COMPONENTS.replace("BATTERY_SOC_PCT = 50.0", "SOC = 50.0"),
        "components[2].telemetry.metrics.SOC",
        "expected a value under a Metric name such as AC_POWER_ACTIVE",
        id="unknown-metric",
    ),
    pytest.param(
        HEADER + COMPONENTS + entry("events", at=6.0, action="silence", component=1),
        "events[0].at",
        "expected a number of seconds from 0 to 5, got 6.0",
        id="event-after-duration",
    ),
    pytest.param(
        HEADER + COMPONENTS + entry("events", at=1.0, action="explode", component=1),
        "events[0].action",
        'expected one of "set", "silence"',
        id="unknown-action",
    ),
    pytest.param(
        HEADER + COMPONENTS + entry("events", at=1.0, action="silence", component=1000),
        "events[0].component",
        'expected components with a telemetry table for action "silence"',
        id="silence-without-telemetry",
    ),
    pytest.param(
        HEADER
        + COMPONENTS
        + entry("events", at=1.0, action="silence", component=[1, 3]),
        "events[0].component",
        "expected a component id or a list of component ids from [[components]]",
        id="unknown-event-component",
    ),
    pytest.param(
        HEADER
        + COMPONENTS
        + entry("events", at=1.0, action="end_stream", component=1, status="gone"),
        "events[0].status",
        'expected one of "ok", "cancelled"',
        id="unknown-status",
    ),
    pytest.param(
        HEADER
        + COMPONENTS
        + entry("events", at=1.0, action="sample_time", component=1, mode="offset"),
        "events[0].offset",
        "missing events[0].offset: expected a number of seconds, negative for past",
        id="offset-missing",
    ),
    pytest.param(
        HEADER
        + COMPONENTS
        + entry("events", at=1.0, action="restart_server", component=1),
        "events[0].component",
        "expected no component: a restart stops all",
        id="restart-with-component",
    ),
    pytest.param(
        HEADER
        + COMPONENTS
        + entry("events", at=1.0, action="set", component=1)
        + "metrics = { DC_POWER = { bounds = [[0, 1]] } }\n",
        "events[0].metrics.DC_POWER.value",
        "because component CID1 does not report DC_POWER before t=1",
        id="bounds-for-unreported-metric",
    ),
    pytest.param(
        HEADER
        + COMPONENTS
        + entry("expect", at=1.0, component=1, health="healthy", reason="x"),
        "expect[0].reason",
        'expected no reason when health is "healthy"',
        id="reason-when-healthy",
    ),
    pytest.param(
        HEADER + COMPONENTS + entry("expect", at=1.0, component=1, health="bad"),
        "expect[0].health",
        'expected one of "healthy", "unhealthy"',
        id="unknown-health",
    ),
    pytest.param(
        HEADER
        + COMPONENTS
        + entry(
            "expect", at=1.0, component=1, health="unhealthy", reason="Missing Data"
        ),
        "expect[0].reason",
        'expected one of "no_data_yet", "missing_data"',
        id="malformed-reason",
    ),
    pytest.param(
        HEADER + COMPONENTS + "[tracker]\nmissing_data_tolerance = 0\n",
        "tracker.missing_data_tolerance",
        "expected a positive number of seconds, got 0",
        id="zero-tolerance",
    ),
    pytest.param(
        HEADER
        + COMPONENTS.replace(
            'period = 0.2\nstates = ["READY"]', 'period = true\nstates = ["READY"]'
        ),
        "components[1].telemetry.period",
        "expected a positive number of seconds, got True",
        id="boolean-period",
    ),
]


@pytest.mark.parametrize(("text", "field_path", "message"), BAD_CASES)
def test_invalid_scenario(
    write_scenario: Callable[[str], Path], text: str, field_path: str, message: str
) -> None:
    path = write_scenario(text)

    with pytest.raises(ScenarioError) as info:
        load_scenario(path)

    assert info.value.field_path == field_path
    assert str(info.value).startswith(f"{path}: ")
    assert field_path in str(info.value)
    assert message in str(info.value)


def test_parse_names_placeholder_source() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario("format_version = 1\n", source="<inline>")

    assert info.value.source == "<inline>"
    assert (
        str(info.value)
        == "<inline>: missing duration: expected a positive number of seconds"
    )
