# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""B6: the tracker's CPU share next to the real client's, against the simulator."""

import asyncio
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid import MicrogridApiClient

from frequenz.telemetry_tracker import (
    ComponentKind,
    InverterBatteryGroup,
    InverterBatteryPoolActor,
    MicrogridClientTelemetrySource,
)

from ._report import Bound, Row, Target
from ._scale import Scale
from ._timing import Paired


@dataclass(frozen=True)
class Sizes:
    """The sizes of one B6 run."""

    pairs: int
    """Inverter-battery pairs in the simulated microgrid."""

    period_s: float
    """How often each component reports (seconds)."""

    warm_up_s: float
    """Streaming before each window, not measured."""

    window_s: float
    """Length of each measured window (wall-clock seconds)."""

    repeats: int
    """Measured windows per setup."""


SIZES = {
    Scale.FULL: Sizes(pairs=20, period_s=0.1, warm_up_s=2.0, window_s=5.0, repeats=5),
    Scale.QUICK: Sizes(pairs=10, period_s=0.1, warm_up_s=1.0, window_s=3.0, repeats=2),
    Scale.SMOKE: Sizes(pairs=1, period_s=0.05, warm_up_s=0.5, window_s=0.5, repeats=1),
}
"""The sizes for each scale."""

TARGET = Target(bound=Bound.AT_MOST, limit=0.10)
"""The tracker may add at most a tenth of the client's own CPU per sample."""

_US = 1e6
_GRID_ID = 1000
_STARTUP_TIMEOUT_S = 60.0


def _pairs(sizes: Sizes) -> list[tuple[int, int]]:
    return [(1 + 2 * index, 2 + 2 * index) for index in range(sizes.pairs)]


def _scenario_text(sizes: Sizes) -> str:
    """Write a scenario: a grid connection point and one chain per pair."""
    lines = [
        "format_version = 1",
        'name = "benchmark"',
        "duration = 3600.0",
        "[microgrid]",
        "id = 1",
        "enterprise_id = 1",
        'name = "benchmark microgrid"',
        "[[components]]",
        f"id = {_GRID_ID}",
        'category = "grid"',
    ]
    for inverter, battery in _pairs(sizes):
        lines += [
            "[[components]]",
            f"id = {inverter}",
            'category = "inverter"',
            "[components.telemetry]",
            f"period = {sizes.period_s}",
            'states = ["DISCHARGING"]',
            "metrics = { AC_POWER_ACTIVE = { value = -2000.0, "
            "bounds = [[-5000.0, 5000.0]] } }",
            "[[components]]",
            f"id = {battery}",
            'category = "battery"',
            "[components.telemetry]",
            f"period = {sizes.period_s}",
            'states = ["DISCHARGING", "RELAY_CLOSED"]',
            "[components.telemetry.metrics]",
            "DC_POWER = { value = -2000.0, bounds = [[-5000.0, 5000.0]] }",
            "BATTERY_SOC_PCT = { value = 60.0, bounds = [[10.0, 90.0]] }",
            "BATTERY_CAPACITY = 10000.0",
        ]
    for inverter, battery in _pairs(sizes):
        lines += [
            "[[connections]]",
            f"source = {_GRID_ID}",
            f"destination = {inverter}",
        ]
        lines += ["[[connections]]", f"source = {inverter}", f"destination = {battery}"]
    return "\n".join(lines) + "\n"


