# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Runnable examples of the telemetry tracker; run them from the repository root."""
