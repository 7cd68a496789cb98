# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The scenario files of the repository, for parametrised tests."""

from pathlib import Path

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from frequenz.telemetry_tracker.health import UnhealthyReason
from frequenz.telemetry_tracker.runner import ScenarioRun

SCENARIO_DIR = Path(__file__).parent.parent / "scenarios"
SCENARIO_FILES = sorted(SCENARIO_DIR.glob("*.toml"))


def reasons_by_component(
    run: ScenarioRun,
) -> dict[ElectricalComponentId, list[frozenset[UnhealthyReason]]]:
    """Return each component's sequence of decided reason sets."""
    sequences: dict[ElectricalComponentId, list[frozenset[UnhealthyReason]]] = {}
    for decision in run.decisions:
        sequences.setdefault(decision.component_id, []).append(decision.reasons)
    return sequences
