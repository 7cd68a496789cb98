# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Readable lines and JSON lines describing distributions and power commands."""

import json
from collections.abc import Iterable
from typing import Any

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from frequenz.telemetry_tracker import (
    InverterBatteryGroup,
    InverterBatteryGroupStatus,
    InverterBatteryPoolStatus,
)
from frequenz.telemetry_tracker.simulator import PowerCommand

from ._messages import CommandOutcome, Distribution
from ._split import bounds_ends_w


def _signed_w(power_w: float) -> str:
    return f"{power_w:+.0f} W"


def _command_text(command: CommandOutcome) -> str:
    result = "ok" if command.error is None else f"FAILED ({command.error})"
    return f"{command.component_id} {_signed_w(command.power_w)} {result}"


def _why_not_used(
    status: InverterBatteryGroupStatus, inverter_id: ElectricalComponentId
) -> str:
    health = status.health_of(inverter_id)
    if health.reasons:
        return ", ".join(sorted(reason.value for reason in health.reasons))
    if not status.is_usable:
        return "group not usable"
    return "no valid bounds"


def _not_used_text(distribution: Distribution) -> str:
    if distribution.status is None:
        return ""
    commanded = {command.component_id for command in distribution.commands}
    reasons = {
        inverter_id: _why_not_used(group_status, inverter_id)
        for group_status in distribution.status.groups.values()
        for inverter_id in group_status.group.inverter_ids
        if inverter_id not in commanded
    }
    parts = [f"{cid} ({reasons[cid]})" for cid in sorted(reasons, key=int)]
    return "not used: " + ", ".join(parts) if parts else ""


def distribution_text(distribution: Distribution, *, origin_loop_s: float) -> str:
    """Return one readable line: the request, the bounds, the split and the results.

    Args:
        distribution: What became of one request.
        origin_loop_s: The loop time that the printed times count from.

    Returns:
        The line, without a line break.
    """
    request = distribution.request
    at_s = distribution.handled_at_loop_s - origin_loop_s
    head = f"t={at_s:6.2f} s  request #{request.number} {_signed_w(request.power_w)}"
    if distribution.target_w is None or distribution.bounds is None:
        return f"{head}: nothing sent, {distribution.note}"
    parts = [
        f"{head} -> {_signed_w(distribution.target_w)} within {distribution.bounds}",
        ", ".join(_command_text(command) for command in distribution.commands)
        or distribution.note,
    ]
    not_used = _not_used_text(distribution)
    if not_used:
        parts.append(not_used)
    return " | ".join(parts)


def _reasons_by_id(status: InverterBatteryPoolStatus) -> dict[str, list[str]]:
    reasons: dict[int, list[str]] = {}
    for group_status in status.groups.values():
        for component_id in group_status.group.component_ids:
            health = group_status.health_of(component_id)
            reasons[int(component_id)] = sorted(r.value for r in health.reasons)
    return {
        str(component_id): reasons[component_id] for component_id in sorted(reasons)
    }


def _reasons_of(
    status: InverterBatteryPoolStatus, component_id: ElectricalComponentId
) -> list[str]:
    for group_status in status.groups.values():
        if component_id in group_status.group.component_ids:
            health = group_status.health_of(component_id)
            return sorted(reason.value for reason in health.reasons)
    return []


def distribution_json(
    distribution: Distribution, *, origin_loop_s: float
) -> list[dict[str, Any]]:
    """Return the JSON objects of a distribution: the request, then each command.

    The request object carries the reasons of every component in the pool
    status the split was based on (an empty list for a healthy component).
    Each command object carries the reasons of its own inverter in that
    status, so a reader can check that no command went to an unhealthy one.

    Args:
        distribution: What became of one request.
        origin_loop_s: The loop time that the `at_s` times count from.

    Returns:
        One object of kind `request`, then one of kind `command` per command.
    """
    status = distribution.status
    request: dict[str, Any] = {
        "kind": "request",
        "request": distribution.request.number,
        "at_s": round(distribution.handled_at_loop_s - origin_loop_s, 3),
        "power_w": distribution.request.power_w,
        "target_w": distribution.target_w,
        "bounds_w": (
            None if distribution.bounds is None else bounds_ends_w(distribution.bounds)
        ),
        "status_sequence": None if status is None else status.sequence,
        "status_reasons": None if status is None else _reasons_by_id(status),
        "note": distribution.note,
    }
    commands = [
        {
            "kind": "command",
            "request": distribution.request.number,
            "at_s": round(command.sent_at_loop_s - origin_loop_s, 3),
            "component_id": int(command.component_id),
            "power_w": command.power_w,
            "ok": command.succeeded,
            "error": command.error,
            "status_sequence": None if status is None else status.sequence,
            "reasons": []
            if status is None
            else _reasons_of(status, command.component_id),
        }
        for command in distribution.commands
    ]
    return [request, *commands]


def groups_text(groups: Iterable[InverterBatteryGroup]) -> str:
    """Return the groups as one readable line."""
    return "groups: " + "; ".join(str(group) for group in groups)


def groups_json(url: str, groups: Iterable[InverterBatteryGroup]) -> dict[str, Any]:
    """Return the JSON object of kind `start`: the server and the groups."""
    return {
        "kind": "start",
        "url": url,
        "groups": [
            {
                "inverter_ids": sorted(int(i) for i in group.inverter_ids),
                "battery_ids": sorted(int(i) for i in group.battery_ids),
            }
            for group in groups
        ],
    }


def simulator_log_json(
    commands: Iterable[PowerCommand], *, origin_loop_s: float
) -> list[dict[str, Any]]:
    """Return one JSON object of kind `simulator_command` per command received.

    The simulator runs on the application's event loop, so its loop times
    and those of the other objects count from the same origin.
    """
    return [
        {
            "kind": "simulator_command",
            "at_s": round(command.loop_time - origin_loop_s, 3),
            "component_id": int(command.component_id),
            "power_w": command.power,
            "accepted": command.accepted,
        }
        for command in commands
    ]


def simulator_log_text(commands: Iterable[PowerCommand]) -> str:
    """Return a one-line summary of the commands the simulator received."""
    received = list(commands)
    rejected = sum(1 for command in received if not command.accepted)
    return f"the simulator received {len(received)} power commands, {rejected} rejected"


def to_json_line(value: dict[str, Any]) -> str:
    """Return an object as one line of JSON."""
    return json.dumps(value, separators=(",", ":"))
