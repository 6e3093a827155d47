"""Long polling of the Zalo Bot API: getUpdates in a loop that neither spins nor loses.

getUpdates returns at most one update, 408 when idle, and has no offset: an update the
server hands to a poll is gone from its queue. So stopping never cancels a poll in
flight (its update would be lost); it only stops issuing new ones and waits for the
last, which the short poll timeout bounds. A server that answers "idle" at once is not
asked again for a second; a 429 is waited out; a refused token is reported once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from bot.channels.zalo_client import ZaloApiError, ZaloClient, ZaloNetworkError

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

RETRY_FIRST, RETRY_MAX = 1.0, 30.0  # backoff after a failure, in seconds
MIN_POLL_SECONDS = 1.0  # an idle answer quicker than this waits out the rest
RETRY_AFTER_MAX = 600.0  # a 429's retry_after is honoured up to this many seconds
STOP_MARGIN = 5.0  # beyond the poll timeout, how long stopping waits for the last poll
REFUSED = (401, 404)  # a wrong token or base URL: retrying will not help by itself


class Poller:
    """Polls getUpdates and hands each answer to accept until stopped."""

    def __init__(
        self,
        client: ZaloClient,
        accept: Callable[[object], bool],
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
    ) -> None:
        self.client = client
        self.accept = accept
        self.sleep = sleep
        self.clock = clock
        self.polling = False  # a getUpdates is in flight
        self._stopping = False
        self._refused = False  # a 401/404 was reported and not yet followed by a success
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
            except (ZaloApiError, ZaloNetworkError) as exc:
                if self._stopping:
                    return
                await self.sleep(self._wait_after(exc, delay))
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

    def _wait_after(self, exc: ZaloApiError | ZaloNetworkError, delay: float) -> float:
        """Seconds to wait before the next poll, logging the failure once or each time."""
        if isinstance(exc, ZaloApiError) and 429 in (exc.code, exc.status):
            if exc.retry_after is not None:
                wait = min(max(exc.retry_after, RETRY_FIRST), RETRY_AFTER_MAX)
                log.warning("zalo: getUpdates rate-limited, waiting %.0fs", wait)
                return wait
        elif isinstance(exc, ZaloApiError) and (exc.code in REFUSED or exc.status in REFUSED):
            if not self._refused:
                self._refused = True
                log.error(
                    "zalo: getUpdates refused (%s): check ZALO_BOT_TOKEN and "
                    "ZALO_API_BASE_URL; retrying every %.0fs",
                    exc,
                    RETRY_MAX,
                )
            return RETRY_MAX
        # One line per failure (no traceback spam); the wait doubles up to RETRY_MAX.
        log.warning("zalo: polling failed, retrying in %.0fs: %s", delay, exc)
        return delay

    def _recovered(self) -> None:
        if self._refused:
            self._refused = False
            log.info("zalo: getUpdates works again")
