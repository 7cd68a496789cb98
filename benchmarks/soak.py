# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Soak run: many components through the simulator and the real client, with faults.

Run with `.venv/bin/python -m benchmarks.soak` (not part of `make test`). It
serves a generated scenario on 127.0.0.1: groups of one inverter and one
battery, every component sending at the given rate. Every fault interval one
group's battery reports an error and its inverter goes silent for a third of
the interval. The script reports the process's resident memory after the
warm-up and at the end, and checks that every fault and every recovery was
published as a transition.
"""

import argparse
import asyncio
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from frequenz.telemetry_tracker.pool import (
    InverterBatteryPoolActor,
    InverterBatteryPoolStatus,
)
from frequenz.telemetry_tracker.runner import HealthDecision, run_live
from frequenz.telemetry_tracker.simulator import Scenario, parse_scenario

_PAGE_BYTES = resource.getpagesize()
_TOLERANCE_S = 1.0


@dataclass(frozen=True)
class Fault:
    """One scripted fault: a group's battery errors and its inverter goes silent."""

    inverter_id: int
    battery_id: int
    start_s: float
    end_s: float


def _component(component_id: int, category: str, period_s: float) -> str:
    if category == "inverter":
        states = '["DISCHARGING"]'
        metrics = (
            "{ AC_POWER_ACTIVE = { value = -1000.0, bounds = [[-5000.0, 5000.0]] } }"
        )
    else:
        states = '["DISCHARGING", "RELAY_CLOSED"]'
        metrics = "{ DC_POWER = { value = -990.0, bounds = [[-5000.0, 5000.0]] } }"
    return (
        f'[[components]]\nid = {component_id}\ncategory = "{category}"\n'
        f"[components.telemetry]\nperiod = {period_s}\nstates = {states}\nmetrics = {metrics}\n"
    )


def _fault_events(fault: Fault) -> str:
    return (
        f'[[events]]\nat = {fault.start_s}\naction = "set"\ncomponent = {fault.battery_id}\n'
        'errors = ["BATTERY_BLOCK_ERROR"]\n\n'
        f'[[events]]\nat = {fault.start_s}\naction = "silence"\ncomponent = {fault.inverter_id}\n\n'
        f'[[events]]\nat = {fault.end_s}\naction = "set"\ncomponent = {fault.battery_id}\n'
        "errors = []\n\n"
        f'[[events]]\nat = {fault.end_s}\naction = "resume"\ncomponent = {fault.inverter_id}\n'
    )


def build_scenario(
    components: int, rate_hz: float, duration_s: float, fault_every_s: float
) -> tuple[Scenario, list[Fault]]:
    """Generate the soak scenario and the faults it scripts."""
    groups = components // 2
    parts = [
        f'format_version = 1\nname = "soak"\nduration = {duration_s}\n',
        f"[tracker]\nmissing_data_tolerance = {_TOLERANCE_S}\n",
        '[[components]]\nid = 1\ncategory = "grid"\n',
        '[[components]]\nid = 2\ncategory = "meter"\n',
        "[[connections]]\nsource = 1\ndestination = 2\n",
    ]
    for group in range(groups):
        inverter_id, battery_id = 1000 + group, 5000 + group
        parts.append(_component(inverter_id, "inverter", 1.0 / rate_hz))
        parts.append(_component(battery_id, "battery", 1.0 / rate_hz))
        parts.append(f"[[connections]]\nsource = 2\ndestination = {inverter_id}\n")
        parts.append(
            f"[[connections]]\nsource = {inverter_id}\ndestination = {battery_id}\n"
        )
    faults: list[Fault] = []
    start_s = fault_every_s / 2
    while start_s + fault_every_s / 3 < duration_s - 2 * _TOLERANCE_S:
        group = len(faults) % groups
        faults.append(
            Fault(1000 + group, 5000 + group, start_s, start_s + fault_every_s / 3)
        )
        start_s += fault_every_s
    parts.extend(_fault_events(fault) for fault in faults)
    return parse_scenario(
        "\n".join(parts), source="<soak>", default_name="soak"
    ), faults


def _rss_mib() -> float:
    with Path("/proc/self/statm").open(encoding="ascii") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * _PAGE_BYTES / 2**20


def _published(
    decisions: Sequence[HealthDecision],
    component_id: int,
    *,
    healthy: bool,
    after_s: float,
) -> float | None:
    for decision in decisions:
        if (
            int(decision.component_id) == component_id
            and decision.at_s >= after_s
            and decision.is_healthy == healthy
        ):
            return decision.at_s
    return None


def check_faults(
    decisions: Sequence[HealthDecision], faults: Sequence[Fault]
) -> list[str]:
    """Return one line per fault: when its failure and recovery were published."""
    lines = []
    for fault in faults:
        down = {
            cid: _published(decisions, cid, healthy=False, after_s=fault.start_s)
            for cid in (fault.inverter_id, fault.battery_id)
        }
        up = {
            cid: _published(decisions, cid, healthy=True, after_s=fault.end_s)
            for cid in (fault.inverter_id, fault.battery_id)
        }
        missing = [f"{cid} down" for cid, at in down.items() if at is None]
        missing += [f"{cid} up" for cid, at in up.items() if at is None]
        delays = [at - fault.start_s for at in down.values() if at is not None]
        lines.append(
            f"fault at {fault.start_s:6.1f} s: "
            + ("MISSED " + ", ".join(missing) if missing else "published")
            + (f", detected after {max(delays):.3f} s" if delays else "")
        )
    return lines


async def soak(args: argparse.Namespace) -> int:
    """Run the soak and print its report; return the exit code."""
    scenario, faults = build_scenario(
        args.components, args.rate, args.duration, args.fault_every
    )
    memory: dict[str, float] = {}
    started = time.monotonic()

    def on_status(
        status: InverterBatteryPoolStatus, pool: InverterBatteryPoolActor
    ) -> None:
        del status, pool
        elapsed = time.monotonic() - started
        if "warm" not in memory and elapsed >= args.warm_up:
            memory["warm"] = _rss_mib()

    cpu_before = time.process_time()
    run = await run_live(scenario, on_status=on_status)
    cpu_s = time.process_time() - cpu_before
    memory["end"] = _rss_mib()
    lines = check_faults(run.decisions, faults)
    print(f"components: {args.components} at {args.rate:g} Hz for {args.duration:g} s")
    print(
        f"CPU: {cpu_s:.1f} s over {time.monotonic() - started:.1f} s wall (both cores count)"
    )
    print("\n".join(lines))
    warm = memory.get("warm", float("nan"))
    growth = (memory["end"] - warm) / warm * 100
    print(
        f"RSS after warm-up: {warm:.1f} MiB, at the end: {memory['end']:.1f} MiB ({growth:+.1f} %)"
    )
    missed = sum("MISSED" in line for line in lines)
    print(
        f"faults: {len(faults) - missed} published, {missed} missed; memory growth limit 5 %"
    )
    return 0 if missed == 0 and growth <= 5.0 else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options and run the soak."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.soak", description=__doc__
    )
    parser.add_argument(
        "--components", type=int, default=500, help="components (default 500)"
    )
    parser.add_argument(
        "--rate", type=float, default=10.0, help="samples per second (default 10)"
    )
    parser.add_argument(
        "--duration", type=float, default=600.0, help="seconds (default 600)"
    )
    parser.add_argument(
        "--fault-every", type=float, default=60.0, help="seconds (default 60)"
    )
    parser.add_argument(
        "--warm-up", type=float, default=60.0, help="seconds (default 60)"
    )
    return asyncio.run(soak(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
