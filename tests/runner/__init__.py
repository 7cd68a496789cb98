# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of running scenarios live and replayed."""
