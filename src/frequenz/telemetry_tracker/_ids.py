# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Formatting of component ids, so that logs and messages print them one way."""

from collections.abc import Iterable

from frequenz.client.common.microgrid.electrical_components import (
    ElectricalComponentId,
)


def format_ids(ids: Iterable[ElectricalComponentId | int]) -> str:
    """Format ids as a sorted list, for example `[CID1, CID10]`."""
    return (
        "["
        + ", ".join(
            str(ElectricalComponentId(int(i))) for i in sorted(int(i) for i in ids)
        )
        + "]"
    )
