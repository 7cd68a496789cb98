# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The scale of a benchmark run: its sizes and repeat counts."""

import enum


@enum.unique
class Scale(enum.Enum):
    """The sizes and repeat counts a run uses."""

    FULL = "full"
    """The sizes the targets are stated for (`make bench`)."""

    QUICK = "quick"
    """Smaller sizes and fewer repeats, for a look in about two minutes."""

    SMOKE = "smoke"
    """Tiny sizes and one repeat, to check that every benchmark still runs;
    its figures mean nothing."""
