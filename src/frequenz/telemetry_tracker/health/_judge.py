# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The judgement of a single sample: healthy, or unhealthy for which reasons.

Everything here is a pure function of the sample, the policy and the host's
wall-clock time passed in; nothing here raises on odd input. A list of
parts or a set of codes that is `None` counts as empty, and a set of codes
of the wrong type counts as one unknown code.
"""

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentStateCode,
)

from ._policy import ComponentKind, HealthPolicy
from ._reasons import UnhealthyReason
from ._rules import StateCodeRules

_NOT_KNOWN = frozenset({ComponentStateCode.UNSPECIFIED, ComponentStateCode.UNKNOWN})


@dataclass(frozen=True, slots=True)
class Judgement:
    """The outcome of judging one sample."""

    reasons: frozenset[UnhealthyReason]
    """The reasons the sample makes its component unhealthy; empty when healthy."""

    detail: str
    """A human-readable explanation naming the offending codes or times;
    empty when healthy."""

    sample_time_utc: datetime | None
    """The sample's own timestamp (device clock, UTC), or `None` when it has
    none or a naive one."""

    @property
    def is_healthy(self) -> bool:
        """Whether the sample makes its component healthy."""
        return not self.reasons


def _code_name(code: object) -> str:
    name = getattr(code, "name", None)
    return name if isinstance(name, str) else repr(code)


def _code_names(codes: Iterable[object]) -> str:
    return ", ".join(sorted(_code_name(code) for code in codes))


@functools.lru_cache(maxsize=4096)
def _judge_states(
    rules: StateCodeRules,
    codes: frozenset[object],
    errors: frozenset[object],
) -> tuple[frozenset[UnhealthyReason], str]:
    """Judge the union of the reported state codes and errors (cached)."""
    reasons: set[UnhealthyReason] = set()
    details: list[str] = []
    if errors:
        reasons.add(UnhealthyReason.ERROR_REPORTED)
        details.append(f"errors reported: {_code_names(errors)}")
    if not codes:
        reasons.add(UnhealthyReason.NO_STATE)
        details.append("no state code reported")
        return frozenset(reasons), "; ".join(details)

    unknown = {
        code
        for code in codes
        if not isinstance(code, ComponentStateCode) or code in _NOT_KNOWN
    }
    if unknown:
        reasons.add(UnhealthyReason.UNKNOWN_STATE_CODE)
        details.append(f"unknown state codes: {_code_names(unknown)}")
    not_allowed = codes - unknown - rules.allowed
    if not_allowed:
        reasons.add(UnhealthyReason.STATE_NOT_HEALTHY)
        details.append(f"state codes not healthy: {_code_names(not_allowed)}")
    if not unknown and not codes & rules.operational:
        reasons.add(UnhealthyReason.STATE_NOT_HEALTHY)
        details.append(
            f"no operational state code (expected one of {_code_names(rules.operational)})"
        )
    missing = rules.required - codes
    if missing:
        reasons.add(UnhealthyReason.REQUIRED_STATE_MISSING)
        details.append(f"required state codes missing: {_code_names(missing)}")
    return frozenset(reasons), "; ".join(details)


def _code_set(codes: object) -> frozenset[object]:
    """Return a state sample's codes or errors as a set, whatever the source sent.

    `None` counts as no code. A value that is not an iterable of hashable
    codes counts as one unknown code, so that it cannot pass as healthy.
    """
    if isinstance(codes, frozenset):
        return codes
    if codes is None:
        return frozenset()
    if isinstance(codes, Iterable):
        try:
            return frozenset(codes)
        except TypeError:
            pass
    return frozenset({repr(codes)})


def _parts_of(parts: object) -> Sequence[object]:
    """Return a sample's metric or state samples. `None` or a non-iterable counts as none."""
    if isinstance(parts, Sequence):
        return parts
    if isinstance(parts, Iterable):
        return tuple(parts)
    return ()


def _union_states(
    states: Sequence[object],
) -> tuple[frozenset[object], frozenset[object]]:
    if len(states) == 1:
        only = states[0]
        return (
            _code_set(getattr(only, "states", None)),
            _code_set(getattr(only, "errors", None)),
        )
    codes: set[object] = set()
    errors: set[object] = set()
    for state in states:
        codes |= _code_set(getattr(state, "states", None))
        errors |= _code_set(getattr(state, "errors", None))
    return frozenset(codes), frozenset(errors)


def sample_time_utc(sample: ComponentDataSamples) -> datetime | None:
    """Return the sample's own timestamp, the latest of its parts.

    Args:
        sample: The sample to read.

    Returns:
        The latest `sampled_at` of its metric and state samples (device clock,
        UTC), or `None` if any part has no timestamp or a naive one, or the
        sample has no parts at all.
    """
    latest: datetime | None = None
    parts = [*_parts_of(sample.metric_samples), *_parts_of(sample.states)]
    for part in parts:
        sampled_at = getattr(part, "sampled_at", None)
        if not isinstance(sampled_at, datetime) or sampled_at.utcoffset() is None:
            return None
        if latest is None or sampled_at > latest:
            latest = sampled_at
    return latest


def _judge_sample_time(
    sample_time: datetime | None,
    policy: HealthPolicy,
    wall_clock_now_utc: datetime,
) -> tuple[UnhealthyReason, str] | None:
    max_age = policy.max_sample_age
    if max_age is None:
        return None
    if sample_time is None:
        return (
            UnhealthyReason.INVALID_SAMPLE_TIME,
            "sample time missing or without time zone, so its age is unknown",
        )
    age = wall_clock_now_utc - sample_time
    if age > max_age:
        return (
            UnhealthyReason.STALE_SAMPLE_TIME,
            f"sample time {sample_time.isoformat()} is {age.total_seconds():.3f} s "
            f"old (maximum {max_age.total_seconds():g} s)",
        )
    if -age > policy.max_clock_skew:
        return (
            UnhealthyReason.SAMPLE_TIME_IN_FUTURE,
            f"sample time {sample_time.isoformat()} is {-age.total_seconds():.3f} s "
            f"ahead of the host clock (maximum {policy.max_clock_skew.total_seconds():g} s)",
        )
    return None


def judge_sample(
    sample: ComponentDataSamples,
    *,
    kind: ComponentKind,
    policy: HealthPolicy,
    wall_clock_now_utc: datetime,
) -> Judgement:
    """Judge whether one sample makes its component healthy.

    Args:
        sample: The sample to judge.
        kind: Whether the component is an inverter or a battery.
        policy: The health policy to apply.
        wall_clock_now_utc: The host's wall-clock time (UTC) at the sample's
            arrival, to judge the sample's age.

    Returns:
        The judgement, with every reason that applies.
    """
    state_samples = _parts_of(sample.states)
    codes, errors = _union_states(state_samples)
    if state_samples:
        reasons, detail = _judge_states(policy.rules_for(kind), codes, errors)
    else:
        reasons, detail = frozenset({UnhealthyReason.NO_STATE}), "no state sample"
    sample_time = sample_time_utc(sample)
    time_problem = _judge_sample_time(sample_time, policy, wall_clock_now_utc)
    if time_problem is not None:
        reason, time_detail = time_problem
        reasons = reasons | {reason}
        detail = f"{detail}; {time_detail}" if detail else time_detail
    return Judgement(reasons=reasons, detail=detail, sample_time_utc=sample_time)
