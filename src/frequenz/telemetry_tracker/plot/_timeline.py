# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Health spans, group usability and ignored samples of a run, per component."""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ..group import InverterBatteryGroup
from ..health import ComponentKind, UnhealthyReason
from ..runner import HealthDecision, SampleRejection, ScenarioRun


@dataclass(frozen=True, slots=True, kw_only=True)
class HealthSpan:
    """A stretch of time over which a component's set of reasons stayed the same."""

    start_s: float
    """The start, in seconds since the scenario started."""

    end_s: float
    """The end, in seconds since the scenario started; later than `start_s`."""

    reasons: frozenset[UnhealthyReason]
    """The reasons the component was unhealthy; empty when it was healthy."""

    @property
    def is_healthy(self) -> bool:
        """Whether the component was healthy."""
        return not self.reasons


@dataclass(frozen=True, slots=True, kw_only=True)
class ComponentTimeline:
    """One component's health over a run, and the samples it ignored."""

    component_id: ElectricalComponentId
    """The component."""

    kind: ComponentKind
    """Whether the component is an inverter or a battery."""

    spans: tuple[HealthSpan, ...]
    """Its health, in time order, from its first decision to the end of the run."""

    rejections: tuple[SampleRejection, ...]
    """Its ignored samples, in the order they were seen."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupTimeline:
    """One group's components over a run, and when the group was usable."""

    group: InverterBatteryGroup
    """The group."""

    components: tuple[ComponentTimeline, ...]
    """Its inverters, then its batteries, each by ascending id."""

    usable_spans: tuple[tuple[float, float], ...]
    """The stretches (start, end), in seconds since the scenario started, in
    which at least one inverter and at least one battery were healthy."""


def _spans(decisions: Sequence[HealthDecision], end_s: float) -> tuple[HealthSpan, ...]:
    """Turn one component's decisions into spans that end where the next begins."""
    spans: list[HealthSpan] = []
    for index, decision in enumerate(decisions):
        following = decisions[index + 1].at_s if index + 1 < len(decisions) else end_s
        span_end_s = min(following, end_s)
        if span_end_s > decision.at_s:
            spans.append(
                HealthSpan(
                    start_s=decision.at_s, end_s=span_end_s, reasons=decision.reasons
                )
            )
    return tuple(spans)


def _is_healthy_at(component: ComponentTimeline, at_s: float) -> bool:
    return any(
        span.is_healthy and span.start_s <= at_s < span.end_s
        for span in component.spans
    )


def _usable_spans(
    components: Sequence[ComponentTimeline],
) -> tuple[tuple[float, float], ...]:
    """Find when at least one inverter and at least one battery were healthy."""
    boundaries = sorted(
        {span.start_s for c in components for span in c.spans}
        | {span.end_s for c in components for span in c.spans}
    )
    usable: list[tuple[float, float]] = []
    for start_s, end_s in itertools.pairwise(boundaries):
        healthy_kinds = {c.kind for c in components if _is_healthy_at(c, start_s)}
        if healthy_kinds != {ComponentKind.INVERTER, ComponentKind.BATTERY}:
            continue
        if usable and usable[-1][1] == start_s:
            usable[-1] = (usable[-1][0], end_s)
        else:
            usable.append((start_s, end_s))
    return tuple(usable)


def build_timelines(run: ScenarioRun) -> tuple[GroupTimeline, ...]:
    """Arrange a run's decisions and ignored samples by group and component.

    Args:
        run: A finished scenario run.

    Returns:
        One timeline per group, in the run's order of groups.
    """
    decisions: dict[ElectricalComponentId, list[HealthDecision]] = {}
    for decision in run.decisions:
        decisions.setdefault(decision.component_id, []).append(decision)
    rejections: dict[ElectricalComponentId, list[SampleRejection]] = {}
    for rejection in run.rejections:
        rejections.setdefault(rejection.component_id, []).append(rejection)

    timelines: list[GroupTimeline] = []
    for group in run.groups:
        members = [
            *((i, ComponentKind.INVERTER) for i in sorted(group.inverter_ids, key=int)),
            *((i, ComponentKind.BATTERY) for i in sorted(group.battery_ids, key=int)),
        ]
        components = tuple(
            ComponentTimeline(
                component_id=component_id,
                kind=kind,
                spans=_spans(decisions.get(component_id, []), run.duration_s),
                rejections=tuple(rejections.get(component_id, [])),
            )
            for component_id, kind in members
        )
        timelines.append(
            GroupTimeline(
                group=group,
                components=components,
                usable_spans=_usable_spans(components),
            )
        )
    return tuple(timelines)
