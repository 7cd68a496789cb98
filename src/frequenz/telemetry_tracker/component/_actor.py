# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The actor that watches one component's telemetry stream."""

import asyncio
import logging
from collections.abc import Callable, Sized
from datetime import UTC, datetime, timedelta

from frequenz.channels import (
    Receiver,
    ReceiverStoppedError,
    Sender,
    select,
    selected_from,
)
from frequenz.channels.timer import SkipMissedAndDrift, Timer
from frequenz.client.base.retry import ExponentialBackoff, Strategy
from frequenz.client.common.microgrid.components import ComponentId
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples
from frequenz.sdk.actor import Actor
from typing_extensions import override

from .._errors import ConfigurationError
from ..health import ComponentKind, HealthPolicy
from ._health import ComponentHealth
from ._stats import ComponentStats
from ._tracker import ComponentHealthTracker, SampleOutcome

_logger = logging.getLogger(__name__)

TelemetryStreamFactory = Callable[[], Receiver[ComponentDataSamples]]
"""A callable that opens a new telemetry stream for one component."""

WallClock = Callable[[], datetime]
"""A callable that returns the host's wall-clock time as an aware UTC datetime."""


def utc_now() -> datetime:
    """Return the host's wall-clock time in UTC."""
    return datetime.now(UTC)


def default_resubscribe_backoff() -> ExponentialBackoff:
    """Return the default back-off between resubscriptions: 0.5 s doubling to 30 s."""
    return ExponentialBackoff(initial_interval=0.5, max_interval=30.0, jitter=0.0)


