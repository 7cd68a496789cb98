# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The bad-input corpus: odd or malformed samples, each with its documented decision."""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import (
    ComponentDataSamples,
    ComponentStateSample,
)
from frequenz.client.microgrid.component import ComponentErrorCode as Error
from frequenz.client.microgrid.component import ComponentStateCode as Code
from frequenz.client.microgrid.metrics import (
    AggregatedMetricValue,
    Bounds,
    Metric,
    MetricSample,
)

from frequenz.telemetry_tracker import UnhealthyReason as R

from ..samples import START_UTC, client_id, make_sample
from .helpers import anything, unchecked_bounds

INVERTER = 1
BATTERY = 10

PRIOR_UTC = START_UTC
"""The sample time of the healthy sample sent first in cases marked `after_sample`."""

Build = Callable[[datetime], ComponentDataSamples]
"""A function that builds the odd sample from the wall-clock time at sending."""


@dataclass(frozen=True)
class OddInput:
    """One odd sample and what the tracker decides on it."""

    name: str
    """A short test id."""

    text: str
    """The input, as the documentation table shows it."""

    build: Build
    """The function that builds the sample."""

    reasons: frozenset[R] | None
    """The reasons published for the component, or `None` if the sample is ignored."""

    ignored_by: str | None = None
    """The `ComponentStats` counter that counts the sample when it is ignored."""

    component: int = INVERTER
    """The component whose stream the sample is sent on."""

    after_sample: bool = False
    """Whether a healthy sample stamped `PRIOR_UTC` is accepted first."""

    next_ignored_by: str | None = None
    """The counter that counts the next normal sample, if that one is ignored too."""

    @property
    def decision(self) -> str:
        """The decision, as the documentation table shows it."""
        if self.reasons is None:
            return f"ignored, `{self.ignored_by}` + 1"
        if not self.reasons:
            return "healthy"
        return "unhealthy: " + ", ".join(f"`{r.value}`" for r in sorted_reasons(self))

    @property
    def next_decision(self) -> str:
        """The outcome of a normal sample sent after it, as the documentation shows it."""
        if self.next_ignored_by is None:
            return "healthy"
        return f"ignored, `{self.next_ignored_by}` + 1"


def sorted_reasons(case: OddInput) -> list[R]:
    """Return the case's reasons sorted by value."""
    return sorted(case.reasons or (), key=lambda reason: reason.value)


def healthy(name: str, text: str, build: Build, **kwargs: Any) -> OddInput:
    """Return a case the tracker judges healthy."""
    return OddInput(name, text, build, frozenset(), **kwargs)


def unhealthy(
    name: str, text: str, build: Build, *reasons: R, **kwargs: Any
) -> OddInput:
    """Return a case the tracker judges unhealthy for the given reasons."""
    return OddInput(name, text, build, frozenset(reasons), **kwargs)


def ignored(
    name: str, text: str, build: Build, counter: str, **kwargs: Any
) -> OddInput:
    """Return a case the tracker ignores, counting it in `counter`."""
    return OddInput(name, text, build, None, ignored_by=counter, **kwargs)


def states(
    now: datetime,
    *codes: object,
    errors: Iterable[object] = (),
    warnings: Iterable[object] = (),
    component: int = INVERTER,
) -> ComponentDataSamples:
    """Return a normal-looking sample with the given state codes, errors and warnings."""
    return make_sample(
        component,
        sampled_at=now,
        states=anything(codes),
        errors=anything(errors),
        warnings_=anything(warnings),
    )


def state_fields(now: datetime, **fields: Any) -> ComponentDataSamples:
    """Return a READY sample whose state sample has some fields replaced."""
    values: dict[str, Any] = {
        "sampled_at": now,
        "states": frozenset({Code.READY}),
        "warnings": frozenset(),
        "errors": frozenset(),
    }
    values.update(fields)
    return message(INVERTER, [metric(now)], [ComponentStateSample(**values)])


def metric(
    now: datetime,
    value: object = 1000.0,
    bounds: object = (),
    kind: object = Metric.AC_POWER_ACTIVE,
) -> MetricSample:
    """Return one metric sample; any field may be of a wrong type."""
    return MetricSample(
        sampled_at=now,
        metric=anything(kind),
        value=anything(value),
        bounds=anything(bounds if bounds is None else list(anything(bounds))),
    )


def ready(now: datetime) -> ComponentStateSample:
    """Return a READY state sample."""
    return ComponentStateSample(
        sampled_at=now,
        states=frozenset({Code.READY}),
        warnings=frozenset(),
        errors=frozenset(),
    )


