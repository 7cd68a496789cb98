# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Health tracking for inverter-battery groups."""
