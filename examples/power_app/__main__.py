# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Run the power application: `python -m examples.power_app --help`."""

import sys

from ._cli import main

sys.exit(main())