def message(
    component_id: object, metrics: object, state_samples: object
) -> ComponentDataSamples:
    """Return a sample message built from parts of any type."""
    if isinstance(component_id, int) and not isinstance(component_id, bool):
        component_id = client_id(component_id)
    return ComponentDataSamples(
        component_id=anything(component_id),
        metric_samples=anything(metrics),
        states=anything(state_samples),
    )


def with_metrics(now: datetime, *metrics: MetricSample) -> ComponentDataSamples:
    """Return a READY sample carrying the given metric samples."""
    return message(INVERTER, list(metrics), [ready(now)])


def at(now: datetime) -> ComponentDataSamples:
    """Return a healthy inverter sample stamped `now`."""
    return make_sample(INVERTER, sampled_at=now)


def east(hours: int) -> timezone:
    """Return a fixed time zone `hours` east of UTC."""
    return timezone(timedelta(hours=hours))


def plain_id(now: datetime) -> ComponentDataSamples:
    """Return a healthy inverter sample whose id is a plain int."""
    sample = at(now)
    object.__setattr__(sample, "component_id", INVERTER)
    return sample


def negative_id(now: datetime) -> ComponentDataSamples:
    """Return a healthy inverter sample whose id is -1, which no component has."""
    sample = at(now)
    object.__setattr__(sample, "component_id", -1)
    return sample


_ONE_BOUND = Bounds(lower=-5000.0, upper=5000.0)
_NAN = math.nan
_INF = math.inf
_NOT_KNOWN_ERROR = 999
_OUT_OF_ORDER = "samples_rejected_out_of_order"
_DUPLICATE = "samples_rejected_duplicate"
_FOREIGN = "samples_rejected_foreign_id"
PRIOR_SAMPLE = at(PRIOR_UTC)
"""The healthy sample sent first in cases marked `after_sample`."""

STATE_CASES = [
    unhealthy("code_999", "state code 999 (a bare int)", lambda t: states(t, 999), R.UNKNOWN_STATE_CODE),
    unhealthy("code_unknown", "state code `UNKNOWN`", lambda t: states(t, Code.UNKNOWN), R.UNKNOWN_STATE_CODE),
    unhealthy("code_unspecified", "state code `UNSPECIFIED`", lambda t: states(t, Code.UNSPECIFIED), R.UNKNOWN_STATE_CODE),
    unhealthy("ready_and_999", "`READY` and 999", lambda t: states(t, Code.READY, 999), R.UNKNOWN_STATE_CODE),
    unhealthy("ready_raw_value", "the raw number of `READY`, not the enum member", lambda t: states(t, Code.READY.value), R.UNKNOWN_STATE_CODE),
    unhealthy("code_string", "state code `\"READY\"` (a string)", lambda t: states(t, "READY"), R.UNKNOWN_STATE_CODE),
    unhealthy("code_none", "`READY` and `None` in the state set", lambda t: states(t, Code.READY, None), R.UNKNOWN_STATE_CODE),
    unhealthy("code_bool", "state code `True`", lambda t: states(t, True), R.UNKNOWN_STATE_CODE),
    unhealthy("code_nan", "state code NaN (a float)", lambda t: states(t, _NAN), R.UNKNOWN_STATE_CODE),
    unhealthy("states_string", "state set given as the string `\"READY\"`", lambda t: state_fields(t, states="READY"), R.UNKNOWN_STATE_CODE),
    unhealthy("states_int", "state set given as the int 5", lambda t: state_fields(t, states=5), R.UNKNOWN_STATE_CODE),
    unhealthy("thousands_of_codes", "`READY` and 3,000 unknown codes", lambda t: states(t, Code.READY, *range(1000, 4000)), R.UNKNOWN_STATE_CODE),
    unhealthy("states_empty", "empty state set", states, R.NO_STATE),
    unhealthy("states_none", "state set `None`", lambda t: state_fields(t, states=None), R.NO_STATE),
    unhealthy("no_state_sample", "metrics but no state sample", lambda t: message(INVERTER, [metric(t)], []), R.NO_STATE),
    unhealthy("state_samples_none", "list of state samples `None`", lambda t: message(INVERTER, [metric(t)], None), R.NO_STATE),
    healthy("warnings_only", "`READY` with a warning", lambda t: states(t, Code.READY, warnings=[Error.HIGH_HUMIDITY])),
    healthy("warning_999", "`READY` with warning 999", lambda t: states(t, Code.READY, warnings=[_NOT_KNOWN_ERROR])),
    healthy("warnings_none", "`READY` with warning set `None`", lambda t: state_fields(t, warnings=None)),
    unhealthy("warnings_no_state", "a warning and no state code", lambda t: states(t, warnings=[Error.HIGH_HUMIDITY]), R.NO_STATE),
    unhealthy("error_and_error_state", "`ERROR` with error `OVERCURRENT`", lambda t: states(t, Code.ERROR, errors=[Error.OVERCURRENT]), R.ERROR_REPORTED, R.STATE_NOT_HEALTHY),
    unhealthy("error_and_ready", "`READY` with error `OVERCURRENT`", lambda t: states(t, Code.READY, errors=[Error.OVERCURRENT]), R.ERROR_REPORTED),
    unhealthy("error_no_state", "error `OVERCURRENT` and no state code", lambda t: states(t, errors=[Error.OVERCURRENT]), R.ERROR_REPORTED, R.NO_STATE),
    unhealthy("error_999", "`READY` with error 999", lambda t: states(t, Code.READY, errors=[_NOT_KNOWN_ERROR]), R.ERROR_REPORTED),
    healthy("errors_none", "`READY` with error set `None`", lambda t: state_fields(t, errors=None)),
    unhealthy("error_state_alone", "`ERROR` and no error code", lambda t: states(t, Code.ERROR), R.STATE_NOT_HEALTHY),
    unhealthy("relay_open_inverter", "inverter: `READY` and `RELAY_OPEN`", lambda t: states(t, Code.READY, Code.RELAY_OPEN), R.STATE_NOT_HEALTHY),
    unhealthy("neutral_only", "`PRECHARGER_CLOSED` only", lambda t: states(t, Code.PRECHARGER_CLOSED), R.STATE_NOT_HEALTHY),
    unhealthy("battery_no_relay", "battery: `READY` without `RELAY_CLOSED`", lambda t: states(t, Code.READY, component=BATTERY), R.REQUIRED_STATE_MISSING, component=BATTERY),
    unhealthy("ready_then_error", "two state samples: `READY`, then `ERROR`", lambda t: message(INVERTER, [], [ready(t), states(t, Code.ERROR).states[0]]), R.STATE_NOT_HEALTHY),
]  # fmt: skip

