# License: MIT
# Copyright © 2026 Frequenz Energy-as-a-Service GmbH

"""The group actor's merge loop: component updates and command results in, statuses out."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from frequenz.channels import BroadcastReceiver, Receiver, select, selected_from
from frequenz.channels.timer import SkipMissedAndDrift, Timer

from ..component import ComponentHealth, WallClock
from ._blocking import PowerCommandResult
from ._group import InverterBatteryGroup
from ._maps import GroupHealthMaps

_logger = logging.getLogger(__name__)

_IDLE_BLOCK_TIMER = timedelta(hours=1)
"""The block timer's period while no component is blocked."""


class HealthMerger:
    """Applies component updates to the maps and publishes by the publishing rule.

    A transition is published at once; updates that change no health are
    published once no more updates are queued on either side.
    """

    def __init__(
        self,
        *,
        group: InverterBatteryGroup,
        maps: GroupHealthMaps,
        inverters: BroadcastReceiver[ComponentHealth],
        batteries: BroadcastReceiver[ComponentHealth],
        publish: Callable[[GroupHealthMaps], Awaitable[None]],
        wall_clock: WallClock,
    ) -> None:
        """Create the merger over the two shared channels' receivers."""
        self._group = group
        self._maps = maps
        self._inverters = inverters
        self._batteries = batteries
        self._publish = publish
        self._wall_clock = wall_clock
        self._pending = False

    async def run(self) -> None:
        """Merge component updates until the channels close."""
        inverters, batteries = self._inverters, self._batteries
        async for selected in select(inverters, batteries):
            if selected_from(selected, inverters) or selected_from(selected, batteries):
                await self._on_update(selected.message)

    async def run_with_feedback(self, results: Receiver[PowerCommandResult]) -> None:
        """Merge component updates and power command results until the channels close.

        Args:
            results: The power distributor's command results.
        """
        inverters, batteries = self._inverters, self._batteries
        loop = asyncio.get_running_loop()
        block_timer = Timer(_IDLE_BLOCK_TIMER, SkipMissedAndDrift())
        try:
            async for selected in select(inverters, batteries, results, block_timer):
                if selected_from(selected, inverters) or selected_from(
                    selected, batteries
                ):
                    await self._on_update(selected.message)
                    continue
                changed = False
                if selected_from(selected, results):
                    changed = self._apply_result(selected.message, loop.time())
                elif selected_from(selected, block_timer):
                    changed = self._maps.end_due_blocks(now_loop_s=loop.time())
                _rearm(block_timer, self._maps.next_block_end_loop_s(), loop.time())
                if changed:
                    await self._publish_now()
        finally:
            block_timer.close()

    async def _on_update(self, health: ComponentHealth) -> None:
        if self._maps.apply(health):
            await self._publish_now()
        else:
            self._pending = True
        if self._pending and not len(self._inverters) and not len(self._batteries):
            await self._publish_now()

    async def _publish_now(self) -> None:
        self._pending = False
        await self._publish(self._maps)

    def _apply_result(self, result: PowerCommandResult, now_loop_s: float) -> bool:
        changed = False
        for component_id in result.succeeded & self._group.component_ids:
            changed = self._maps.unblock(component_id) or changed
        for component_id in result.failed & self._group.component_ids:
            if self._maps.block(
                component_id, now_loop_s=now_loop_s, now_utc=self._wall_clock()
            ):
                changed = True
                _logger.warning(
                    "Component %s: power command failed; blocked.", component_id
                )
        return changed


def _rearm(timer: Timer, next_end_loop_s: float | None, now_loop_s: float) -> None:
    if next_end_loop_s is None:
        timer.reset(interval=_IDLE_BLOCK_TIMER)
        return
    timer.reset(
        interval=_IDLE_BLOCK_TIMER,
        start_delay=timedelta(seconds=max(0.0, next_end_loop_s - now_loop_s)),
        tick_at_start=True,
    )
