# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests that the benchmarks still run."""
