# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Power commands: which succeed, the record of them, and their effect."""

import bisect
from dataclasses import dataclass
from typing import Final

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)
from frequenz.client.microgrid.component import ComponentCategory
from frequenz.client.microgrid.metrics import Metric

from ._errors import PowerCommandError
from ._events import PowerCommandRule
from ._scenario import Scenario
from ._timeline import TIME_TOLERANCE

DEFAULT_REQUEST_LIFETIME: Final = 60.0
"""How long a power command stays in effect, in seconds, when the request
sets no lifetime. The Microgrid API documents the same default."""

POWER_METRICS: Final = {
    ComponentCategory.INVERTER: Metric.AC_POWER_ACTIVE,
    ComponentCategory.BATTERY: Metric.DC_POWER,
}
"""The metric a power command sets, per component category that accepts one."""


@dataclass(frozen=True, kw_only=True)
class PowerCommand:
    """A power command the simulator received."""

    component_id: ElectricalComponentId
    """The component the command was for."""

    power: float
    """The requested active power in watts, as received; positive charges."""

    loop_time: float
    """When the command arrived, in event-loop time (seconds)."""

    accepted: bool
    """Whether the command succeeded; a rejected one changes nothing."""


@dataclass(frozen=True)
class _Override:
    """A power command in effect."""

    power: float
    valid_until_loop_time: float


class PowerControl:
    """Apply power commands as the scenario's rules decide, and record them.

    A command that succeeds sets the component's power metric (AC active power
    for inverters, DC power for batteries) until its request lifetime ends.
    After that the scenario's own value shows again.
    """

    def __init__(self, scenario: Scenario) -> None:
        """Prepare the rules of a scenario.

        Args:
            scenario: The scenario, whose `power_commands` events decide which
                commands fail.
        """
        self._categories = {
            component.id: component.category for component in scenario.components
        }
        self._rules: dict[ElectricalComponentId, list[PowerCommandRule]] = {}
        for event in scenario.events:
            if isinstance(event, PowerCommandRule):
                for component_id in event.component_ids:
                    self._rules.setdefault(component_id, []).append(event)
        self._commands: list[PowerCommand] = []
        self._overrides: dict[ElectricalComponentId, _Override] = {}

    @property
    def commands(self) -> tuple[PowerCommand, ...]:
        """The commands received so far, oldest first, rejected ones included."""
        return tuple(self._commands)

    def submit(
        self,
        component_id: ElectricalComponentId,
        power: float,
        *,
        request_lifetime: float | None,
        loop_time: float,
        scenario_time: float,
    ) -> float:
        """Record a command and apply it unless the scenario makes it fail.

        Args:
            component_id: The component.
            power: The active power in watts.
            request_lifetime: How long the command stays in effect, in
                seconds, or `None` for the default of 60 s.
            loop_time: The event-loop time now.
            scenario_time: The seconds since the scenario started.

        Returns:
            How long the command stays in effect, in seconds.

        Raises:
            PowerCommandError: If the component does not exist or takes no
                power commands, or the scenario makes commands to it fail now.
        """
        lifetime = (
            DEFAULT_REQUEST_LIFETIME if request_lifetime is None else request_lifetime
        )
        try:
            self._check(component_id, scenario_time)
        except PowerCommandError:
            self._commands.append(
                PowerCommand(
                    component_id=component_id,
                    power=power,
                    loop_time=loop_time,
                    accepted=False,
                )
            )
            raise
        self._commands.append(
            PowerCommand(
                component_id=component_id,
                power=power,
                loop_time=loop_time,
                accepted=True,
            )
        )
        self._overrides[component_id] = _Override(power, loop_time + lifetime)
        return lifetime

    def power_in_effect(
        self, component_id: ElectricalComponentId, loop_time: float
    ) -> float | None:
        """Return the commanded power of a component, or `None` if none is in effect.

        Args:
            component_id: The component.
            loop_time: The event-loop time now.

        Returns:
            The power in watts of the last accepted command that has not
            expired yet.
        """
        override = self._overrides.get(component_id)
        if override is None or loop_time > override.valid_until_loop_time:
            return None
        return override.power

    def _check(self, component_id: ElectricalComponentId, scenario_time: float) -> None:
        """Raise `PowerCommandError` if a command to the component fails now."""
        category = self._categories.get(component_id)
        if category is None:
            raise PowerCommandError(
                f"Component {component_id} not found in the scenario",
                status="NOT_FOUND",
            )
        if category not in POWER_METRICS:
            raise PowerCommandError(
                f"Component {component_id} is a {category.name.lower()}, which takes "
                "no power commands: send them to inverters or batteries",
                status="FAILED_PRECONDITION",
            )
        rule = self._rule_at(component_id, scenario_time)
        if rule is not None and rule.fail:
            raise PowerCommandError(
                f"The scenario makes power commands to component {component_id} fail "
                f"since t={rule.at:g}s",
                status=rule.status,
            )

    def _rule_at(
        self, component_id: ElectricalComponentId, scenario_time: float
    ) -> PowerCommandRule | None:
        """Return the latest rule for the component that is in force at a time."""
        rules = self._rules.get(component_id, [])
        times = [rule.at for rule in rules]
        index = bisect.bisect_right(times, scenario_time + TIME_TOLERANCE)
        return rules[index - 1] if index > 0 else None
