# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""In-process telemetry streams that replay a scenario without gRPC."""

import asyncio
import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from types import MappingProxyType, TracebackType
from typing import Final, Self

from frequenz.channels import BroadcastChannel, Receiver, Sender, SenderError
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples
from frequenz.client.microgrid.metrics import Metric

from .._errors import ConfigurationError
from ._client_samples import to_client_samples
from ._clock import LoopWallClock, WallClock
from ._player import (
    ScenarioPlayer,
    ServerDown,
    SimulatedSample,
    StreamEnded,
    StreamItem,
)
from ._power import PowerCommand, PowerControl
from ._proto import as_received, to_float32
from ._scenario import Scenario

_logger = logging.getLogger(__name__)

DEFAULT_RETRY_INTERVAL: Final = 3.0
"""Seconds between a stream's error end and the next subscription.

The client's default linear backoff waits this long plus a random jitter of
up to 1 s. The in-process streams leave the jitter out to stay deterministic.
"""

_MIN_REQUEST_LIFETIME: Final = 10
_MAX_REQUEST_LIFETIME: Final = 900


class ScenarioStreams:
    """Replay a scenario in-process, as the real client would see it.

    Each receiver yields the same `ComponentDataSamples`, at the same
    event-loop times, as `MicrogridApiClient.receive_component_data_samples_stream`
    would against a `MicrogridSimulator` playing the same scenario. A stream
    ended with OK stops the receiver. A stream ended with an error status or
    by a server restart goes quiet and subscribes again after the retry
    interval, as the client does. Everything runs on `asyncio.sleep`, so under
    a fake event loop such as async-solipsism a 30 s scenario takes
    milliseconds.

    Example:
        ```python
        from frequenz.client.common.microgrid.electrical_components import (
            ElectricalComponentId,
        )
        from frequenz.telemetry_tracker.simulator import (
            ScenarioStreams,
            load_builtin_scenario,
        )

        async with ScenarioStreams(load_builtin_scenario("demo")) as streams:
            factory = streams.receiver_factories()[ElectricalComponentId(1)]
            receiver = factory()
            print(await receiver.receive())
        ```
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        wall_clock: WallClock | None = None,
        retry_interval: float = DEFAULT_RETRY_INTERVAL,
    ) -> None:
        """Prepare the streams; nothing is sent before `start()`.

        Args:
            scenario: The scenario to replay.
            wall_clock: The clock that stamps samples, or `None` for a
                `LoopWallClock` started at `start()`, which follows the event
                loop's (possibly virtual) time.
            retry_interval: Seconds between a stream's error end and the next
                subscription.

        Raises:
            ConfigurationError: If `retry_interval` is not positive.
        """
        if not retry_interval > 0.0:
            raise ConfigurationError(
                f"Invalid retry_interval {retry_interval}: expected a positive "
                "number of seconds"
            )
        self._scenario = scenario
        self._wall_clock = wall_clock
        self._retry_interval = retry_interval
        self._power = PowerControl(scenario)
        self._player = ScenarioPlayer(
            scenario, wall_clock=self._read_wall_clock, power=self._power
        )
        self._forwarders: set[asyncio.Task[None]] = set()

    @property
    def scenario(self) -> Scenario:
        """The scenario being replayed."""
        return self._scenario

    @property
    def wall_clock(self) -> WallClock:
        """The clock that stamps samples.

        Raises:
            RuntimeError: If the default clock is still to be created by `start()`.
        """
        if self._wall_clock is None:
            raise RuntimeError("The default wall clock starts with start()")
        return self._wall_clock

    @property
    def power_commands(self) -> tuple[PowerCommand, ...]:
        """The power commands received so far, oldest first, failed ones included."""
        return self._power.commands

    def scenario_time(self) -> float:
        """Return the seconds since `start()`."""
        return self._player.scenario_time()

    async def start(self) -> None:
        """Start replaying; scenario time 0 is now.

        Raises:
            RuntimeError: If the streams were started before.
        """
        if self._wall_clock is None:
            self._wall_clock = LoopWallClock()
        self._player.start()

    async def stop(self) -> None:
        """Stop replaying; every receiver stops."""
        for task in self._forwarders:
            task.cancel()
        await asyncio.gather(*self._forwarders, return_exceptions=True)
        self._forwarders.clear()
        await self._player.stop()

    async def __aenter__(self) -> Self:
        """Start replaying."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop replaying."""
        await self.stop()

    def new_receiver(
        self,
        component_id: ElectricalComponentId,
        metrics: Iterable[Metric] | None = None,
        *,
        buffer_size: int = 50,
    ) -> Receiver[ComponentDataSamples]:
        """Subscribe to a component's telemetry, like one call of the client.

        Args:
            component_id: The component.
            metrics: The metrics to keep, or `None` for every metric in the
                scenario; state codes always come along.
            buffer_size: How many samples the receiver buffers before it drops
                the oldest, as in the client.

        Returns:
            A receiver of the component's samples from now on.

        Raises:
            KeyError: If the scenario has no such component.
        """
        self._scenario.component(component_id)
        metric_values = frozenset(
            metric.value for metric in (Metric if metrics is None else metrics)
        )
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            name=f"scenario-stream-{component_id}", limit=buffer_size
        )
        task = asyncio.create_task(
            self._forward(
                component_id, metric_values, sender, self._subscribe(component_id)
            ),
            name=f"scenario-stream-{component_id}",
        )
        self._forwarders.add(task)
        task.add_done_callback(self._forwarders.discard)
        return receiver

    def receiver_factories(
        self, metrics: Iterable[Metric] | None = None
    ) -> Mapping[ElectricalComponentId, Callable[[], Receiver[ComponentDataSamples]]]:
        """Return, per component, a function that subscribes to its telemetry.

        Args:
            metrics: The metrics to keep, or `None` for every metric.

        Returns:
            A read-only mapping from component id to a factory that calls
            `new_receiver` each time it is called.
        """
        selected_metrics = None if metrics is None else tuple(metrics)
        return MappingProxyType(
            {
                component.id: _factory(self, component.id, selected_metrics)
                for component in self._scenario.components
            }
        )

    async def set_component_power_active(
        self,
        component_id: ElectricalComponentId,
        power: float,
        *,
        request_lifetime: timedelta | None = None,
    ) -> datetime:
        """Apply an active power command, as the gRPC server does.

        Args:
            component_id: The component.
            power: The active power in watts; it is rounded to a 32-bit float
                as on the wire.
            request_lifetime: How long the command stays in effect, from 10 s
                to 15 min, rounded to whole seconds, or `None` for 60 s.

        Returns:
            When the command stops being in effect, as a wall-clock time.

        Raises:
            ValueError: If the lifetime is out of range, as the client checks.
            PowerCommandError: If the component takes no power commands or
                the scenario makes the command fail.
        """
        lifetime = (
            None
            if request_lifetime is None
            else round(request_lifetime.total_seconds())
        )
        if (
            lifetime is not None
            and not _MIN_REQUEST_LIFETIME <= lifetime <= _MAX_REQUEST_LIFETIME
        ):
            raise ValueError(
                f"Invalid request_lifetime {request_lifetime}: expected 10 s to 15 min"
            )
        in_effect = self._power.submit(
            component_id,
            to_float32(power),
            request_lifetime=lifetime,
            loop_time=self._player.loop_time(),
            scenario_time=self._player.scenario_time(),
        )
        return as_received(self.wall_clock() + timedelta(seconds=in_effect))

    def _read_wall_clock(self) -> datetime:
        """Read the wall clock; the player calls this only after `start()`."""
        return self.wall_clock()

    async def _forward(
        self,
        component_id: ElectricalComponentId,
        metrics: frozenset[int],
        sender: Sender[ComponentDataSamples],
        upstream: Receiver[StreamItem] | None,
    ) -> None:
        """Relay a component's samples, subscribing again after an error end.

        `upstream` is the first subscription, made when the receiver was
        created so that it misses nothing sent after that, or `None` if the
        server was down then.
        """
        try:
            while True:
                if upstream is not None:
                    try:
                        if await _relay(upstream, metrics, sender):
                            return
                    finally:
                        upstream.close()
                _logger.debug(
                    "Stream of %s ended with an error, subscribing again in %.1f s",
                    component_id,
                    self._retry_interval,
                )
                await asyncio.sleep(self._retry_interval)
                upstream = self._subscribe(component_id)
        except SenderError:
            _logger.debug("Receiver of %s closed, stopping its stream", component_id)
        finally:
            await sender.aclose()

    def _subscribe(
        self, component_id: ElectricalComponentId
    ) -> Receiver[StreamItem] | None:
        """Subscribe to a component, or return `None` while the server is down."""
        if self._player.is_server_down():
            return None
        return self._player.new_receiver(component_id)


async def _relay(
    upstream: Receiver[StreamItem],
    metrics: frozenset[int],
    sender: Sender[ComponentDataSamples],
) -> bool:
    """Relay samples until the stream ends; return whether it ended with OK."""
    async for item in upstream:
        match item:
            case SimulatedSample():
                await sender.send(to_client_samples(item, metrics))
            case StreamEnded(status=status):
                return status == "OK"
            case ServerDown():
                return False
    return True


def _factory(
    streams: ScenarioStreams,
    component_id: ElectricalComponentId,
    metrics: tuple[Metric, ...] | None,
) -> Callable[[], Receiver[ComponentDataSamples]]:
    """Bind a component and metrics to `ScenarioStreams.new_receiver`."""
    return lambda: streams.new_receiver(component_id, metrics)
