# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of group discovery and the pool actor."""
