# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Running the tracker on scenarios and servers: live, replayed, or watching a URL."""

from ._graph import fetch_component_graph, scenario_component_graph
from ._result import (
    CHECK_MARGIN_S,
    ExpectationResult,
    HealthDecision,
    SampleRejection,
    ScenarioRun,
    check_expectations,
)
from ._run import (
    DEFAULT_TOLERANCE,
    REPLAY_START_UTC,
    StatusCallback,
    replay,
    run_live,
    scenario_tolerance,
    track_scenario,
    watch,
)
from ._source import ScenarioTelemetrySource

__all__ = [
    "CHECK_MARGIN_S",
    "DEFAULT_TOLERANCE",
    "REPLAY_START_UTC",
    "ExpectationResult",
    "HealthDecision",
    "SampleRejection",
    "ScenarioRun",
    "ScenarioTelemetrySource",
    "StatusCallback",
    "check_expectations",
    "fetch_component_graph",
    "replay",
    "run_live",
    "scenario_component_graph",
    "scenario_tolerance",
    "track_scenario",
    "watch",
]
