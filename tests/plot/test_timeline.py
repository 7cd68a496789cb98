# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of arranging a run's decisions and ignored samples into timelines."""

import itertools

import pytest
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from frequenz.telemetry_tracker import InverterBatteryGroup
from frequenz.telemetry_tracker.component import SampleOutcome
from frequenz.telemetry_tracker.health import ComponentKind, UnhealthyReason
from frequenz.telemetry_tracker.plot import (
    ComponentTimeline,
    HealthSpan,
    build_timelines,
)
from frequenz.telemetry_tracker.runner import (
    HealthDecision,
    SampleRejection,
    ScenarioRun,
)
from frequenz.telemetry_tracker.simulator import load_scenario

from .runs import MIXED_FAULTS, mixed_faults_run


def component(run: ScenarioRun, component_id: int) -> ComponentTimeline:
    """Find one component's timeline."""
    for group in build_timelines(run):
        for timeline in group.components:
            if int(timeline.component_id) == component_id:
                return timeline
    raise AssertionError(f"component {component_id} not in the run")


def rounded(spans: tuple[HealthSpan, ...]) -> list[tuple[float, float, set[str]]]:
    """Return spans as (start, end, reason values), rounded to milliseconds."""
    return [
        (round(s.start_s, 3), round(s.end_s, 3), {r.value for r in s.reasons})
        for s in spans
    ]


def test_groups_and_row_order() -> None:
    timelines = build_timelines(mixed_faults_run())

    assert [t.group for t in timelines] == [
        InverterBatteryGroup(inverter_ids=[1, 2], battery_ids=[10, 11, 12]),
        InverterBatteryGroup(inverter_ids=[3], battery_ids=[13]),
    ]
    rows = [[(int(c.component_id), c.kind) for c in t.components] for t in timelines]
    assert rows[0] == [
        (1, ComponentKind.INVERTER),
        (2, ComponentKind.INVERTER),
        (10, ComponentKind.BATTERY),
        (11, ComponentKind.BATTERY),
        (12, ComponentKind.BATTERY),
    ]
    assert rows[1] == [(3, ComponentKind.INVERTER), (13, ComponentKind.BATTERY)]


def test_spans_follow_decisions() -> None:
    run = mixed_faults_run()

    assert rounded(component(run, 2).spans) == [
        (0.0, 15.5, set()),
        (15.5, 25.0, {"missing_data"}),
        (25.0, 32.0, {"stale_sample_time"}),
        (32.0, 60.0, set()),
    ]
    assert rounded(component(run, 11).spans)[1] == (
        10.0,
        20.0,
        {"error_reported", "state_not_healthy", "required_state_missing"},
    )
    assert rounded(component(run, 13).spans)[0] == (0.0, 4.0, {"no_data_yet"})


def test_spans_cover_whole_run() -> None:
    run = mixed_faults_run()

    for group in build_timelines(run):
        for timeline in group.components:
            spans = timeline.spans
            assert spans[0].start_s == pytest.approx(0.0, abs=1e-3)
            assert spans[-1].end_s == run.duration_s
            for earlier, later in itertools.pairwise(spans):
                assert earlier.end_s == later.start_s
                assert earlier.end_s > earlier.start_s


def test_usable_spans_of_groups() -> None:
    group_a, group_b = build_timelines(mixed_faults_run())

    assert [(round(a, 3), round(b, 3)) for a, b in group_a.usable_spans] == [
        (0.0, 60.0)
    ]
    # Battery 13 sends from t=4 and inverter 3 reports an error from 50 to 55.
    assert [(round(a, 3), round(b, 3)) for a, b in group_b.usable_spans] == [
        (4.0, 50.0),
        (55.0, 60.0),
    ]


def test_rejections_go_to_their_rows() -> None:
    run = mixed_faults_run()

    battery = component(run, 10)
    assert [(round(r.at_s, 3), r.cause) for r in battery.rejections] == [
        (22.0, SampleOutcome.OUT_OF_ORDER)
    ]
    assert component(run, 12).rejections == ()
    assert len(component(run, 1).rejections) == 11


def test_run_ending_early_cuts_spans() -> None:
    scenario = load_scenario(MIXED_FAULTS)
    inverter = ElectricalComponentId(1)
    battery = ElectricalComponentId(10)
    decisions = tuple(
        HealthDecision(at_s=at_s, component_id=cid, reasons=reasons, detail="")
        for at_s, cid, reasons in [
            (0.0, inverter, frozenset({UnhealthyReason.NO_DATA_YET})),
            (0.0, battery, frozenset({UnhealthyReason.NO_DATA_YET})),
            (1.0, battery, frozenset()),
            (2.0, inverter, frozenset()),
            (9.0, inverter, frozenset({UnhealthyReason.MISSING_DATA})),
        ]
    )
    run = ScenarioRun(
        scenario=scenario,
        groups=(InverterBatteryGroup(inverter_ids=[1], battery_ids=[10]),),
        decisions=decisions,
        expectations=(),
        duration_s=5.0,
        rejections=(
            SampleRejection(
                at_s=3.0,
                component_id=inverter,
                cause=SampleOutcome.FOREIGN_ID,
                count=2,
            ),
        ),
    )

    (group,) = build_timelines(run)

    assert rounded(group.components[0].spans) == [
        (0.0, 2.0, {"no_data_yet"}),
        (2.0, 5.0, set()),
    ]
    assert rounded(group.components[1].spans) == [
        (0.0, 1.0, {"no_data_yet"}),
        (1.0, 5.0, set()),
    ]
    assert group.usable_spans == ((2.0, 5.0),)
    assert group.components[0].rejections == run.rejections
