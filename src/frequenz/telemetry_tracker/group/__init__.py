# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Inverter-battery groups: the group value, its status and its actor."""

from ._actor import InverterBatteryGroupActor
from ._blocking import PowerCommandResult
from ._group import InverterBatteryGroup
from ._status import ComponentHealthMap, InverterBatteryGroupStatus

__all__ = [
    "ComponentHealthMap",
    "InverterBatteryGroup",
    "InverterBatteryGroupActor",
    "InverterBatteryGroupStatus",
    "PowerCommandResult",
]
