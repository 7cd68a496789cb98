# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Serve a scenario file with the embedded simulator until standard input closes.

B6 runs this module in a process of its own, so that the simulator's CPU
time is not counted with the client's and the tracker's. It prints the port
it listens on (loopback only) as its first line of output.
"""

import asyncio
import sys
from pathlib import Path

from frequenz.telemetry_tracker.simulator import MicrogridSimulator, load_scenario


async def _serve(scenario_path: Path) -> None:
    scenario = load_scenario(scenario_path)
    async with MicrogridSimulator(scenario, host="127.0.0.1") as simulator:
        print(simulator.port, flush=True)
        # Returns when the parent closes our standard input or exits.
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m benchmarks._simulator_process SCENARIO.toml")
    asyncio.run(_serve(Path(sys.argv[1])))
