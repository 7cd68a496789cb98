# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The state code rules that make a component healthy, per component category."""

from collections.abc import Iterable
from dataclasses import dataclass

from frequenz.client.microgrid.component import ComponentStateCode

from .._errors import ConfigurationError

_NEVER_HEALTHY = frozenset({ComponentStateCode.UNSPECIFIED, ComponentStateCode.UNKNOWN})


def _names(codes: Iterable[ComponentStateCode]) -> str:
    return ", ".join(sorted(code.name for code in codes))


@dataclass(frozen=True, kw_only=True)
class StateCodeRules:
    """The state codes that make one category of component healthy.

    A component is healthy on its states when at least one `operational` code
    is present, every `required` code is present, and every other reported
    code is in one of the three sets. Codes in `neutral` neither help nor
    harm. Any other code (ERROR, RELAY_OPEN, OFF, ...) makes the component
    unhealthy, even next to a healthy code.
    """

    operational: frozenset[ComponentStateCode]
    """Codes of which at least one must be present."""

    required: frozenset[ComponentStateCode] = frozenset()
    """Codes that must all be present."""

    neutral: frozenset[ComponentStateCode] = frozenset()
    """Codes that are tolerated but count for nothing."""

    def __post_init__(self) -> None:
        """Check that the sets make sense.

        Raises:
            ConfigurationError: If `operational` is empty, a code is in more
                than one set, or UNSPECIFIED or UNKNOWN is listed.
        """
        if not self.operational:
            raise ConfigurationError(
                "Invalid state code rules: the operational set is empty; "
                "list at least one state code, for example READY."
            )
        sets = {
            "operational": self.operational,
            "required": self.required,
            "neutral": self.neutral,
        }
        for name, codes in sets.items():
            not_codes = [
                code for code in codes if not isinstance(code, ComponentStateCode)
            ]
            if not_codes:
                raise ConfigurationError(
                    f"Invalid state code rules: the {name} set lists "
                    f"{', '.join(sorted(repr(code) for code in not_codes))}, which are "
                    "not ComponentStateCode members; a code the client does not know "
                    "is never healthy."
                )
            listed_never_healthy = codes & _NEVER_HEALTHY
            if listed_never_healthy:
                raise ConfigurationError(
                    f"Invalid state code rules: the {name} set lists "
                    f"{_names(listed_never_healthy)}, which never describe a "
                    "working component; remove them."
                )
        names = list(sets)
        for index, first in enumerate(names):
            for second in names[index + 1 :]:
                overlap = sets[first] & sets[second]
                if overlap:
                    raise ConfigurationError(
                        f"Invalid state code rules: {_names(overlap)} listed in "
                        f"both the {first} and the {second} set; list each "
                        "code in one set only."
                    )

    @property
    def allowed(self) -> frozenset[ComponentStateCode]:
        """All codes that may be reported by a healthy component."""
        return self.operational | self.required | self.neutral


DEFAULT_INVERTER_RULES = StateCodeRules(
    operational=frozenset(
        {
            ComponentStateCode.STANDBY,
            ComponentStateCode.READY,
            ComponentStateCode.CHARGING,
            ComponentStateCode.DISCHARGING,
        }
    ),
    neutral=frozenset({ComponentStateCode.PRECHARGER_CLOSED}),
)
"""The default rules for inverters: STANDBY, READY, CHARGING or DISCHARGING;
a closed precharger is tolerated."""

DEFAULT_BATTERY_RULES = StateCodeRules(
    operational=frozenset(
        {
            ComponentStateCode.READY,
            ComponentStateCode.CHARGING,
            ComponentStateCode.DISCHARGING,
        }
    ),
    required=frozenset({ComponentStateCode.RELAY_CLOSED}),
    neutral=frozenset({ComponentStateCode.PRECHARGER_CLOSED}),
)
"""The default rules for batteries: READY, CHARGING or DISCHARGING, with the
relay closed; a closed precharger is tolerated."""
