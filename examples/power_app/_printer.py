# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The actor that prints every distribution, as a readable line or JSON lines."""

from collections.abc import Callable

from frequenz.channels import Receiver
from frequenz.sdk.actor import Actor

from ._messages import Distribution
from ._report import distribution_json, distribution_text, to_json_line


class DistributionPrinterActor(Actor):
    """Prints one line per distribution, or one JSON line per request and command."""

    def __init__(
        self,
        *,
        distribution_receiver: Receiver[Distribution],
        write: Callable[[str], None],
        as_json: bool,
        origin_loop_s: float,
        name: str | None = None,
    ) -> None:
        """Create the actor, which prints once started.

        Args:
            distribution_receiver: The distributions to print.
            write: Writes one line, for example `print`.
            as_json: Whether to print JSON lines instead of readable lines.
            origin_loop_s: The loop time that the printed times count from.
            name: The actor's name, for logs.
        """
        super().__init__(name=name or "distribution-printer")
        self._distributions = distribution_receiver
        self._write = write
        self._as_json = as_json
        self._origin_loop_s = origin_loop_s

    async def _run(self) -> None:
        async for distribution in self._distributions:
            if not self._as_json:
                self._write(
                    distribution_text(distribution, origin_loop_s=self._origin_loop_s)
                )
                continue
            for value in distribution_json(
                distribution, origin_loop_s=self._origin_loop_s
            ):
                self._write(to_json_line(value))
