# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Pools of inverter-battery groups: discovery in the component graph, and the pool actor."""

from ._actor import InverterBatteryPoolActor
from ._discovery import ComponentGraphLike, discover_groups
from ._status import InverterBatteryPoolStatus

__all__ = [
    "ComponentGraphLike",
    "InverterBatteryPoolActor",
    "InverterBatteryPoolStatus",
    "discover_groups",
]
