# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""B2: the CPU cost per sample against group size, and for a pool of groups."""

import functools
from dataclasses import dataclass

from ._report import Bound, Row, Target
from ._samples import SampleFactory
from ._scale import Scale
from ._telemetry import (
    build_groups,
    build_pool,
    round_robin_steps,
    run_lockstep,
    start_groups,
    stop_groups,
    warm_up,
)
from ._timing import Paired, cpu_seconds


@dataclass(frozen=True)
class Case:
    """Groups of one size, run side by side."""

    groups: int
    """How many groups."""

    inverters: int
    """Inverters per group."""

    batteries: int
    """Batteries per group."""

    checked: bool
    """Whether the target applies to this case."""

    pool: bool = False
    """Whether the groups run under one `InverterBatteryPoolActor`, which
    adds a hop, rather than as separate group actors."""

    def __str__(self) -> str:
        """Return the case as, for example, `group 8+8`."""
        size = f"{self.inverters}+{self.batteries}"
        if self.pool:
            return f"pool actor of {self.groups} groups of {size}, 1 subscriber"
        if self.groups == 1:
            return f"group {size}"
        return f"{self.groups} group actors of {size} side by side"


@dataclass(frozen=True)
class Sizes:
    """The sizes of one B2 run."""

    cases: tuple[Case, ...]
    """The cases; the first is the baseline."""

    samples: int
    """Samples per case and repeat."""

    repeats: int
    """Measured repeats, after one warm-up repeat."""


_FULL_CASES = (
    Case(groups=1, inverters=2, batteries=2, checked=False),
    Case(groups=1, inverters=8, batteries=8, checked=False),
    Case(groups=1, inverters=32, batteries=32, checked=True),
    Case(groups=100, inverters=2, batteries=2, checked=True, pool=True),
    Case(groups=100, inverters=2, batteries=2, checked=False),
)

SIZES = {
    Scale.FULL: Sizes(cases=_FULL_CASES, samples=4_000, repeats=7),
    Scale.QUICK: Sizes(cases=_FULL_CASES, samples=1_500, repeats=3),
    Scale.SMOKE: Sizes(
        cases=(
            Case(groups=1, inverters=1, batteries=1, checked=False),
            Case(groups=1, inverters=3, batteries=3, checked=True),
            Case(groups=3, inverters=1, batteries=1, checked=True, pool=True),
            Case(groups=3, inverters=1, batteries=1, checked=False),
        ),
        samples=30,
        repeats=1,
    ),
}
"""The sizes for each scale."""

TARGET = Target(bound=Bound.AT_MOST, limit=1.3)
"""The largest cases may cost at most 1.3 times the smallest per sample."""

_US = 1e6


async def _measure(case: Case, samples: int) -> float:
    """Start the case's actors, warm them up and return CPU seconds per sample."""
    if case.pool:
        return await _measure_pool(case, samples)
    factory = SampleFactory()
    groups = build_groups(case.groups, case.inverters, case.batteries)
    await start_groups(groups, factory)
    try:
        warm_up = round_robin_steps(groups, factory, samples // 4)
        await run_lockstep(warm_up)
        steps = round_robin_steps(groups, factory, samples)
        return await cpu_seconds(functools.partial(run_lockstep, steps)) / samples
    finally:
        await stop_groups(groups)


async def _measure_pool(case: Case, samples: int) -> float:
    factory = SampleFactory()
    pool = build_pool(case.groups, case.inverters, case.batteries)
    pool.actor.start()
    try:
        await warm_up([pool], factory)
        await run_lockstep(round_robin_steps([pool], factory, samples // 4))
        steps = round_robin_steps([pool], factory, samples)
        return await cpu_seconds(functools.partial(run_lockstep, steps)) / samples
    finally:
        await pool.actor.stop()


async def run(scale: Scale) -> list[Row]:
    """Measure B2 and return its rows."""
    sizes = SIZES[scale]
    smallest, *others = sizes.cases
    paired = {case: Paired() for case in others}
    for repeat in range(sizes.repeats + 1):
        baseline_s = await _measure(smallest, sizes.samples)
        costs = {case: await _measure(case, sizes.samples) for case in others}
        if repeat == 0:
            continue
        for case, cost_s in costs.items():
            paired[case].add(cost_s, baseline_s)
    rows = [
        Row(
            benchmark="B2",
            case=str(smallest),
            metric="CPU per sample",
            value=paired[others[0]].baseline_median * _US,
            unit="us",
            repeats=sizes.repeats,
            note="the baseline of this benchmark",
        )
    ]
    for case in others:
        rows.append(
            Row(
                benchmark="B2",
                case=str(case),
                metric="CPU per sample",
                value=paired[case].subject_median * _US,
                unit="us",
                baseline=str(smallest),
                baseline_value=paired[case].baseline_median * _US,
                ratio=paired[case].ratio_median,
                target=TARGET if case.checked else None,
                repeats=sizes.repeats,
            )
        )
    return rows
