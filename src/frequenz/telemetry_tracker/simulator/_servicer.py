# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The Microgrid API v1alpha18 service, served from a playing scenario."""

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any, Final, NoReturn

import grpc
from frequenz.api.microgrid.v1alpha18 import microgrid_pb2, microgrid_pb2_grpc
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from typing_extensions import override

from ._clock import WallClock
from ._errors import PowerCommandError
from ._player import ScenarioPlayer, ServerDown, SimulatedSample, StreamEnded
from ._power import PowerControl
from ._proto import (
    components_response,
    connections_response,
    microgrid_response,
    telemetry_response,
)

_logger = logging.getLogger(__name__)

DEFAULT_BOUNDS_LIFETIME: Final = 5.0
"""How long added bounds stay in effect, in seconds, when the request sets no
lifetime. The Microgrid API documents the same default."""


class MicrogridServicer(microgrid_pb2_grpc.MicrogridServicer):
    """Serve Microgrid API calls from a scenario player."""

    def __init__(
        self, player: ScenarioPlayer, power: PowerControl, wall_clock: WallClock
    ) -> None:
        """Create the servicer.

        Args:
            player: The playing scenario, source of topology and telemetry.
            power: Where power commands are checked, applied and recorded.
            wall_clock: The clock for the expiry times in responses.
        """
        self._player = player
        self._power = power
        self._wall_clock = wall_clock
        self._component_ids = {
            int(component.id) for component in player.scenario.components
        }

    @override
    async def GetMicrogrid(
        self, request: Any, context: Any
    ) -> microgrid_pb2.GetMicrogridResponse:
        """Return the scenario's microgrid."""
        return microgrid_response(self._player.scenario)

    @override
    async def ListElectricalComponents(
        self, request: microgrid_pb2.ListElectricalComponentsRequest, context: Any
    ) -> microgrid_pb2.ListElectricalComponentsResponse:
        """Return the scenario's components that match the request filters."""
        return components_response(self._player.scenario, request)

    @override
    async def ListElectricalComponentConnections(
        self,
        request: microgrid_pb2.ListElectricalComponentConnectionsRequest,
        context: Any,
    ) -> microgrid_pb2.ListElectricalComponentConnectionsResponse:
        """Return the scenario's connections that match the request filters."""
        return connections_response(self._player.scenario, request)

    @override
    async def ListSensors(
        self, request: microgrid_pb2.ListSensorRequest, context: Any
    ) -> microgrid_pb2.ListSensorsResponse:
        """Return no sensors: scenarios have none."""
        return microgrid_pb2.ListSensorsResponse()

    @override
    async def ReceiveElectricalComponentTelemetryStream(
        self,
        request: microgrid_pb2.ReceiveElectricalComponentTelemetryStreamRequest,
        context: Any,
    ) -> AsyncIterator[microgrid_pb2.ReceiveElectricalComponentTelemetryStreamResponse]:
        """Stream a component's samples as the scenario sends them.

        The stream returns only the metrics in the request filter, ends with
        OK or aborts with an error status where the scenario ends it, and
        aborts with UNAVAILABLE when a scripted restart stops the server.
        """
        component_id = request.electrical_component_id
        metrics = frozenset(request.filter.metrics)
        await self._check_component(component_id, context)
        if not metrics:
            await context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                "Missing metrics in the stream filter: request at least one metric",
            )
        _logger.debug("Telemetry stream of component %s opened", component_id)
        receiver = self._player.new_receiver(ElectricalComponentId(component_id))
        try:
            async for item in receiver:
                match item:
                    case SimulatedSample():
                        yield telemetry_response(item, metrics)
                    case StreamEnded(status="OK"):
                        return
                    case StreamEnded(status=status):
                        await context.abort(
                            grpc.StatusCode[status], "The scenario ended this stream"
                        )
                    case ServerDown():
                        await context.abort(
                            grpc.StatusCode.UNAVAILABLE, "The server is restarting"
                        )
        finally:
            receiver.close()
            _logger.debug("Telemetry stream of component %s closed", component_id)

    @override
    async def SetElectricalComponentPower(
        self, request: microgrid_pb2.SetElectricalComponentPowerRequest, context: Any
    ) -> AsyncIterator[microgrid_pb2.SetElectricalComponentPowerResponse]:
        """Apply an active power command, unless the scenario makes it fail."""
        if request.power_type != microgrid_pb2.POWER_TYPE_ACTIVE:
            await context.abort(
                grpc.StatusCode.UNIMPLEMENTED,
                "The simulator takes active power commands only",
            )
        try:
            lifetime = self._power.submit(
                ElectricalComponentId(request.electrical_component_id),
                request.power,
                request_lifetime=(
                    request.request_lifetime
                    if request.HasField("request_lifetime")
                    else None
                ),
                loop_time=self._player.loop_time(),
                scenario_time=self._player.scenario_time(),
            )
        except PowerCommandError as error:
            await context.abort(grpc.StatusCode[error.status], str(error))
        response = microgrid_pb2.SetElectricalComponentPowerResponse(
            status=microgrid_pb2.SET_ELECTRICAL_COMPONENT_POWER_REQUEST_STATUS_ACCEPTED
        )
        response.valid_until_time.FromDatetime(
            self._wall_clock() + timedelta(seconds=lifetime)
        )
        yield response

    @override
    async def AugmentElectricalComponentBounds(
        self,
        request: microgrid_pb2.AugmentElectricalComponentBoundsRequest,
        context: Any,
    ) -> microgrid_pb2.AugmentElectricalComponentBoundsResponse:
        """Accept added bounds without applying them to the samples."""
        await self._check_component(request.electrical_component_id, context)
        lifetime = (
            request.request_lifetime
            if request.HasField("request_lifetime")
            else DEFAULT_BOUNDS_LIFETIME
        )
        response = microgrid_pb2.AugmentElectricalComponentBoundsResponse()
        response.valid_until_time.FromDatetime(
            self._wall_clock() + timedelta(seconds=lifetime)
        )
        return response

    @override
    async def ReceiveSensorTelemetryStream(
        self, request: microgrid_pb2.ReceiveSensorTelemetryStreamRequest, context: Any
    ) -> AsyncIterator[microgrid_pb2.ReceiveSensorTelemetryStreamResponse]:
        """Reject the call: scenarios have no sensors."""
        await _unimplemented(context)
        # Never reached: the yield makes this method an async generator, which
        # is how grpc.aio serves a server-streaming call.
        yield microgrid_pb2.ReceiveSensorTelemetryStreamResponse()

    @override
    async def ClearElectricalComponentBounds(
        self, request: Any, context: Any
    ) -> NoReturn:
        """Reject the call as not implemented."""
        await _unimplemented(context)

    @override
    async def StartElectricalComponent(self, request: Any, context: Any) -> NoReturn:
        """Reject the call as not implemented."""
        await _unimplemented(context)

    @override
    async def PutElectricalComponentInStandby(
        self, request: Any, context: Any
    ) -> NoReturn:
        """Reject the call as not implemented."""
        await _unimplemented(context)

    @override
    async def StopElectricalComponent(self, request: Any, context: Any) -> NoReturn:
        """Reject the call as not implemented."""
        await _unimplemented(context)

    @override
    async def AckElectricalComponentError(self, request: Any, context: Any) -> NoReturn:
        """Reject the call as not implemented."""
        await _unimplemented(context)

    async def _check_component(self, component_id: int, context: Any) -> None:
        """Abort the call with NOT_FOUND if the scenario has no such component."""
        if component_id not in self._component_ids:
            await context.abort(
                grpc.StatusCode.NOT_FOUND,
                f"Component {ElectricalComponentId(component_id)} not found in the "
                f"scenario {self._player.scenario.name}",
            )


async def _unimplemented(context: Any) -> NoReturn:
    """Abort a call with UNIMPLEMENTED."""
    await context.abort(
        grpc.StatusCode.UNIMPLEMENTED, "The simulator does not implement this call"
    )
    raise AssertionError("grpc.aio context.abort() returned instead of raising")
