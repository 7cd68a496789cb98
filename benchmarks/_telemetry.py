# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Groups and pools fed through one channel per component, driven lock-step."""

import asyncio
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from frequenz.channels import (
    BroadcastChannel,
    BroadcastReceiver,
    BroadcastSender,
    Receiver,
    Sender,
)
from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentDataSamples

from frequenz.telemetry_tracker import (
    ComponentKind,
    InverterBatteryGroup,
    InverterBatteryGroupActor,
    InverterBatteryGroupStatus,
    InverterBatteryPoolActor,
    InverterBatteryPoolStatus,
)

from ._samples import SampleFactory


@dataclass(frozen=True)
class Telemetry:
    """One telemetry channel per component of one or more groups."""

    groups: tuple[InverterBatteryGroup, ...]
    """The groups the components form."""

    kinds: dict[int, ComponentKind]
    """The kind of each component, by component id."""

    senders: dict[int, BroadcastSender[ComponentDataSamples]]
    """The telemetry sender of each component, by component id."""

    receivers: dict[ElectricalComponentId, Receiver[ComponentDataSamples]]
    """The telemetry receiver of each component, for the tracker."""

    @property
    def group(self) -> InverterBatteryGroup:
        """The only group.

        Raises:
            ValueError: If there are several groups.
        """
        if len(self.groups) != 1:
            raise ValueError(f"Expected one group, found {len(self.groups)}.")
        return self.groups[0]

    def open_stream(
        self, component_id: ElectricalComponentId, kind: ComponentKind
    ) -> Receiver[ComponentDataSamples]:
        """Open a telemetry stream, as a `TelemetrySource` does.

        The first stream of a component is its channel's own receiver; a
        later one (after a stream ended) is a new receiver on the channel.
        """
        del kind
        receiver = self._unopened.pop(component_id, None)
        if receiver is not None:
            return receiver
        return self.senders[int(component_id)].subscribe()

    @functools.cached_property
    def _unopened(self) -> dict[ElectricalComponentId, Receiver[ComponentDataSamples]]:
        return dict(self.receivers)


def merge_telemetry(parts: Sequence[Telemetry]) -> Telemetry:
    """Merge the telemetry of several groups.

    The components are ordered one per group at a time, so that feeding
    them in order loads the groups evenly.
    """
    ids_by_part = [list(part.kinds) for part in parts]
    order = [
        (part, ids[position])
        for position in range(max(len(ids) for ids in ids_by_part))
        for part, ids in zip(parts, ids_by_part, strict=True)
        if position < len(ids)
    ]
    return Telemetry(
        groups=tuple(group for part in parts for group in part.groups),
        kinds={i: part.kinds[i] for part, i in order},
        senders={i: part.senders[i] for part, i in order},
        receivers={
            ElectricalComponentId(i): part.receivers[ElectricalComponentId(i)]
            for part, i in order
        },
    )


def make_telemetry(first_id: int, inverters: int, batteries: int) -> Telemetry:
    """Make a group and one telemetry channel per component.

    Args:
        first_id: The id of the first inverter; the others follow, then the
            batteries.
        inverters: How many inverters.
        batteries: How many batteries.

    Returns:
        The group and its channels.
    """
    kinds = {first_id + index: ComponentKind.INVERTER for index in range(inverters)}
    kinds |= {
        first_id + inverters + index: ComponentKind.BATTERY
        for index in range(batteries)
    }
    senders: dict[int, BroadcastSender[ComponentDataSamples]] = {}
    receivers: dict[ElectricalComponentId, Receiver[ComponentDataSamples]] = {}
    for component_id in kinds:
        sender, receiver = BroadcastChannel[ComponentDataSamples](
            f"telemetry-{component_id}"
        )
        senders[component_id] = sender
        receivers[ElectricalComponentId(component_id)] = receiver
    group = InverterBatteryGroup(
        inverter_ids=[i for i, k in kinds.items() if k is ComponentKind.INVERTER],
        battery_ids=[i for i, k in kinds.items() if k is ComponentKind.BATTERY],
    )
    return Telemetry(groups=(group,), kinds=kinds, senders=senders, receivers=receivers)


class Status(Protocol):
    """The part of a group's or a pool's status that the benchmarks read."""

    @property
    def healthy_component_ids(self) -> frozenset[ElectricalComponentId]:
        """The ids of all healthy components."""


class Tracked(Protocol):
    """A running tracker, its telemetry and one subscriber."""

    @property
    def telemetry(self) -> Telemetry:
        """The channels that feed the tracker."""

    @property
    def statuses(self) -> Receiver[Status]:
        """The one subscriber's receiver."""


@dataclass(frozen=True)
class RunningGroup:
    """A group actor, the telemetry that feeds it and one subscriber."""

    actor: InverterBatteryGroupActor
    """The actor under test."""

    telemetry: Telemetry
    """The channels that feed the actor."""

    statuses: BroadcastReceiver[InverterBatteryGroupStatus]
    """The one subscriber's receiver."""


