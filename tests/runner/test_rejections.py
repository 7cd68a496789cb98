# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Ignored samples recorded by a replay, from the components' counters."""

import pytest
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from frequenz.telemetry_tracker.component import SampleOutcome
from frequenz.telemetry_tracker.runner import SampleRejection, replay
from frequenz.telemetry_tracker.simulator import load_scenario, parse_scenario

from .scenarios import SCENARIO_DIR

INVERTER_1 = ElectricalComponentId(1)
BATTERY_10 = ElectricalComponentId(10)

FROZEN_CLOCKS = """
format_version = 1
duration = 3.0

[tracker]
missing_data_tolerance = 10.0

[[components]]
id = 1000
category = "grid"

[[components]]
id = 1001
category = "meter"

[[components]]
id = 1
category = "inverter"
[components.telemetry]
period = 0.4
states = ["READY"]

[[components]]
id = 10
category = "battery"
[components.telemetry]
period = 0.4
states = ["READY", "RELAY_CLOSED"]

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
at = 1.0
action = "sample_time"
component = [1, 10]
mode = "freeze"
"""


def summary(
    rejections: tuple[SampleRejection, ...],
) -> list[tuple[float, int, SampleOutcome, int]]:
    """Return the rejections as rounded, comparable tuples."""
    return [
        (round(r.at_s, 3), int(r.component_id), r.cause, r.count) for r in rejections
    ]


def test_rejections_at_following_status() -> None:
    run = replay(load_scenario(SCENARIO_DIR / "mixed_faults_and_rejected_samples.toml"))

    found = summary(run.rejections)
    assert (6.0, 1, SampleOutcome.DUPLICATE, 1) in found
    assert (6.5, 1, SampleOutcome.DUPLICATE, 1) in found
    assert (8.0, 1, SampleOutcome.OUT_OF_ORDER, 1) in found
    assert (22.0, 10, SampleOutcome.OUT_OF_ORDER, 1) in found


def test_rejections_add_up_to_counters() -> None:
    run = replay(load_scenario(SCENARIO_DIR / "mixed_faults_and_rejected_samples.toml"))

    totals: dict[tuple[int, SampleOutcome], int] = {}
    for rejection in run.rejections:
        key = (int(rejection.component_id), rejection.cause)
        totals[key] = totals.get(key, 0) + rejection.count
    # Inverter 1: two repeated samples, then eight while its clock is
    # frozen from t=40 to t=44 (one every 0.5 s).
    assert totals == {
        (1, SampleOutcome.DUPLICATE): 10,
        (1, SampleOutcome.OUT_OF_ORDER): 1,
        (10, SampleOutcome.OUT_OF_ORDER): 1,
    }
    frozen = [r.at_s for r in run.rejections if 40.0 <= r.at_s < 44.0]
    assert len(frozen) == 8


def test_rejections_after_last_status() -> None:
    # Ignored samples publish no status: with both clocks frozen from t=1,
    # the counters are read only once more, at the end of the run.
    run = replay(parse_scenario(FROZEN_CLOCKS))

    assert run.duration_s == 3.0
    assert {r.component_id for r in run.rejections} == {INVERTER_1, BATTERY_10}
    for rejection in run.rejections:
        assert rejection.at_s == pytest.approx(3.0)
        assert rejection.cause is SampleOutcome.DUPLICATE
        # Samples at t=1.2, 1.6, 2.0, 2.4 and 2.8 repeat the one from t=0.8.
        assert rejection.count == 5


def test_no_rejections_without_ignored_samples() -> None:
    run = replay(load_scenario(SCENARIO_DIR / "inverter_goes_silent.toml"))

    assert run.rejections == ()
    assert run.duration_s == run.scenario.duration
