# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""An SDK application that distributes power over the healthy inverters of a pool.

Run it from the repository root with `python -m examples.power_app`. The
tutorial in `docs/tutorial.md` walks through it.
"""

from ._app import AppSettings, run_app
from ._cli import main
from ._distributor import PowerCommandClient, PowerDistributorActor
from ._messages import CommandOutcome, Distribution, PowerRequest
from ._printer import DistributionPrinterActor
from ._requests import PowerRequestScriptActor
from ._split import clamp_to_bounds, fill, headroom_w, split_power

__all__ = [
    "AppSettings",
    "CommandOutcome",
    "Distribution",
    "DistributionPrinterActor",
    "PowerCommandClient",
    "PowerDistributorActor",
    "PowerRequest",
    "PowerRequestScriptActor",
    "clamp_to_bounds",
    "fill",
    "headroom_w",
    "main",
    "run_app",
    "split_power",
]
