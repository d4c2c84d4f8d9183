"""Sending one announcement to every subscriber, losing nothing and repeating nothing.

Rows were written before the first send (``AnnouncementRepository.start_sending``); each is
marked ``sending`` before its request and gets its outcome when the messenger answers, so after a
crash only the rows marked ``sending`` at that instant are uncertain. Pace comes from the
messenger's rate limiter; what it gives up on is retried here with backoff. Final verdicts are
final: a user who blocked the bot or a chat that no longer exists is deactivated, never retried.

At a paid broadcast's pace the status writes are grouped (:class:`Ledger`): rows are marked
``sending`` a batch at a time, and the outcomes are written in the same transaction as the next
batch's marks. The copies in flight and the rows marked ahead are counted together, so the rows a
crash can leave uncertain never exceed the delivery's ``concurrency``, batched or not.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Iterable

from bot.models import DeliveryStatus, Report
from bot.services.ports import Notifier, Verdict
from bot.storage.deliveries import DeliveryRepository, Settled
from bot.storage.subscribers import SubscriberRepository

log = logging.getLogger("luban.delivery")

CONCURRENCY = 8          # copies in flight at the free pace; also the most a crash can leave uncertain
BATCH = 8                # status rows per transaction at a paid pace (at most a quarter of the concurrency)
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = (0.5, 1, 2, 4, 8)
FINAL = {Verdict.BLOCKED: DeliveryStatus.BLOCKED, Verdict.GONE: DeliveryStatus.GONE,
         Verdict.FAILED: DeliveryStatus.FAILED}


class Ledger:
    """One broadcast's status writes, ``batch`` rows per transaction, never more than ``limit``
    rows marked ``sending`` (handed out or not, answered or not) at once.

    ``take`` hands out a chat already marked ``sending`` on disk; when none is left it writes the
    outcomes gathered so far and marks the next ``batch`` rows in one transaction. ``settle``
    gathers an outcome, written with the next marks (or once ``batch`` are waiting). A row counts
    against ``limit`` from its mark until its outcome is on disk: with ``workers`` taking at most
    one chat each, ``workers + batch - 1 <= limit`` keeps every mark within it.
    """

    def __init__(self, deliveries: DeliveryRepository, announcement_id: int, chats: Iterable[int], limit: int,
                 batch: int):
        if not 1 <= batch <= limit:
            raise ValueError("batch must be between 1 and limit")
        self.deliveries, self.announcement_id, self.limit, self.batch = deliveries, announcement_id, limit, batch
        self._unmarked = deque(chats)
        self._marked: deque[int] = deque()       # marked sending, not handed out yet
        self._settled: list[Settled] = []        # outcomes not written yet
        self.held = 0                            # rows marked sending whose outcome is not on disk

    @property
    def workers(self) -> int:
        """How many may take chats at once so the marks stay within ``limit``."""
        return self.limit - self.batch + 1

    def take(self) -> int | None:
        """The next chat to send to, marked ``sending`` on disk; None when all are handed out."""
        if not self._marked:
            if not self._unmarked:
                return None
            room = self.limit - (self.held - len(self._settled))
            chats = [self._unmarked.popleft() for _ in range(min(self.batch, room, len(self._unmarked)))]
            if not chats:
                raise RuntimeError("more workers than the ledger's limit allows")
            try:
                self._write(chats)
            except Exception:  # not marked: they stay owed (pending) for this run or a resume
                self._unmarked.extendleft(reversed(chats))
                raise
            self._marked.extend(chats)
        return self._marked.popleft()

    def settle(self, outcome: Settled) -> None:
        """A handed-out chat's outcome (once per ``take``)."""
        self._settled.append(outcome)
        if len(self._settled) >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Write the outcomes gathered so far (before a report reads the table)."""
        if self._settled:
            self._write([])

    def _write(self, marking: list[int]) -> None:
        self.deliveries.record(self.announcement_id, self._settled, marking)
        self.held += len(marking) - len(self._settled)
        self._settled = []


class Delivery:
    def __init__(self, deliveries: DeliveryRepository, subscribers: SubscriberRepository, notifier: Notifier,
                 backoff: tuple[float, ...] | None = None, concurrency: int = CONCURRENCY, batch: int = 1):
        """``backoff``: the waits between retries (default ``BACKOFF_SECONDS``, read at each wait);
        ``concurrency``: the most rows marked ``sending`` at once, i.e. the most a crash can leave
        uncertain; ``batch``: status rows per transaction (copies in flight: concurrency - batch + 1;
        the pace itself is the messenger's)."""
        self.deliveries, self.subscribers, self.notifier = deliveries, subscribers, notifier
        self.backoff, self.concurrency, self.batch = backoff, concurrency, batch

    async def _send_one(self, announcement_id: int, chat_id: int, text: str) -> Settled:
        """One recipient's copy, retried as its verdicts say; its row was marked ``sending``."""
        current = chat_id
        for attempt in range(MAX_ATTEMPTS):
            if attempt:  # the first attempt's row was marked by the ledger
                self.deliveries.mark_sending(announcement_id, current)
            outcome = await self.notifier.send_announcement(current, text)
            if outcome.verdict is Verdict.SENT:
                return Settled(current, DeliveryStatus.SENT, message_id=outcome.message_id)
            if outcome.verdict in FINAL:
                if outcome.verdict is not Verdict.FAILED:
                    self.subscribers.unsubscribe(current, f"{outcome.verdict.value}: {outcome.error}")
                return Settled(current, FINAL[outcome.verdict], error=outcome.error)
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
        return Settled(current, DeliveryStatus.FAILED, error="gave up after retries")

    async def deliver(self, announcement_id: int, text: str,
                      progress: Callable[[Report], Awaitable[None]] | None = None,
                      progress_every: float = 1.0) -> Report:
        """Send to every row still owed a copy; returns the final report."""
        self.deliveries.resume(announcement_id)
        chats = self.deliveries.to_send(announcement_id)
        ledger = Ledger(self.deliveries, announcement_id, chats, self.concurrency, self.batch)

        async def worker() -> None:
            while (chat_id := ledger.take()) is not None:
                try:
                    outcome = await self._send_one(announcement_id, chat_id, text)
                except Exception:  # never let one recipient stop the others; the row stays visible
                    log.exception("announcement %s to %s failed unexpectedly", announcement_id, chat_id)
                    outcome = Settled(chat_id, DeliveryStatus.FAILED, error="unexpected error")
                ledger.settle(outcome)

        workers = [asyncio.create_task(worker()) for _ in range(min(ledger.workers, max(len(chats), 1)))]
        try:
            if progress is not None:
                while not all(w.done() for w in workers):
                    await asyncio.wait(workers, timeout=progress_every)
                    ledger.flush()
                    await progress(self.deliveries.report(announcement_id))
            await asyncio.gather(*workers)
        finally:
            ledger.flush()
        return self.deliveries.report(announcement_id)