class ComponentTelemetryActor(Actor):
    """Watches one component's telemetry stream and reports its health.

    Every accepted sample is forwarded as a
    [`ComponentHealth`][frequenz.telemetry_tracker.ComponentHealth],
    because consumers need the latest telemetry, not only the health. A
    health change is sent at once. Samples that change no health and find
    more samples queued behind them are sent as one update, the latest. A
    component that sends nothing for one `missing_data_tolerance` after its
    last accepted sample is reported once as unhealthy (missing data), with
    its last sample kept.

    The deadline is exact without a timer reset per sample: the timer ticks
    once per tolerance, and on each tick the actor checks how long ago the
    last sample really arrived, re-arming the timer for what is left.

    When the stream ends, the component is reported unhealthy (stream ended).
    An actor built from a `telemetry_stream_factory` then opens a new stream
    after a back-off; one built from a `telemetry_receiver` stops.

    Any other exception, from the receiver or while a sample is handled,
    propagates, and the SDK restarts the actor after `Actor.RESTART_DELAY`.
    The restarted actor resumes on the same stream, so the samples queued
    behind the failing one are still handled, and republishes its health.
    """

    def __init__(
        self,
        *,
        component_id: ElectricalComponentId,
        kind: ComponentKind,
        health_sender: Sender[ComponentHealth],
        telemetry_receiver: Receiver[ComponentDataSamples] | None = None,
        telemetry_stream_factory: TelemetryStreamFactory | None = None,
        missing_data_tolerance: timedelta = timedelta(seconds=1),
        policy: HealthPolicy | None = None,
        resubscribe_backoff: Strategy | None = None,
        wall_clock: WallClock = utc_now,
        name: str | None = None,
    ) -> None:
        """Create the actor; it starts watching when started.

        Args:
            component_id: The component to watch.
            kind: Whether the component is an inverter or a battery.
            health_sender: Where to send health updates.
            telemetry_receiver: A ready telemetry stream; give this or
                `telemetry_stream_factory`, not both.
            telemetry_stream_factory: Opens the telemetry stream, and opens
                it again after it ends.
            missing_data_tolerance: How long without a sample makes the
                component unhealthy.
            policy: The health policy; the default policy if `None`.
            resubscribe_backoff: The delays between resubscriptions; 0.5 s
                doubling up to 30 s if `None`.
            wall_clock: Returns the host's wall-clock time (UTC); replaced in
                tests and replays.
            name: The actor's name, for logs.

        Raises:
            ConfigurationError: If not exactly one telemetry source is given,
                or the tolerance is not positive.
        """
        super().__init__(name=name or f"component-telemetry-{component_id}")
        if (telemetry_receiver is None) == (telemetry_stream_factory is None):
            raise ConfigurationError(
                f"Invalid telemetry source for component {component_id}: give "
                "exactly one of telemetry_receiver and telemetry_stream_factory."
            )
        if not isinstance(missing_data_tolerance, timedelta):
            raise ConfigurationError(
                f"Invalid missing_data_tolerance {missing_data_tolerance!r}: expected a "
                "datetime.timedelta, for example timedelta(seconds=1)."
            )
        if missing_data_tolerance < timedelta(microseconds=1):
            raise ConfigurationError(
                f"Invalid missing_data_tolerance of {missing_data_tolerance.total_seconds():g} s "
                f"(component {component_id}): expected a positive duration of at "
                "least 1 microsecond, the resolution of the timer."
            )
        self._component_id = component_id
        self._health_sender = health_sender
        self._receiver = telemetry_receiver
        self._factory = telemetry_stream_factory
        self._tolerance = missing_data_tolerance
        self._backoff = resubscribe_backoff or default_resubscribe_backoff()
        self._wall_clock = wall_clock
        self._policy = policy or HealthPolicy()
        self._kind = kind
        self._tracker: ComponentHealthTracker | None = None
        self._warned_foreign_ids: set[str] = set()
        self._unsent: ComponentHealth | None = None

    @property
    def component_id(self) -> ElectricalComponentId:
        """The component this actor watches."""
        return self._component_id

    @property
    def kind(self) -> ComponentKind:
        """Whether the component is an inverter or a battery."""
        return self._kind

    def stats(self) -> ComponentStats | None:
        """Return the component's counters, or `None` before the actor started."""
        if self._tracker is None:
            return None
        return self._tracker.stats(now_loop_s=asyncio.get_running_loop().time())

    @property
    def current(self) -> ComponentHealth | None:
        """The component's latest health, or `None` before the actor started."""
        return None if self._tracker is None else self._tracker.current

    @override
    def cancel(self, msg: str | None = None) -> None:
        """Cancel the actor, and close the stream it opened.

        A stream kept for a restart that never came is closed here too.

        Args:
            msg: The message passed to the cancelled tasks.
        """
        self._drop_stream()
        super().cancel(msg)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        if self._tracker is None:
            self._tracker = ComponentHealthTracker(
                component_id=self._component_id,
                kind=self._kind,
                policy=self._policy,
                missing_data_tolerance_s=self._tolerance.total_seconds(),
                now_loop_s=loop.time(),
                now_utc=self._wall_clock(),
            )
        else:
            # Restarted after an unhandled exception: republish what is known
            # once watching resumes (see _watch).
            self._unsent = self._tracker.current
        while True:
            cause = await self._watch_one_stream(self._tracker)
            await self._report_stream_end(self._tracker, cause)
            if self._factory is None:
                return
            delay_s = self._backoff.next_interval() or 0.0
            _logger.info(
                "Component %s: resubscribing to telemetry in %.1f s.",
                self._component_id,
                delay_s,
            )
            await asyncio.sleep(delay_s)

    async def _watch_one_stream(self, tracker: ComponentHealthTracker) -> str:
        """Watch the current stream, or a newly opened one, until it ends.

        The stream is kept when watching raises, so that the SDK's restart
        resumes on it and no queued sample is lost. A stream opened from the
        factory is closed when it ends and when the actor is cancelled.
        """
        if self._receiver is None:
            if self._factory is None:
                return "the stream had already ended"
            self._receiver = _open_stream(self._factory, self._component_id)
            if self._receiver is None:
                return "opening the stream failed"
        try:
            cause = await self._watch(self._receiver, tracker)
        except asyncio.CancelledError:
            self._drop_stream()
            raise
        self._drop_stream()
        return cause

    def _drop_stream(self) -> None:
        """Forget the current stream, and close it if the actor opened it."""
        receiver, self._receiver = self._receiver, None
        if receiver is not None and self._factory is not None:
            receiver.close()

    async def _watch(
        self, receiver: Receiver[ComponentDataSamples], tracker: ComponentHealthTracker
    ) -> str:
        """Watch a stream until it ends; return what ended it."""
        loop = asyncio.get_running_loop()
        timer = Timer(self._tolerance, SkipMissedAndDrift())
        check_after_queue = False
        try:
            if not _has_queued_samples(receiver):
                # After a restart the deadline may be nearer than one
                # tolerance, or already past: judge it before republishing.
                await self._on_timer(timer, tracker, loop.time())
                if self._unsent is not None:
                    await self._send(self._unsent)
            async for selected in select(receiver, timer):
                if selected_from(selected, receiver):
                    if isinstance(selected.exception, ReceiverStoppedError):
                        return _describe_end(selected.exception)
                    # Any other receive error propagates from `message`, so
                    # the SDK restarts the actor on the same stream.
                    await self._on_sample(selected.message, tracker, loop.time())
                    if _has_queued_samples(receiver):
                        continue
                    if self._unsent is not None:
                        await self._send(self._unsent)
                    if check_after_queue:
                        check_after_queue = False
                        await self._on_timer(timer, tracker, loop.time())
                elif selected_from(selected, timer):
                    if _has_queued_samples(receiver):
                        # select() yielded a tick that came due while samples
                        # were already queued (a late tick): check the
                        # deadline once the queue is taken.
                        check_after_queue = True
                        continue
                    await self._on_timer(timer, tracker, loop.time())
        finally:
            timer.close()
        return "the stream closed"

    async def _on_sample(
        self,
        sample: ComponentDataSamples,
        tracker: ComponentHealthTracker,
        now_loop_s: float,
    ) -> None:
        previous = tracker.current
        outcome = tracker.on_sample(
            sample, now_loop_s=now_loop_s, now_utc=self._wall_clock()
        )
        if outcome not in (SampleOutcome.ACCEPTED, SampleOutcome.IN_FUTURE):
            self._log_rejected(sample, outcome)
            return
        _logger.debug("Component %s: sample accepted.", self._component_id)
        current = tracker.current
        if current.is_healthy:
            self._backoff.reset()
        if current.reasons != previous.reasons:
            _log_transition(previous, current)
            await self._send(current)
        else:
            # Sent once the queued samples are taken: a burst yields one update.
            self._unsent = current

    async def _send(self, health: ComponentHealth) -> None:
        self._unsent = None
        await self._health_sender.send(health)

    async def _on_timer(
        self, timer: Timer, tracker: ComponentHealthTracker, now_loop_s: float
    ) -> None:
        previous = tracker.current
        left_s = tracker.seconds_until_overdue(
            now_loop_s=now_loop_s, now_utc=self._wall_clock()
        )
        if left_s is not None:
            timer.reset(start_delay=timedelta(seconds=left_s), tick_at_start=True)
            return
        current = tracker.current
        if current is not previous:
            _log_transition(previous, current)
            await self._send(current)

    async def _report_stream_end(
        self, tracker: ComponentHealthTracker, cause: str
    ) -> None:
        previous = tracker.current
        loop = asyncio.get_running_loop()
        tracker.on_stream_ended(
            cause, now_loop_s=loop.time(), now_utc=self._wall_clock()
        )
        _log_transition(previous, tracker.current)
        await self._send(tracker.current)

    def _log_rejected(
        self, sample: ComponentDataSamples, outcome: SampleOutcome
    ) -> None:
        if outcome is SampleOutcome.FOREIGN_ID:
            foreign_id = _format_foreign_id(sample.component_id)
            if foreign_id not in self._warned_foreign_ids:
                self._warned_foreign_ids.add(foreign_id)
                _logger.warning(
                    "Component %s: ignoring samples for component %s on its stream.",
                    self._component_id,
                    foreign_id,
                )
            return
        _logger.debug(
            "Component %s: sample ignored (%s).", self._component_id, outcome.value
        )


