# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The player: walks a scenario's timeline in event-loop time."""

import asyncio
import logging
import math
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from types import MappingProxyType

from frequenz.channels import Receiver
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentErrorCode, ComponentStateCode
from frequenz.client.microgrid.metrics import Metric

from .._ids import format_ids
from ._clock import WallClock
from ._events import SampleTimeMode, ServerRestart
from ._fanout import Fanout
from ._power import POWER_METRICS, PowerControl
from ._scenario import ComponentSpec, MetricValue, Scenario
from ._timeline import (
    DuplicateStep,
    EndStep,
    OutOfOrderStep,
    SampleStep,
    SampleTimeRule,
    TelemetryValues,
    component_steps,
)

_logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class SimulatedSample:
    """One telemetry message of a component, before any transport."""

    component_id: ElectricalComponentId
    """The component that sends it."""

    sample_time: datetime | None
    """The timestamp of every metric and state in the message, an aware UTC
    wall-clock time, or `None` when the scenario omits it."""

    states: tuple[ComponentStateCode | int, ...]
    """The state codes."""

    errors: tuple[ComponentErrorCode | int, ...]
    """The error codes."""

    warnings: tuple[ComponentErrorCode | int, ...]
    """The warning codes."""

    metrics: Mapping[Metric, MetricValue]
    """The metric values and bounds, read-only."""


@dataclass(frozen=True, kw_only=True)
class StreamEnded:
    """The component's open streams end."""

    status: str
    """The gRPC status code name, `OK` for a clean end."""


@dataclass(frozen=True, kw_only=True)
class ServerDown:
    """The whole server stops and comes back after a downtime."""

    downtime: float
    """How long the server stays down, in seconds."""


StreamItem = SimulatedSample | StreamEnded | ServerDown
"""An item a component's subscribers receive: a sample, a stream end or a
server restart."""


