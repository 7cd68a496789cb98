# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Rendering of a group status as a plain-text table."""

from datetime import datetime

from frequenz.client.microgrid.component import ComponentDataSamples
from frequenz.client.microgrid.metrics import Metric

from ..component import ComponentHealth
from ..group import InverterBatteryGroupStatus

_METRICS = (
    (Metric.AC_POWER_ACTIVE, "power", "W"),
    (Metric.DC_POWER, "power", "W"),
    (Metric.BATTERY_SOC_PCT, "soc", "%"),
)


def _metric_text(sample: ComponentDataSamples | None) -> str:
    if sample is None:
        return "-"
    parts: list[str] = []
    for metric_sample in sample.metric_samples:
        for metric, label, unit in _METRICS:
            if metric_sample.metric != metric:
                continue
            value = metric_sample.as_single_value()
            text = f"{label} {value:g} {unit}" if value is not None else f"{label} -"
            if metric_sample.bounds:
                bounds = ", ".join(str(b) for b in metric_sample.bounds)
                text += f" bounds {bounds}"
            parts.append(text)
    return "; ".join(parts) or "-"


def _reasons_text(health: ComponentHealth) -> str:
    return ", ".join(sorted(reason.value for reason in health.reasons)) or "-"


def _row(
    health: ComponentHealth, published_at_utc: datetime, reasons_width: int
) -> str:
    state = "healthy" if health.is_healthy else "UNHEALTHY"
    for_s = (published_at_utc - health.since_utc).total_seconds()
    return (
        f"  {health.kind.value:<8} {health.component_id!s:<6} {state:<9} "
        f"{for_s:6.1f} s  {_reasons_text(health):<{reasons_width}} "
        f"{_metric_text(health.sample)}"
    )


def render_status(status: InverterBatteryGroupStatus) -> str:
    """Render a status: one line per component, with health, reasons and telemetry.

    Args:
        status: The status to render.

    Returns:
        The table, without a trailing newline.
    """
    usable = "usable" if status.is_usable else "NOT USABLE"
    entries = sorted(
        (
            *status.healthy_inverters.values(),
            *status.unhealthy_inverters.values(),
            *status.healthy_batteries.values(),
            *status.unhealthy_batteries.values(),
        ),
        key=lambda h: (h.kind.value != "inverter", int(h.component_id)),
    )
    width = max(len("reasons"), *(len(_reasons_text(health)) for health in entries))
    lines = [
        f"{status.published_at_utc:%H:%M:%S.%f}"[:-3]
        + f"  group {status.group}  status #{status.sequence}  {usable}",
        f"  {'kind':<8} {'id':<6} {'health':<9} {'since':>8}  {'reasons':<{width}} telemetry",
    ]
    for health in entries:
        lines.append(_row(health, status.published_at_utc, width))
        if not health.is_healthy and health.detail:
            lines.append(f"{'':>38}why: {health.detail}")
    return "\n".join(lines)
