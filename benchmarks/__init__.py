# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Benchmarks of the telemetry tracker, run with `make bench`."""
