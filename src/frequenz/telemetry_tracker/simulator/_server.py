# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The simulated microgrid as a gRPC server."""

import asyncio
import errno
import logging
from types import TracebackType
from typing import Final, Self

import grpc
from frequenz.api.microgrid.v1alpha18 import microgrid_pb2_grpc

from .._errors import ConfigurationError
from ._clock import WallClock, system_wall_clock
from ._player import ScenarioPlayer
from ._power import PowerCommand, PowerControl
from ._scenario import Scenario
from ._servicer import MicrogridServicer

_logger = logging.getLogger(__name__)

_MAX_PORT: Final = 65535

_SERVER_OPTIONS: Final = (
    # Accept keep-alive pings from idle clients and at any rate the client
    # picks, so the server never replies to them with GOAWAY "too_many_pings".
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.min_ping_interval_without_data_ms", 1000),
    ("grpc.http2.max_ping_strikes", 0),
    # Without this, gRPC binds with SO_REUSEPORT, so a second server on a busy
    # port starts too and clients reach either one at random.
    ("grpc.so_reuseport", 0),
)


class MicrogridSimulator:
    """A Microgrid API server that plays a scenario.

    It speaks the `frequenz.api.microgrid.v1alpha18` service that
    frequenz-client-microgrid 0.18 uses. Scenario time 0 is the call to
    `start()`. A restart keeps the scenario's clock running, but a stopped
    simulator cannot start again.

    Example:
        ```python
        from frequenz.client.microgrid import MicrogridApiClient
        from frequenz.telemetry_tracker.simulator import (
            MicrogridSimulator,
            load_builtin_scenario,
        )

        async with MicrogridSimulator(load_builtin_scenario("demo")) as simulator:
            async with MicrogridApiClient(simulator.url) as client:
                print(list(await client.list_components()))
        ```
    """

    def __init__(
        self,
        scenario: Scenario,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        wall_clock: WallClock = system_wall_clock,
    ) -> None:
        """Prepare the server; it listens only after `start()`.

        Args:
            scenario: The scenario to play.
            host: The address to listen on.
            port: The TCP port, or 0 for a free port chosen at the first start.
            wall_clock: The clock that stamps samples.

        Raises:
            ConfigurationError: If `port` is not from 0 to 65535.
        """
        if not 0 <= port <= _MAX_PORT:
            raise ConfigurationError(
                f"Invalid port {port}: expected 0 for a free port, or 1 to 65535"
            )
        self._scenario = scenario
        self._host = host
        self._port = port
        self._wall_clock = wall_clock
        self._power = PowerControl(scenario)
        self._player = ScenarioPlayer(
            scenario, wall_clock=wall_clock, power=self._power
        )
        self._server: grpc.aio.Server | None = None
        self._restart_task: asyncio.Task[None] | None = None

    @property
    def scenario(self) -> Scenario:
        """The scenario being played."""
        return self._scenario

    @property
    def port(self) -> int:
        """The TCP port, chosen at the first start when 0 was requested."""
        return self._port

    @property
    def url(self) -> str:
        """The URL a `MicrogridApiClient` connects to, with the port set.

        Raises:
            RuntimeError: If the port is still to be chosen by `start()`.
        """
        if self._port == 0:
            raise RuntimeError("The simulator has no port yet: call start() first")
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"grpc://{host}:{self._port}?ssl=false"

    @property
    def is_serving(self) -> bool:
        """Whether the server is listening now."""
        return self._server is not None

    @property
    def power_commands(self) -> tuple[PowerCommand, ...]:
        """The power commands received so far, oldest first, failed ones included."""
        return self._power.commands

    def scenario_time(self) -> float:
        """Return the seconds since the first start.

        Raises:
            RuntimeError: If the simulator has not started.
        """
        return self._player.scenario_time()

    async def start(self) -> None:
        """Listen and start playing the scenario.

        Raises:
            RuntimeError: If the simulator was started before.
            OSError: If the port cannot be bound.
        """
        if self._server is not None:
            raise RuntimeError(f"The simulator is already serving at {self.url}")
        if self._player.has_started:
            raise RuntimeError(
                "The simulator was stopped: create a new one to play the scenario again"
            )
        await self._serve()
        self._player.start()
        self._restart_task = asyncio.create_task(
            self._follow_restarts(), name="simulator-restarts"
        )

    async def stop(self) -> None:
        """Stop listening, ending every open call, and stop playing."""
        if self._restart_task is not None:
            self._restart_task.cancel()
            await asyncio.gather(self._restart_task, return_exceptions=True)
            self._restart_task = None
        await self._shut_down()
        await self._player.stop()
        _logger.info("Simulator stopped")

    async def restart(self, downtime: float = 0.0) -> None:
        """Stop listening, ending every open call, and listen again on the same port.

        Args:
            downtime: How long to stay down, in seconds.

        Raises:
            RuntimeError: If the simulator has not started, or the port cannot
                be bound again.
        """
        if not self._player.has_started:
            raise RuntimeError("The simulator has not started: call start() first")
        await self._shut_down()
        if downtime > 0.0:
            await asyncio.sleep(downtime)
        await self._serve()

    async def __aenter__(self) -> Self:
        """Start the simulator."""
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the simulator."""
        await self.stop()

    async def _serve(self) -> None:
        """Create the gRPC server and start listening."""
        server = grpc.aio.server(options=_SERVER_OPTIONS)
        microgrid_pb2_grpc.add_MicrogridServicer_to_server(
            MicrogridServicer(self._player, self._power, self._wall_clock), server
        )
        address = f"[{self._host}]" if ":" in self._host else self._host
        try:
            bound_port: int = server.add_insecure_port(f"{address}:{self._port}")
        except RuntimeError as error:
            # gRPC raises RuntimeError for a port in use or not allowed.
            raise OSError(
                errno.EADDRINUSE,
                f"Failed to listen on {address}:{self._port}: the port is in use "
                "or not allowed; pick another port, or 0 for a free one",
            ) from error
        if bound_port == 0:
            raise OSError(
                errno.EADDRINUSE, f"Failed to listen on {address}:{self._port}"
            )
        await server.start()
        self._port = bound_port
        self._server = server
        _logger.info(
            "Simulator of scenario %s serving at %s", self._scenario.name, self.url
        )

    async def _shut_down(self) -> None:
        """Stop the gRPC server at once, cancelling the open calls."""
        if self._server is None:
            return
        server, self._server = self._server, None
        await server.stop(grace=None)
        _logger.info("Simulator at %s stopped listening", self.url)

    async def _follow_restarts(self) -> None:
        """Restart the server at each of the scenario's `restart_server` events."""
        async for restart in self._player.new_restart_receiver():
            try:
                await self.restart(restart.downtime)
            except RuntimeError:
                _logger.exception(
                    "Failed to restart the simulator on port %s; it stays down",
                    self._port,
                )