@contextmanager
def _simulator(sizes: Sizes) -> Iterator[str]:
    """Run the simulator in a child process; yield the URL to connect to."""
    with tempfile.TemporaryDirectory() as directory:
        scenario_path = Path(directory) / "benchmark.toml"
        scenario_path.write_text(_scenario_text(sizes), encoding="utf-8")
        child = subprocess.Popen(
            [sys.executable, "-m", "benchmarks._simulator_process", str(scenario_path)],
            cwd=Path(__file__).resolve().parent.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            if child.stdout is None:
                raise RuntimeError("The simulator process has no output pipe.")
            port = int(child.stdout.readline())
            yield f"grpc://127.0.0.1:{port}?ssl=false"
        finally:
            if child.stdin is not None:
                child.stdin.close()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


async def _cpu_per_sample(count: Callable[[], int], sizes: Sizes) -> float:
    """Let the streams run; return process CPU seconds per sample in one window."""
    await asyncio.sleep(sizes.warm_up_s)
    started_cpu_s, started_count = time.process_time(), count()
    await asyncio.sleep(sizes.window_s)
    samples = count() - started_count
    if samples == 0:
        raise RuntimeError("No sample arrived from the simulator in a whole window.")
    return (time.process_time() - started_cpu_s) / samples


async def _client_alone(url: str, sizes: Sizes) -> float:
    """Stream every component through the client and drop the samples."""
    received = 0

    async def count_samples(component_id: int, kind: ComponentKind) -> None:
        nonlocal received
        receiver = source.open_stream(ElectricalComponentId(component_id), kind)
        async for _ in receiver:
            received += 1

    async with MicrogridApiClient(url) as client:
        source = MicrogridClientTelemetrySource(client)
        tasks = []
        for inverter, battery in _pairs(sizes):
            tasks.append(
                asyncio.create_task(count_samples(inverter, ComponentKind.INVERTER))
            )
            tasks.append(
                asyncio.create_task(count_samples(battery, ComponentKind.BATTERY))
            )
        try:
            return await _cpu_per_sample(lambda: received, sizes)
        finally:
            for task in tasks:
                task.cancel()
            with suppress(asyncio.CancelledError):
                await asyncio.gather(*tasks)


async def _with_tracker(url: str, sizes: Sizes) -> float:
    """Stream every component through the client into a pool actor."""
    groups = [
        InverterBatteryGroup(inverter_ids=[inverter], battery_ids=[battery])
        for inverter, battery in _pairs(sizes)
    ]
    async with MicrogridApiClient(url) as client:
        pool = InverterBatteryPoolActor(
            groups=groups, telemetry_source=MicrogridClientTelemetrySource(client)
        )
        statuses = pool.new_status_receiver()

        def samples() -> int:
            return sum(
                stats.samples_accepted + stats.samples_rejected
                for stats in pool.component_stats().values()
            )

        async def subscribe() -> None:
            async for _ in statuses:
                pass

        pool.start()
        subscriber = asyncio.create_task(subscribe())
        try:
            cost_s = await _cpu_per_sample(samples, sizes)
        finally:
            subscriber.cancel()
            with suppress(asyncio.CancelledError):
                await subscriber
            await pool.stop()
        status = pool.latest_status
        if status is None or len(status.healthy_component_ids) != 2 * sizes.pairs:
            raise RuntimeError("Not every simulated component was healthy at the end.")
        return cost_s


async def run(scale: Scale) -> list[Row]:
    """Measure B6 and return its rows."""
    sizes = SIZES[scale]
    paired = Paired()
    with _simulator(sizes) as url:
        for _ in range(sizes.repeats):
            alone = await _client_alone(url, sizes)
            with_tracker = await _with_tracker(url, sizes)
            paired.add(with_tracker - alone, alone)
    case = (
        f"{2 * sizes.pairs} components ({sizes.pairs} pairs) at "
        f"{1 / sizes.period_s:g} Hz from the simulator (another process)"
    )
    return [
        Row(
            benchmark="B6",
            case=f"real client alone: {case}",
            metric="CPU per sample",
            value=paired.baseline_median * _US,
            unit="us",
            repeats=sizes.repeats,
            note="gRPC, protobuf conversion and channels of the client",
        ),
        Row(
            benchmark="B6",
            case=f"pool actor added, 1 subscriber: {case}",
            metric="CPU per sample added by the tracker",
            value=paired.subject_median * _US,
            unit="us",
            baseline="client alone",
            baseline_value=paired.baseline_median * _US,
            ratio=paired.ratio_median,
            target=TARGET,
            repeats=sizes.repeats,
        ),
    ]
