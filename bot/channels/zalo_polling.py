"""Long polling of the Zalo Bot API: getUpdates in a loop that neither spins nor loses.

getUpdates returns at most one update, 408 when idle, and has no offset: an update the
server hands to a poll is gone from its queue. So stopping never cancels a poll in
flight (its update would be lost); it only stops issuing new ones and waits for the
last, which the short poll timeout bounds. A server that answers "idle" at once is not
asked again for a second. Errors follow bot.channels.zalo_errors: Zalo's own trouble
(403, 5xx) backs off up to 30 s; a 429 (quota) waits ten minutes, never looping; a
request Zalo refuses is reported once and retried every 30 s; a refused token
(TokenRejected) stops polling and goes to the channel's fatal hook.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from bot.channels.base import TokenRejected
from bot.channels.zalo_client import ZaloApiError, ZaloClient, ZaloNetworkError
from bot.channels.zalo_errors import Action, Notices, rule_for

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]
Fatal = Callable[[TokenRejected], Awaitable[None]]

RETRY_FIRST, RETRY_MAX = 1.0, 30.0  # backoff after a failure, in seconds
MIN_POLL_SECONDS = 1.0  # an idle answer quicker than this waits out the rest
QUOTA_WAIT = 600.0  # after a 429: Zalo documents no retry_after, and a quota does not heal fast
STOP_MARGIN = 5.0  # beyond the poll timeout, how long stopping waits for the last poll


class Poller:
    """Polls getUpdates and hands each answer to accept until stopped."""

    def __init__(
        self,
        client: ZaloClient,
        accept: Callable[[object], bool],
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        notices: Notices | None = None,
        on_fatal: Fatal | None = None,
    ) -> None:
        self.client = client
        self.accept = accept
        self.sleep = sleep
        self.clock = clock
        self.notices = notices or Notices()
        self.on_fatal = on_fatal
        self.polling = False  # a getUpdates is in flight
        self._stopping = False
        self._refused = False  # a refusal was reported and not yet followed by a success
        self._task: asyncio.Task[None] | None = None

    @property
    def stopping(self) -> bool:
        """Whether stop() was called: no new poll will be issued."""
        return self._stopping

    def start(self) -> None:
        """Start polling in a task."""
        self._task = asyncio.create_task(self._run(), name="zalo-poll")

    async def stop(self) -> None:
        """Issue no new poll; let the one in flight finish and hand over its update."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping = True
        if self.polling:
            try:
                await asyncio.wait_for(task, self.client.poll_seconds + STOP_MARGIN)
            except TimeoutError:  # wait_for cancelled it: the server never answered
                log.warning("zalo: the last getUpdates did not finish; stopped anyway")
        task.cancel()  # a pause between polls is simply cut short
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _run(self) -> None:
        delay = RETRY_FIRST
        while not self._stopping:
            started = self.clock()
            try:
                body = await self._get_update()
            except TokenRejected as exc:
                log.error("zalo: getUpdates: %s Polling stopped.", exc)
                if self.on_fatal is not None:
                    await self.on_fatal(exc)
                return
            except (ZaloApiError, ZaloNetworkError) as exc:
                if self._stopping:
                    return
                await self.sleep(await self._wait_after(exc, delay))
                delay = min(delay * 2, RETRY_MAX)
                continue
            delay = RETRY_FIRST
            self._recovered()
            if not self.accept(body) and not self._stopping:
                rest = MIN_POLL_SECONDS - (self.clock() - started)
                if rest > 0:  # an idle answer at once: do not hammer the server
                    await self.sleep(rest)

    async def _get_update(self) -> object:
        """One getUpdates, marked as in flight while it lasts."""
        self.polling = True
        try:
            return await self.client.get_update()
        finally:
            self.polling = False

    async def _wait_after(self, exc: ZaloApiError | ZaloNetworkError, delay: float) -> float:
        """Seconds to wait before the next poll, as the error's rule says."""
        if isinstance(exc, ZaloNetworkError):
            # One line per failure (no traceback spam); the wait doubles up to RETRY_MAX.
            log.warning("zalo: polling failed, retrying in %.0fs: %s", delay, exc)
            return delay
        rule = rule_for(exc)
        await self.notices.failed(exc, rule)  # logs it with Zalo's words, tells the admins
        if rule.action == Action.QUOTA:
            log.warning("zalo: getUpdates over quota; next poll in %.0fs", QUOTA_WAIT)
            return QUOTA_WAIT
        if rule.action == Action.RETRY:
            log.warning("zalo: polling failed, retrying in %.0fs", delay)
            return delay
        if not self._refused:
            self._refused = True
            log.error(
                "zalo: getUpdates refused (%s): check ZALO_BOT_TOKEN and "
                "ZALO_API_BASE_URL; retrying every %.0fs",
                exc,
                RETRY_MAX,
            )
        return RETRY_MAX

    def _recovered(self) -> None:
        self.notices.succeeded()
        if self._refused:
            self._refused = False
            log.info("zalo: getUpdates works again")
