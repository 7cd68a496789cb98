# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The actor that sends a script of power requests on a timer."""

import logging
from collections.abc import Iterable
from datetime import timedelta

from frequenz.channels import Sender
from frequenz.channels.timer import SkipMissedAndDrift, Timer
from frequenz.sdk.actor import Actor

from ._messages import PowerRequest

_logger = logging.getLogger(__name__)


class PowerRequestScriptActor(Actor):
    """Sends the powers of a script as requests, one per interval, over and over.

    It replaces whatever decides the power in a real application, such as a
    peak-shaving controller or a trading schedule.
    """

    def __init__(
        self,
        *,
        powers_w: Iterable[float],
        interval: timedelta,
        request_sender: Sender[PowerRequest],
        name: str | None = None,
    ) -> None:
        """Create the actor, which sends its first request one interval after start.

        Args:
            powers_w: The powers to request in watts, in order, positive to
                charge the batteries.
            interval: The time between two requests.
            request_sender: Where the requests go.
            name: The actor's name, for logs.

        Raises:
            ValueError: If there is no power, or the interval is not positive.
        """
        super().__init__(name=name or "power-request-script")
        self._powers_w = tuple(powers_w)
        if not self._powers_w:
            raise ValueError("Invalid script: no powers given. Give at least one.")
        if interval <= timedelta(0):
            raise ValueError(
                f"Invalid interval {interval}: expected a positive duration."
            )
        self._interval = interval
        self._request_sender = request_sender
        self._sent = 0

    async def _run(self) -> None:
        # The count lives on the actor, so a restarted actor goes on with the
        # next power and request number.
        timer = Timer(self._interval, SkipMissedAndDrift())
        try:
            async for _ in timer:
                power_w = self._powers_w[self._sent % len(self._powers_w)]
                request = PowerRequest(number=self._sent, power_w=power_w)
                _logger.debug("%s: sending request %s.", self, request)
                await self._request_sender.send(request)
                self._sent += 1
        finally:
            # NOTE: When a channels Timer (frequenz-channels 1.12) is cancelled
            # while it waits, a task waiting on its reset event is left behind
            # and destroyed while pending when the loop closes. Stopping the
            # timer sets the event, so that task ends.
            timer.stop()
