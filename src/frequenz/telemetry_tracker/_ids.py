# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Formatting of component ids, so that logs and messages print them one way."""

from collections.abc import Iterable

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)

from ._errors import ConfigurationError


def format_ids(ids: Iterable[ElectricalComponentId | int]) -> str:
    """Format ids as a sorted list, for example `[CID1, CID10]`."""
    return (
        "["
        + ", ".join(
            str(ElectricalComponentId(int(i))) for i in sorted(int(i) for i in ids)
        )
        + "]"
    )


def to_component_id(value: object) -> ElectricalComponentId:
    """Convert an id given as an `ElectricalComponentId` or a whole number.

    Args:
        value: The id.

    Returns:
        The id as an `ElectricalComponentId`.

    Raises:
        ConfigurationError: If the value is not a whole number of zero or more.
    """
    if isinstance(value, ElectricalComponentId):
        return value
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(
            f"Invalid component id {value!r}: expected a whole number of zero or more."
        )
    return ElectricalComponentId(value)
