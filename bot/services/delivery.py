"""Sending one announcement to every subscriber, losing nothing and repeating nothing.

Rows were written before the first send (``AnnouncementRepository.start_sending``); each is
marked ``sending`` just before its request and ``sent`` when the messenger confirms, so after a
crash only the handful of rows in flight at that instant are uncertain. Pace comes from the
messenger's rate limiter; what it gives up on is retried here with backoff. Final verdicts are
final: a user who blocked the bot or a chat that no longer exists is deactivated, never retried.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.models import DeliveryStatus, Report
from bot.services.ports import Notifier, Verdict
from bot.storage.deliveries import DeliveryRepository
from bot.storage.subscribers import SubscriberRepository

log = logging.getLogger("luban.delivery")

CONCURRENCY = 8          # copies in flight at the free pace; also the most a crash can leave uncertain
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = (0.5, 1, 2, 4, 8)
FINAL = {Verdict.BLOCKED: DeliveryStatus.BLOCKED, Verdict.GONE: DeliveryStatus.GONE,
         Verdict.FAILED: DeliveryStatus.FAILED}


class Delivery:
    def __init__(self, deliveries: DeliveryRepository, subscribers: SubscriberRepository, notifier: Notifier,
                 backoff: tuple[float, ...] | None = None, concurrency: int = CONCURRENCY):
        """``backoff``: the waits between retries (default ``BACKOFF_SECONDS``, read at each wait);
        ``concurrency``: copies in flight at once (the pace itself is the messenger's)."""
        self.deliveries, self.subscribers, self.notifier = deliveries, subscribers, notifier
        self.backoff, self.concurrency = backoff, concurrency

    async def _send_one(self, announcement_id: int, chat_id: int, text: str) -> None:
        current = chat_id
        for attempt in range(MAX_ATTEMPTS):
            self.deliveries.mark_sending(announcement_id, current)
            outcome = await self.notifier.send_announcement(current, text)
            if outcome.verdict is Verdict.SENT:
                self.deliveries.mark(announcement_id, current, DeliveryStatus.SENT, message_id=outcome.message_id)
                return
            if outcome.verdict in FINAL:
                self.deliveries.mark(announcement_id, current, FINAL[outcome.verdict], error=outcome.error)
                if outcome.verdict is not Verdict.FAILED:
                    self.subscribers.unsubscribe(current, f"{outcome.verdict.value}: {outcome.error}")
                return
            if outcome.verdict is Verdict.MIGRATED and outcome.new_chat_id is not None:
                self.deliveries.retarget(announcement_id, current, outcome.new_chat_id)
                self.subscribers.migrate(current, outcome.new_chat_id)
                current = outcome.new_chat_id
                continue
            if outcome.verdict is Verdict.RETRY_AFTER:
                await asyncio.sleep(outcome.retry_after)
                continue
            if outcome.verdict is Verdict.TIMED_OUT:
                self.deliveries.flag_maybe_repeat(announcement_id, current)
            log.info("announcement %s to %s: %s (attempt %d)", announcement_id, current, outcome.error, attempt + 1)
            backoff = self.backoff or BACKOFF_SECONDS
            await asyncio.sleep(backoff[min(attempt, len(backoff) - 1)])
        self.deliveries.mark(announcement_id, current, DeliveryStatus.FAILED, error="gave up after retries")

    async def deliver(self, announcement_id: int, text: str,
                      progress: Callable[[Report], Awaitable[None]] | None = None,
                      progress_every: float = 1.0) -> Report:
        """Send to every row still owed a copy; returns the final report."""
        self.deliveries.resume(announcement_id)
        chats = self.deliveries.to_send(announcement_id)
        queue: asyncio.Queue[int] = asyncio.Queue()
        for chat_id in chats:
            queue.put_nowait(chat_id)

        async def worker() -> None:
            while True:
                try:
                    chat_id = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                try:
                    await self._send_one(announcement_id, chat_id, text)
                except Exception:  # never let one recipient stop the others; the row stays visible
                    log.exception("announcement %s to %s failed unexpectedly", announcement_id, chat_id)
                    self.deliveries.mark(announcement_id, chat_id, DeliveryStatus.FAILED, error="unexpected error")

        workers = [asyncio.create_task(worker()) for _ in range(min(self.concurrency, max(len(chats), 1)))]
        if progress is not None:
            while not all(w.done() for w in workers):
                await asyncio.wait(workers, timeout=progress_every)
                await progress(self.deliveries.report(announcement_id))
        await asyncio.gather(*workers)
        return self.deliveries.report(announcement_id)