def _format_foreign_id(component_id: ComponentId) -> str:
    """Format a foreign sample's id like any other id, or as its repr if it is not one."""
    try:
        return str(ElectricalComponentId(int(component_id)))
    except (TypeError, ValueError, OverflowError):
        return repr(component_id)


def _has_queued_samples(receiver: Receiver[ComponentDataSamples]) -> bool:
    # Channel receivers (the client's included) report their queue length;
    # for others a late tick cannot be distinguished from a real timeout.
    return isinstance(receiver, Sized) and len(receiver) > 0


def _open_stream(
    factory: TelemetryStreamFactory, component_id: ElectricalComponentId
) -> Receiver[ComponentDataSamples] | None:
    try:
        return factory()
    except Exception:  # pylint: disable=broad-except
        # The factory is user code or a client call; whatever it raises, the
        # actor reports the stream as ended and tries again after a back-off.
        _logger.exception(
            "Component %s: opening the telemetry stream failed.", component_id
        )
        return None


def _describe_end(error: Exception) -> str:
    if isinstance(error, ReceiverStoppedError):
        return "the receiver stopped"
    return f"{type(error).__name__}: {error}"


def _log_transition(previous: ComponentHealth, current: ComponentHealth) -> None:
    if previous.reasons == current.reasons:
        return
    reasons = ", ".join(sorted(reason.value for reason in current.reasons))
    if current.is_healthy:
        _logger.info("Component %s: healthy.", current.component_id)
    elif previous.is_healthy:
        _logger.warning(
            "Component %s: unhealthy (%s): %s.",
            current.component_id,
            reasons,
            current.detail,
        )
    else:
        _logger.info(
            "Component %s: still unhealthy, now for %s: %s.",
            current.component_id,
            reasons,
            current.detail,
        )