METRIC_CASES = [
    healthy("value_nan", "metric value NaN", lambda t: with_metrics(t, metric(t, _NAN))),
    healthy("value_inf", "metric value +inf", lambda t: with_metrics(t, metric(t, _INF))),
    healthy("value_minus_inf", "metric value -inf", lambda t: with_metrics(t, metric(t, -_INF))),
    healthy("value_none", "metric value `None`", lambda t: with_metrics(t, metric(t, None))),
    healthy("value_string", "metric value `\"1000\"` (a string)", lambda t: with_metrics(t, metric(t, "1000"))),
    healthy("aggregate_nan", "aggregated value with NaN average", lambda t: with_metrics(t, metric(t, AggregatedMetricValue(avg=_NAN, min=None, max=None, raw_values=[])))),
    healthy("bounds_nan", "bounds NaN to NaN", lambda t: with_metrics(t, metric(t, bounds=[unchecked_bounds(_NAN, _NAN)]))),
    healthy("bounds_inf", "bounds -inf to +inf", lambda t: with_metrics(t, metric(t, bounds=[Bounds(lower=-_INF, upper=_INF)]))),
    healthy("bounds_inverted", "lower bound 5000 above upper bound -5000", lambda t: with_metrics(t, metric(t, bounds=[unchecked_bounds(5000.0, -5000.0)]))),
    healthy("bounds_none", "bounds list `None`", lambda t: with_metrics(t, metric(t, bounds=None))),
    healthy("bounds_many", "1,000 bounds on one metric", lambda t: with_metrics(t, metric(t, bounds=[_ONE_BOUND] * 1000))),
    healthy("metric_999", "metric 999 (not a known metric)", lambda t: with_metrics(t, metric(t, kind=999))),
    healthy("thousands_of_metrics", "5,000 metric samples", lambda t: with_metrics(t, *[metric(t, float(i)) for i in range(5000)])),
    healthy("metrics_none", "list of metric samples `None`", lambda t: message(INVERTER, None, [ready(t)])),
    unhealthy("empty_message", "empty message: no metric, no state sample", lambda t: message(INVERTER, [], []), R.INVALID_SAMPLE_TIME, R.NO_STATE),
]  # fmt: skip

