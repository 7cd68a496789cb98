# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""A simulated microgrid that plays scenario files.

A scenario file (TOML, described in `docs/scenarios.md`) lists the
components of a microgrid, what each one reports and when that changes. The
same scenario can be played two ways, which send the same samples:

* `MicrogridSimulator` serves it over gRPC on loopback, for the real
  `frequenz.client.microgrid.MicrogridApiClient` and the SDK, in real time.
* `ScenarioStreams` replays it in-process as channel receivers of the
  client's `ComponentDataSamples`, driven by `asyncio.sleep`, so under a fake
  event loop (async-solipsism) it runs in virtual time.

Load scenarios with `load_scenario(path)`, or `load_builtin_scenario("demo")`
for the one shipped with the package.
"""

from ._clock import LoopWallClock, WallClock, system_wall_clock
from ._errors import PowerCommandError, ScenarioError
from ._events import (
    ComponentEvent,
    DuplicateSample,
    EndStream,
    MetricUpdate,
    OutOfOrderSample,
    PowerCommandRule,
    Resume,
    SampleTimeChange,
    SampleTimeMode,
    ScenarioEvent,
    ServerRestart,
    Silence,
    TelemetryChange,
)
from ._loader import (
    FORMAT_VERSION,
    builtin_scenario_names,
    load_builtin_scenario,
    load_scenario,
    parse_scenario,
)
from ._power import PowerCommand
from ._scenario import (
    ComponentSpec,
    ConnectionSpec,
    Expectation,
    MetricValue,
    MicrogridSpec,
    Scenario,
    TelemetrySpec,
    TrackerSettings,
)
from ._server import MicrogridSimulator
from ._streams import DEFAULT_RETRY_INTERVAL, ScenarioStreams

__all__ = [
    "DEFAULT_RETRY_INTERVAL",
    "FORMAT_VERSION",
    "ComponentEvent",
    "ComponentSpec",
    "ConnectionSpec",
    "DuplicateSample",
    "EndStream",
    "Expectation",
    "LoopWallClock",
    "MetricUpdate",
    "MetricValue",
    "MicrogridSimulator",
    "MicrogridSpec",
    "OutOfOrderSample",
    "PowerCommand",
    "PowerCommandError",
    "PowerCommandRule",
    "Resume",
    "SampleTimeChange",
    "SampleTimeMode",
    "Scenario",
    "ScenarioError",
    "ScenarioEvent",
    "ScenarioStreams",
    "ServerRestart",
    "Silence",
    "TelemetryChange",
    "TelemetrySpec",
    "TrackerSettings",
    "WallClock",
    "builtin_scenario_names",
    "load_builtin_scenario",
    "load_scenario",
    "parse_scenario",
    "system_wall_clock",
]
