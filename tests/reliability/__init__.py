# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Reliability tests: odd input, generated sequences, failures, clocks and leaks."""