TIME_CASES = [
    unhealthy("time_none", "state sample time `None`", lambda t: state_fields(t, sampled_at=None), R.INVALID_SAMPLE_TIME),
    unhealthy("time_naive", "naive sample time", lambda t: at(t.replace(tzinfo=None)), R.INVALID_SAMPLE_TIME),
    unhealthy("metric_time_naive", "naive metric time, aware state time", lambda t: message(INVERTER, [metric(t.replace(tzinfo=None))], [ready(t)]), R.INVALID_SAMPLE_TIME),
    unhealthy("time_string", "sample time as an ISO string", lambda t: state_fields(t, sampled_at=t.isoformat()), R.INVALID_SAMPLE_TIME),
    unhealthy("time_epoch", "sample time as epoch seconds (a float)", lambda t: state_fields(t, sampled_at=t.timestamp()), R.INVALID_SAMPLE_TIME),
    healthy("time_other_zone", "sample time in UTC+05:00, same instant", lambda t: at(t.astimezone(east(5)))),
    unhealthy("time_6s_old", "sample time 6 s old", lambda t: at(t - timedelta(seconds=6)), R.STALE_SAMPLE_TIME),
    unhealthy("time_year_1", "sample time in year 1", lambda t: at(datetime(1, 1, 1, tzinfo=UTC)), R.STALE_SAMPLE_TIME),
    unhealthy("time_min_east", "earliest datetime at UTC+14:00", lambda t: at(datetime.min.replace(tzinfo=east(14))), R.STALE_SAMPLE_TIME),
    unhealthy("time_2s_ahead", "sample time 2 s ahead", lambda t: at(t + timedelta(seconds=2)), R.SAMPLE_TIME_IN_FUTURE),
    unhealthy("time_year_9999", "sample time in year 9999", lambda t: at(datetime(9999, 1, 1, tzinfo=UTC)), R.SAMPLE_TIME_IN_FUTURE),
    unhealthy("time_max_west", "latest datetime at UTC-14:00", lambda t: at(datetime.max.replace(tzinfo=east(-14))), R.SAMPLE_TIME_IN_FUTURE),
]  # fmt: skip

ORDER_CASES = [
    ignored("duplicate_time", "after a sample: another with the same time", lambda t: at(PRIOR_UTC), _DUPLICATE, after_sample=True),
    ignored("same_object", "after a sample: the same object again", lambda t: PRIOR_SAMPLE, _DUPLICATE, after_sample=True),
    ignored("older_1s", "after a sample: one 1 s older", lambda t: at(PRIOR_UTC - timedelta(seconds=1)), _OUT_OF_ORDER, after_sample=True),
    ignored("older_1us", "after a sample: one 1 µs older", lambda t: at(PRIOR_UTC - timedelta(microseconds=1)), _OUT_OF_ORDER, after_sample=True),
    ignored("older_year_1", "after a sample: one from year 1", lambda t: at(datetime(1, 1, 1, tzinfo=UTC)), _OUT_OF_ORDER, after_sample=True),
    unhealthy("naive_after_sample", "after a sample: one with a naive time", lambda t: at(t.replace(tzinfo=None)), R.INVALID_SAMPLE_TIME, after_sample=True),
    healthy("zone_after_sample", "after a sample: a newer one in UTC-08:00", lambda t: at(t.astimezone(east(-8))), after_sample=True),
]  # fmt: skip

ID_CASES = [
    ignored("foreign_id", "sample for component 2", lambda t: make_sample(2, sampled_at=t), _FOREIGN),
    ignored("foreign_id_malformed", "sample for component 2, empty and naive", lambda t: message(2, [metric(t.replace(tzinfo=None))], None), _FOREIGN),
    ignored("id_none", "component id `None`", lambda t: message(None, [metric(t)], [ready(t)]), _FOREIGN),
    ignored("id_string", "component id `\"inverter\"` (a string)", lambda t: message("inverter", [metric(t)], [ready(t)]), _FOREIGN),
    ignored("id_negative", "component id -1", negative_id, _FOREIGN),
    healthy("id_plain_int", "component id as a plain int", plain_id),
    healthy("id_electrical", "component id as `ElectricalComponentId`", lambda t: message(ElectricalComponentId(INVERTER), [metric(t)], [ready(t)])),
]  # fmt: skip


CASES: list[OddInput] = STATE_CASES + METRIC_CASES + TIME_CASES + ORDER_CASES + ID_CASES
"""Every case, in the order of the documentation table."""


def render_table() -> list[str]:
    """Return the corpus as the Markdown table lines of the documentation."""
    lines = [
        "| Input | Decision | Next normal sample |",
        "|---|---|---|",
    ]
    lines.extend(
        f"| {case.text} | {case.decision} | {case.next_decision} |" for case in CASES
    )
    return lines