class ScenarioPlayer:
    """Play a scenario: send each component's samples at their scenario times.

    Scenario time 0 is the event-loop time at `start()`. Each component sends
    whether or not anyone listens, so every subscriber receives the same
    samples with the same timestamps. A subscriber receives only what is sent
    after it subscribed.
    """

    def __init__(
        self, scenario: Scenario, *, wall_clock: WallClock, power: PowerControl
    ) -> None:
        """Prepare the channels; nothing is sent before `start()`.

        Args:
            scenario: The scenario to play.
            wall_clock: The clock that stamps samples.
            power: The power commands whose power shows in the samples.
        """
        self._scenario = scenario
        self._wall_clock = wall_clock
        self._power = power
        self._fanouts: dict[ElectricalComponentId, Fanout[StreamItem]] = {
            component.id: Fanout(name=f"simulated-telemetry-{component.id}")
            for component in scenario.components
        }
        self._restarts = Fanout[ServerDown](name="simulated-server-restarts")
        self._tasks: list[asyncio.Task[None]] = []
        self._start_loop_time: float | None = None
        self._down_until_loop_time = -math.inf

    @property
    def scenario(self) -> Scenario:
        """The scenario being played."""
        return self._scenario

    @property
    def has_started(self) -> bool:
        """Whether `start()` was called, even if the player stopped since."""
        return self._start_loop_time is not None

    def start(self) -> None:
        """Start playing; scenario time 0 is now.

        Raises:
            RuntimeError: If the player was started before.
        """
        if self._start_loop_time is not None:
            raise RuntimeError("The scenario player was already started")
        self._start_loop_time = asyncio.get_running_loop().time()
        for component in self._scenario.components:
            self._spawn(
                self._play_component(component), f"simulated-component-{component.id}"
            )
        self._spawn(self._play_restarts(), "simulated-server-restarts")
        _logger.info(
            "Playing scenario %s with components %s",
            self._scenario.name,
            format_ids(self._fanouts),
        )

    def _spawn(self, coroutine: Coroutine[None, None, None], name: str) -> None:
        """Start a task that logs its failure, if any, as soon as it ends."""
        task = asyncio.create_task(coroutine, name=name)
        task.add_done_callback(_log_failure)
        self._tasks.append(task)

    async def stop(self) -> None:
        """Stop playing; every subscriber's receiver stops once drained."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        for fanout in self._fanouts.values():
            await fanout.aclose()
        await self._restarts.aclose()

    def scenario_time(self) -> float:
        """Return the seconds since `start()`.

        Raises:
            RuntimeError: If the player has not started.
        """
        return self.loop_time() - self._start()

    def is_server_down(self) -> bool:
        """Return whether a scripted restart keeps the server down now."""
        return self.loop_time() < self._down_until_loop_time

    def server_up_loop_time(self) -> float:
        """Return the loop time when the server is up again after a restart."""
        return self._down_until_loop_time

    def new_receiver(self, component_id: ElectricalComponentId) -> Receiver[StreamItem]:
        """Subscribe to what a component sends from now on.

        Args:
            component_id: The component.

        Returns:
            A receiver of the component's samples and stream ends.

        Raises:
            KeyError: If the scenario has no such component.
        """
        return self._fanouts[component_id].new_receiver(limit=1000)

    def new_restart_receiver(self) -> Receiver[ServerDown]:
        """Subscribe to the scripted server restarts."""
        return self._restarts.new_receiver()

    async def _play_component(self, component: ComponentSpec) -> None:
        """Send a component's steps at their scenario times."""
        fanout = self._fanouts[component.id]
        last: SimulatedSample | None = None
        for step in component_steps(component, self._scenario.events):
            await self._sleep_until(step.at)
            match step:
                case SampleStep(values=values, sample_time=rule):
                    last = self._sample(component, values, self._stamp(rule, last))
                    await fanout.send(last)
                case OutOfOrderStep(values=values, by=by):
                    base = last.sample_time if last and last.sample_time else None
                    stamp = (base or self._wall_clock()) - timedelta(seconds=by)
                    last = self._sample(component, values, stamp)
                    await fanout.send(last)
                case DuplicateStep():
                    if last is not None:
                        await fanout.send(last)
                case EndStep(status=status):
                    _logger.info(
                        "Ending the streams of %s with %s", component.id, status
                    )
                    await fanout.send(StreamEnded(status=status))

    async def _play_restarts(self) -> None:
        """Announce the scripted server restarts at their scenario times."""
        for event in self._scenario.events:
            if not isinstance(event, ServerRestart):
                continue
            await self._sleep_until(event.at)
            _logger.info("Restarting the server, down for %.3f s", event.downtime)
            self._down_until_loop_time = self.loop_time() + event.downtime
            item = ServerDown(downtime=event.downtime)
            for fanout in self._fanouts.values():
                await fanout.send(item)
            await self._restarts.send(item)

    def _stamp(
        self, rule: SampleTimeRule, last: SimulatedSample | None
    ) -> datetime | None:
        """Return the timestamp a sample gets under a stamping rule."""
        match rule.mode:
            case SampleTimeMode.LIVE:
                return self._wall_clock()
            case SampleTimeMode.OFFSET:
                return self._wall_clock() + timedelta(seconds=rule.offset)
            case SampleTimeMode.FREEZE:
                return self._wall_clock() if last is None else last.sample_time
            case SampleTimeMode.OMIT:
                return None

    def _sample(
        self,
        component: ComponentSpec,
        values: TelemetryValues,
        sample_time: datetime | None,
    ) -> SimulatedSample:
        """Build a sample, with the commanded power if a command is in effect."""
        metrics = values.metrics
        power_metric = POWER_METRICS.get(component.category)
        power = self._power.power_in_effect(component.id, self.loop_time())
        if power_metric is not None and power is not None:
            current = metrics.get(power_metric)
            commanded = (
                MetricValue(value=power)
                if current is None
                else replace(current, value=power)
            )
            metrics = MappingProxyType({**metrics, power_metric: commanded})
        return SimulatedSample(
            component_id=component.id,
            sample_time=sample_time,
            states=values.states,
            errors=values.errors,
            warnings=values.warnings,
            metrics=metrics,
        )

    async def _sleep_until(self, scenario_time: float) -> None:
        """Sleep until the given scenario time; return at once if it has passed."""
        delay = self._start() + scenario_time - self.loop_time()
        await asyncio.sleep(max(delay, 0.0))

    def _start(self) -> float:
        """Return the loop time of scenario time 0."""
        if self._start_loop_time is None:
            raise RuntimeError("The scenario player has not started")
        return self._start_loop_time

    def loop_time(self) -> float:
        """Return the running event loop's time, in seconds."""
        return asyncio.get_running_loop().time()


def _log_failure(task: asyncio.Task[None]) -> None:
    """Log the exception that ended a player task, if any."""
    if task.cancelled() or task.exception() is None:
        return
    _logger.error(
        "Scenario player task %s failed", task.get_name(), exc_info=task.exception()
    )
