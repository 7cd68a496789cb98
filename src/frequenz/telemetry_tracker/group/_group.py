# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The inverter-battery group: M inverters in parallel, in series with N batteries."""

from collections.abc import Iterable
from dataclasses import dataclass

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from .._errors import ConfigurationError
from .._ids import format_ids, to_component_id


@dataclass(frozen=True, init=False)
class InverterBatteryGroup:
    """A set of inverters in parallel on the AC side and batteries on the DC side.

    The two sides are wired in series: power flows through any of the
    inverters into any of the batteries.
    """

    inverter_ids: frozenset[ElectricalComponentId]
    """The ids of the inverters of this group."""

    battery_ids: frozenset[ElectricalComponentId]
    """The ids of the batteries of this group."""

    def __init__(
        self,
        *,
        inverter_ids: Iterable[ElectricalComponentId | int],
        battery_ids: Iterable[ElectricalComponentId | int],
    ) -> None:
        """Create a group, checking that it makes sense.

        Args:
            inverter_ids: The ids of the inverters; plain integers are accepted.
            battery_ids: The ids of the batteries; plain integers are accepted.

        Raises:
            ConfigurationError: If a side is empty, an id is not a whole number
                of zero or more, or an id is on both sides.
        """
        inverters = frozenset(to_component_id(i) for i in inverter_ids)
        batteries = frozenset(to_component_id(i) for i in battery_ids)
        if not inverters:
            raise ConfigurationError(
                "Invalid inverter-battery group: no inverter ids given "
                f"(battery ids: {format_ids(batteries)}); a group needs at least one."
            )
        if not batteries:
            raise ConfigurationError(
                "Invalid inverter-battery group: no battery ids given "
                f"(inverter ids: {format_ids(inverters)}); a group needs at least one."
            )
        both = inverters & batteries
        if both:
            raise ConfigurationError(
                "Invalid inverter-battery group: ids "
                f"{format_ids(both)} are listed both as inverters and as batteries."
            )
        object.__setattr__(self, "inverter_ids", inverters)
        object.__setattr__(self, "battery_ids", batteries)

    @property
    def component_ids(self) -> frozenset[ElectricalComponentId]:
        """All component ids of the group, inverters and batteries."""
        return self.inverter_ids | self.battery_ids

    def __str__(self) -> str:
        """Return the group as `inverters [..] / batteries [..]`."""
        return (
            f"inverters {format_ids(self.inverter_ids)} / "
            f"batteries {format_ids(self.battery_ids)}"
        )
