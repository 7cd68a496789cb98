# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The `telemetry-tracker` command line."""

from ._main import main

__all__ = ["main"]
