# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""Tests of the JSON form of statuses."""

import json
import math

from frequenz.client.microgrid.component import ComponentStateCode as Code

from frequenz.telemetry_tracker.cli._json import group_status_to_json, to_json_line

from ..harness import running_group


async def test_group_status_json_round_trip() -> None:
    async with running_group([1], [10]) as harness:
        await harness.send(1, power_w=math.nan, bounds_w=(-math.inf, 5000.0))
        await harness.send(10, states=[Code.READY])
        status = await harness.wait_for(
            lambda s: (
                s.health_of(1).sample is not None and s.health_of(10).sample is not None
            )
        )
        stats = harness.actor.component_stats()

    line = to_json_line(group_status_to_json(status, stats))
    document = json.loads(line)

    inverter, battery = document["components"]
    assert inverter["component_id"] == 1
    assert inverter["healthy"] is True
    assert inverter["sample"]["metrics"]["AC_POWER_ACTIVE"]["value"] == "nan"
    assert inverter["sample"]["metrics"]["AC_POWER_ACTIVE"]["bounds"] == [
        ["-inf", 5000.0]
    ]
    assert inverter["stats"]["samples_accepted"] == 1
    assert battery["reasons"] == ["required_state_missing"]
    assert battery["sample"]["states"] == ["READY"]
    assert document["usable"] is False
