# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Conversion of statuses to JSON-ready dictionaries, one line per published status."""

import json
import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from ..component import ComponentHealth, ComponentStats
from ..group import InverterBatteryGroupStatus
from ..health import sample_time_utc
from ..pool import InverterBatteryPoolStatus


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _number(value: float | None) -> float | str | None:
    # JSON has no NaN or infinity, so they are written as strings instead.
    if value is None or math.isfinite(value):
        return value
    return str(value)


def _code_name(code: object) -> str | int:
    name = getattr(code, "name", None)
    if isinstance(name, str):
        return name
    return code if isinstance(code, int) else repr(code)


def sample_to_json(sample: ComponentDataSamples | None) -> dict[str, Any] | None:
    """Convert a sample to a JSON-ready dictionary, or `None` if there is none."""
    if sample is None:
        return None
    metrics: dict[str, Any] = {}
    for metric_sample in sample.metric_samples:
        name = _code_name(metric_sample.metric)
        metrics[str(name)] = {
            "value": _number(metric_sample.as_single_value()),
            "bounds": [
                [_number(b.lower), _number(b.upper)] for b in metric_sample.bounds
            ],
        }
    states = sorted({str(_code_name(c)) for s in sample.states for c in s.states})
    errors = sorted({str(_code_name(c)) for s in sample.states for c in s.errors})
    warnings = sorted({str(_code_name(c)) for s in sample.states for c in s.warnings})
    return {
        "sample_time_utc": _time(sample_time_utc(sample)),
        "states": states,
        "errors": errors,
        "warnings": warnings,
        "metrics": metrics,
    }


def health_to_json(
    health: ComponentHealth, stats: ComponentStats | None
) -> dict[str, Any]:
    """Convert one component's health, and its counters if given."""
    result: dict[str, Any] = {
        "component_id": int(health.component_id),
        "kind": health.kind.value,
        "healthy": health.is_healthy,
        "reasons": sorted(reason.value for reason in health.reasons),
        "detail": health.detail,
        "since_utc": _time(health.since_utc),
        "blocked_until_utc": _time(health.blocked_until_utc),
        "sample": sample_to_json(health.sample),
    }
    if stats is not None:
        result["stats"] = {
            "samples_accepted": stats.samples_accepted,
            "samples_rejected_foreign_id": stats.samples_rejected_foreign_id,
            "samples_rejected_out_of_order": stats.samples_rejected_out_of_order,
            "samples_rejected_duplicate": stats.samples_rejected_duplicate,
            "samples_in_future": stats.samples_in_future,
            "transitions": stats.transitions,
            "healthy_time_s": round(stats.healthy_time_s, 6),
            "last_arrival_loop_s": stats.last_arrival_loop_s,
            "last_sample_time_utc": _time(stats.last_sample_time_utc),
        }
    return result


def group_status_to_json(
    status: InverterBatteryGroupStatus,
    stats: Mapping[ElectricalComponentId, ComponentStats] | None = None,
) -> dict[str, Any]:
    """Convert a group status, with the components' counters if given."""
    entries = [
        *status.healthy_inverters.values(),
        *status.unhealthy_inverters.values(),
        *status.healthy_batteries.values(),
        *status.unhealthy_batteries.values(),
    ]
    entries.sort(key=lambda health: int(health.component_id))
    return {
        "inverter_ids": sorted(int(i) for i in status.group.inverter_ids),
        "battery_ids": sorted(int(i) for i in status.group.battery_ids),
        "usable": status.is_usable,
        "sequence": status.sequence,
        "changed_ids": sorted(int(i) for i in status.changed_ids),
        "published_at_utc": _time(status.published_at_utc),
        "components": [
            health_to_json(h, None if stats is None else stats.get(h.component_id))
            for h in entries
        ],
    }


def pool_status_to_json(
    status: InverterBatteryPoolStatus,
    stats: Mapping[ElectricalComponentId, ComponentStats] | None = None,
) -> dict[str, Any]:
    """Convert a pool status, with the components' counters if given."""
    groups = sorted(
        status.groups.values(), key=lambda g: min(int(i) for i in g.group.battery_ids)
    )
    return {
        "sequence": status.sequence,
        "published_at_utc": _time(status.published_at_utc),
        "changed_groups": len(status.changed_groups),
        "groups": [group_status_to_json(group, stats) for group in groups],
    }


def to_json_line(document: Mapping[str, Any]) -> str:
    """Serialise a document as one line of strict JSON (no NaN)."""
    return json.dumps(document, allow_nan=False, separators=(",", ":"))
