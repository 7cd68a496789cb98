# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The record of a scenario run: the health decisions and the checked expectations."""

from dataclasses import dataclass

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ..component import SampleOutcome
from ..group import InverterBatteryGroup
from ..health import UnhealthyReason
from ..simulator import Expectation, Scenario

CHECK_MARGIN_S = 1e-3
"""How far past an expectation's time a decision still counts as made by then.

A decision due at the same moment as a check is published a few
microseconds after it, even in virtual time.
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class HealthDecision:
    """A component's health as published, when it changed."""

    at_s: float
    """When it was published, in seconds since the scenario started."""

    component_id: ElectricalComponentId
    """The component."""

    reasons: frozenset[UnhealthyReason]
    """The reasons it is unhealthy; empty when healthy."""

    detail: str
    """The explanation of the reasons; empty when healthy."""

    @property
    def is_healthy(self) -> bool:
        """Whether the component is healthy."""
        return not self.reasons


@dataclass(frozen=True, slots=True, kw_only=True)
class SampleRejection:
    """Samples of one component that the tracker ignored for one cause.

    Ignored samples publish no status, so the runner finds them by reading
    the components' counters with every pool status it receives and once
    more at the end of the run. `at_s` is therefore when a counter was seen
    to rise, not when the samples arrived: at the first pool status after
    them, or at the end of the run.
    """

    at_s: float
    """When the rise was seen, in seconds since the scenario started."""

    component_id: ElectricalComponentId
    """The component whose stream carried the samples."""

    cause: SampleOutcome
    """Why the samples were ignored: foreign id, out of order or duplicate."""

    count: int
    """How many samples were ignored for this cause since the previous reading."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExpectationResult:
    """An expectation of the scenario file and what the tracker decided."""

    expectation: Expectation
    """The expected health."""

    decision: HealthDecision | None
    """The component's latest decision at the expected time, or `None`."""

    @property
    def passed(self) -> bool:
        """Whether the decision matches the expectation."""
        if self.decision is None:
            return False
        if self.decision.is_healthy != self.expectation.healthy:
            return False
        reason = self.expectation.reason
        return reason is None or reason in {r.value for r in self.decision.reasons}

    def describe(self) -> str:
        """Return one line: the expectation, what was decided, and the verdict."""
        expected = "healthy" if self.expectation.healthy else "unhealthy"
        if self.expectation.reason is not None:
            expected += f" ({self.expectation.reason})"
        if self.decision is None:
            actual = "no decision"
        elif self.decision.is_healthy:
            actual = "healthy"
        else:
            actual = (
                "unhealthy ("
                + ", ".join(sorted(r.value for r in self.decision.reasons))
                + ")"
            )
        verdict = "ok" if self.passed else "FAILED"
        return (
            f"t={self.expectation.at:7.3f} s  component {self.expectation.component_id}: "
            f"expected {expected}, got {actual}  {verdict}"
        )


def check_expectations(
    scenario: Scenario, decisions: tuple[HealthDecision, ...], *, until_s: float
) -> tuple[ExpectationResult, ...]:
    """Check each expectation due by a time against the latest decision made by then.

    Args:
        scenario: The scenario with the expectations.
        decisions: The decisions, in publishing order.
        until_s: How long the run lasted; later expectations are left out.

    Returns:
        One result per checked expectation, in the scenario's order.
    """
    results: list[ExpectationResult] = []
    for expectation in scenario.expectations:
        if expectation.at > until_s + CHECK_MARGIN_S:
            continue
        latest: HealthDecision | None = None
        for decision in decisions:
            if decision.at_s > expectation.at + CHECK_MARGIN_S:
                break
            if decision.component_id == expectation.component_id:
                latest = decision
        results.append(ExpectationResult(expectation=expectation, decision=latest))
    return tuple(results)


@dataclass(frozen=True, kw_only=True)
class ScenarioRun:
    """The outcome of running a scenario through the tracker."""

    scenario: Scenario
    """The scenario that ran."""

    groups: tuple[InverterBatteryGroup, ...]
    """The groups discovered in the scenario's topology."""

    decisions: tuple[HealthDecision, ...]
    """Every health decision, in publishing order; the first status counts
    as a decision for every component."""

    expectations: tuple[ExpectationResult, ...]
    """The scenario's expectations, checked."""

    duration_s: float
    """How long the run lasted, in seconds since the scenario started."""

    rejections: tuple[SampleRejection, ...] = ()
    """The ignored samples, in the order they were seen."""

    @property
    def passed(self) -> bool:
        """Whether every expectation was met."""
        return all(result.passed for result in self.expectations)
