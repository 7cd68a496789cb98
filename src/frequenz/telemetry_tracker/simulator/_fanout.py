# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Send each message to every current subscriber, with or without subscribers."""

from typing import Generic, TypeVar

from frequenz.channels import BroadcastChannel, BroadcastSender, Receiver, SenderError

_T = TypeVar("_T")


class Fanout(Generic[_T]):
    """Deliver each message to every receiver subscribed at the time.

    Each subscriber gets its own broadcast channel, so a subscriber that
    closes its receiver is dropped at the next message, and sending with no
    subscribers is fine (a single `BroadcastChannel` closes itself when it
    has no receivers left).
    """

    def __init__(self, *, name: str) -> None:
        """Create a fan-out with no subscribers.

        Args:
            name: The name of the subscribers' channels, for logging.
        """
        self._name = name
        self._senders: list[BroadcastSender[_T]] = []

    def new_receiver(self, *, limit: int = 50) -> Receiver[_T]:
        """Subscribe to the messages sent from now on.

        Args:
            limit: How many messages the receiver buffers before it drops the
                oldest.

        Returns:
            The receiver.
        """
        sender, receiver = BroadcastChannel[_T](name=self._name, limit=limit)
        self._senders.append(sender)
        return receiver

    async def send(self, message: _T) -> None:
        """Send a message to every subscriber, dropping closed ones."""
        for sender in list(self._senders):
            try:
                await sender.send(message)
            except SenderError:
                self._senders.remove(sender)

    async def aclose(self) -> None:
        """Close every subscriber's channel; receivers stop once drained."""
        senders, self._senders = self._senders, []
        for sender in senders:
            await sender.aclose()
