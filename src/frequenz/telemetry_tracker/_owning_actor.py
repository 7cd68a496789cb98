# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""An SDK actor that owns child actors: starting or stopping it does the same to them."""

import asyncio
from collections.abc import Sequence

from frequenz.sdk.actor import Actor
from typing_extensions import override


class OwningActor(Actor):
    """An actor whose child actors start, stop and are waited for with it.

    Subclasses list their children in `_children` before the actor starts.
    """

    _children: Sequence[Actor] = ()

    @override
    def start(self) -> None:
        """Start this actor and its child actors."""
        super().start()
        for child in self._children:
            child.start()

    @override
    def cancel(self, msg: str | None = None) -> None:
        """Cancel this actor and its child actors.

        Args:
            msg: The message passed to the cancelled tasks.
        """
        for child in self._children:
            child.cancel(msg)
        super().cancel(msg)

    @override
    async def wait(self) -> None:
        """Wait until this actor and all its child actors have stopped."""
        try:
            await super().wait()
        finally:
            await asyncio.gather(
                *(child.wait() for child in self._children), return_exceptions=True
            )