def build_group(
    first_id: int,
    inverters: int,
    batteries: int,
    *,
    tolerance: timedelta = timedelta(seconds=1),
    status_limit: int = 50,
) -> RunningGroup:
    """Build (but not start) a group actor fed by one channel per component.

    Args:
        first_id: The id of the first inverter; the others follow, then the
            batteries.
        inverters: How many inverters.
        batteries: How many batteries.
        tolerance: The missing-data tolerance.
        status_limit: The buffer size of the subscriber's receiver.

    Returns:
        The group, with a subscriber that receives the first status.
    """
    telemetry = make_telemetry(first_id, inverters, batteries)
    actor = InverterBatteryGroupActor(
        group=telemetry.group,
        telemetry_receivers=telemetry.receivers,
        missing_data_tolerance=tolerance,
        name=f"bench-group-{first_id}",
    )
    statuses = actor.new_status_receiver(name=f"bench-{first_id}", limit=status_limit)
    return RunningGroup(actor=actor, telemetry=telemetry, statuses=statuses)


def build_groups(
    count: int,
    inverters: int,
    batteries: int,
    *,
    tolerance: timedelta = timedelta(seconds=1),
) -> list[RunningGroup]:
    """Build `count` groups of the same size with distinct component ids."""
    size = inverters + batteries
    return [
        build_group(1 + index * size, inverters, batteries, tolerance=tolerance)
        for index in range(count)
    ]


@dataclass(frozen=True)
class Step:
    """One sample to send and the subscriber that will see its status."""

    sender: Sender[ComponentDataSamples]
    """The sender of the sample's component."""

    sample: ComponentDataSamples
    """The sample."""

    statuses: Receiver[Status]
    """The receiver on which the sample's status arrives."""


def round_robin_steps(
    tracked: Sequence[Tracked], factory: SampleFactory, count: int
) -> list[Step]:
    """Build healthy samples for every component of the groups in turn.

    The components are taken one per group at a time, so that a pool of
    groups is loaded evenly.
    """
    ids_by_group = [list(one.telemetry.kinds) for one in tracked]
    slots = [
        (one, ids[position])
        for position in range(max(len(ids) for ids in ids_by_group))
        for one, ids in zip(tracked, ids_by_group, strict=True)
        if position < len(ids)
    ]
    steps = []
    for index in range(count):
        one, component_id = slots[index % len(slots)]
        steps.append(
            Step(
                sender=one.telemetry.senders[component_id],
                sample=factory.sample(component_id, one.telemetry.kinds[component_id]),
                statuses=one.statuses,
            )
        )
    return steps


async def run_lockstep(steps: Iterable[Step]) -> None:
    """Send each sample and wait for the status it causes before the next."""
    for step in steps:
        await step.sender.send(step.sample)
        await step.statuses.receive()


async def warm_up(tracked: Sequence[Tracked], factory: SampleFactory) -> None:
    """Take each tracker's first status, then make every component healthy.

    Raises:
        RuntimeError: If a component is still unhealthy afterwards.
    """
    async with asyncio.timeout(60):
        for one in tracked:
            await one.statuses.receive()
        count = sum(len(one.telemetry.kinds) for one in tracked)
        latest: dict[int, Status] = {}
        for step in round_robin_steps(tracked, factory, count):
            await step.sender.send(step.sample)
            latest[id(step.statuses)] = await step.statuses.receive()
    for one in tracked:
        healthy = len(latest[id(one.statuses)].healthy_component_ids)
        if healthy != len(one.telemetry.kinds):
            raise RuntimeError(
                f"Only {healthy} of {len(one.telemetry.kinds)} components turned healthy."
            )


async def start_groups(groups: Sequence[RunningGroup], factory: SampleFactory) -> None:
    """Start the group actors and make every component healthy."""
    for group in groups:
        group.actor.start()
    await warm_up(groups, factory)


async def stop_groups(groups: Sequence[RunningGroup]) -> None:
    """Stop the group actors and everything they started."""
    await asyncio.gather(*(group.actor.stop() for group in groups))


@dataclass(frozen=True)
class RunningPool:
    """A pool actor, the telemetry of all its groups and one subscriber."""

    actor: InverterBatteryPoolActor
    """The actor under test."""

    telemetry: Telemetry
    """The channels that feed the pool's group actors."""

    statuses: BroadcastReceiver[InverterBatteryPoolStatus]
    """The one subscriber's receiver."""


def build_pool(groups: int, inverters: int, batteries: int) -> RunningPool:
    """Build (but not start) a pool of groups of the same size.

    Args:
        groups: How many groups.
        inverters: Inverters per group.
        batteries: Batteries per group.

    Returns:
        The pool, with a subscriber that receives the first status.
    """
    size = inverters + batteries
    telemetry = merge_telemetry(
        [
            make_telemetry(1 + index * size, inverters, batteries)
            for index in range(groups)
        ]
    )
    actor = InverterBatteryPoolActor(
        groups=telemetry.groups, telemetry_source=telemetry, name="bench-pool"
    )
    return RunningPool(
        actor=actor, telemetry=telemetry, statuses=actor.new_status_receiver()
    )
