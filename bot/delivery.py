"""Sending one announcement to every subscriber, losing nothing and repeating nothing.

Rows were written before the first send (see ``AnnouncementStore.start_sending``); each row is
marked ``sending`` just before its request and ``sent`` when Telegram confirms, so after a crash
only the handful of rows in flight at that instant are uncertain. Pace comes from PTB's
``AIORateLimiter`` (global and per-group limits, waits on ``RetryAfter``); what it gives up on is
retried here with backoff. Telegram's own verdicts are final: a user who blocked the bot or a
chat that no longer exists is deactivated, never retried forever.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.announcement_store import AnnouncementStore, Report

log = logging.getLogger("luban.delivery")

CONCURRENCY = 8          # also the most copies that can be in flight at a crash
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = (0.5, 1, 2, 4, 8)
_GONE = ("chat not found", "user not found", "peer_id_invalid", "user is deactivated", "bot was kicked",
         "chat_write_forbidden", "have no rights to send", "group chat was deactivated")


@dataclass(frozen=True)
class Outgoing:
    text: str
    markup: InlineKeyboardMarkup | None


async def _send_one(bot: Bot, store: AnnouncementStore, announcement_id: int, chat_id: int, message: Outgoing) -> None:
    current = chat_id
    for attempt in range(MAX_ATTEMPTS):
        store.mark_sending(announcement_id, current)
        try:
            sent = await bot.send_message(current, message.text, reply_markup=message.markup)
        except ChatMigrated as exc:
            new_id = int(exc.new_chat_id)
            store.retarget(announcement_id, current, new_id)
            store.migrate_chat_subscriber(current, new_id)
            current = new_id
            continue
        except Forbidden as exc:
            store.mark(announcement_id, current, "blocked", error=exc.message)
            store.unsubscribe(current, reason=f"blocked: {exc.message}")
            return
        except RetryAfter as exc:
            wait = exc.retry_after if isinstance(exc.retry_after, int | float) else exc.retry_after.total_seconds()
            await asyncio.sleep(float(wait))
            continue
        except BadRequest as exc:
            if any(mark in exc.message.lower() for mark in _GONE):
                store.mark(announcement_id, current, "gone", error=exc.message)
                store.unsubscribe(current, reason=f"gone: {exc.message}")
            else:
                store.mark(announcement_id, current, "failed", error=exc.message)
            return
        except (TimedOut, NetworkError) as exc:  # includes 5xx answers and dropped connections
            if isinstance(exc, TimedOut):
                store.flag_maybe_repeat(announcement_id, current)
            log.info("announcement %s to %s: %s (attempt %d)", announcement_id, current, exc.message, attempt + 1)
            await asyncio.sleep(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])
            continue
        store.mark(announcement_id, current, "sent", message_id=sent.message_id)
        return
    store.mark(announcement_id, current, "failed", error="gave up after retries")


async def deliver(bot: Bot, store: AnnouncementStore, announcement_id: int, message: Outgoing,
                  progress: Callable[[Report], Awaitable[None]] | None = None,
                  progress_every: float = 1.0) -> Report:
    """Send to every row still owed a copy; returns the final report."""
    store.resume(announcement_id)
    rows = store.to_send(announcement_id)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for row in rows:
        queue.put_nowait(int(row["chat_id"]))

    async def worker() -> None:
        while True:
            try:
                chat_id = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                await _send_one(bot, store, announcement_id, chat_id, message)
            except Exception:  # never let one recipient stop the others; the row stays visible
                log.exception("announcement %s to %s failed unexpectedly", announcement_id, chat_id)
                store.mark(announcement_id, chat_id, "failed", error="unexpected error")

    workers = [asyncio.create_task(worker()) for _ in range(min(CONCURRENCY, max(len(rows), 1)))]
    if progress is not None:
        while not all(w.done() for w in workers):
            await asyncio.wait(workers, timeout=progress_every)
            await progress(store.report(announcement_id))
    await asyncio.gather(*workers)
    store.finish(announcement_id)
    return store.report(announcement_id)
