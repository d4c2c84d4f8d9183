"""Broadcasts run in the background, one process per announcement, and survive restarts.

The database is the source of truth. A broadcast is owned by one process at a time (a renewable
lease naming host and pid), so the bot and ``run.py announce`` can share one database; after a
crash the next start resumes what is unfinished. Scheduled announcements live in the database
too: a loop wakes at the next one due (or every ``SYNC_SECONDS`` to pick up ones scheduled or
handed over from the shell) and starts it. Sent announcements become knowledge before the report says done.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable

from bot.models import Report, Status
from bot.services.delivery import Delivery
from bot.services.knowledge import KnowledgeService
from bot.services.ports import Notifier
from bot.storage.announcements import AnnouncementRepository

log = logging.getLogger("luban.announcements")

LEASE_SECONDS = 30.0
SYNC_SECONDS = 3.0   # how soon an announcement queued from the shell (handed over) starts
OWNER = f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(owner: str) -> bool:
    """Is the process holding a lease still running? Another machine's is trusted."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Broadcasts:
    def __init__(self, announcements: AnnouncementRepository, delivery: Delivery, notifier: Notifier,
                 knowledge: KnowledgeService):
        self.announcements, self.delivery, self.notifier = announcements, delivery, notifier
        self.knowledge = knowledge
        self._running: dict[int, asyncio.Task[Report | None]] = {}
        self._loop: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    # -- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        """Resume interrupted broadcasts, then keep starting scheduled ones when they are due."""
        self.sync()
        self._loop = asyncio.create_task(self._run(), name="announcements-schedule")

    async def stop(self) -> None:
        """Stop watching the schedule; broadcasts under way are finished first."""
        if self._loop is not None:
            self._loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop
        await asyncio.gather(*self._running.values(), return_exceptions=True)

    def wake(self) -> None:
        """The schedule changed: look again now."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            due = self.sync()
            timeout = SYNC_SECONDS if due is None else min(SYNC_SECONDS, max(due - time.time(), 0.1))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
            self._wake.clear()

    def sync(self) -> float | None:
        """Launch what should be sending; returns when the next scheduled one is due."""
        for announcement in self.announcements.unfinished():
            self.launch(announcement.id)
        now, due = time.time(), None
        for announcement in self.announcements.scheduled():
            send_at = announcement.send_at or 0.0
            if send_at > now:
                due = send_at if due is None else min(due, send_at)
            elif self.announcements.start_sending(announcement.id, from_state=Status.SCHEDULED):
                self.launch(announcement.id)
        return due

    def launch(self, announcement_id: int) -> None:
        """Start the background broadcast unless this process already runs it."""
        task = self._running.get(announcement_id)
        if task is None or task.done():
            self._running[announcement_id] = asyncio.create_task(self.broadcast(announcement_id),
                                                                 name=f"broadcast-{announcement_id}")

    # -- one broadcast -------------------------------------------------------------------------
    async def broadcast(self, announcement_id: int,
                        on_progress: Callable[[Report], Awaitable[None]] | None = None) -> Report | None:
        """Deliver one announcement to its recipients; None if another process owns it."""
        if not self.announcements.claim(announcement_id, OWNER, LEASE_SECONDS, owner_alive):
            log.debug("announcement %s is being sent by another process", announcement_id)
            return None
        try:
            announcement = self.announcements.get(announcement_id)
            if announcement is None:
                return None
            if announcement.status is Status.QUEUED:
                self.announcements.start_sending(announcement_id, from_state=Status.QUEUED)
            chat, message = announcement.status_chat_id, announcement.status_message_id
            if chat and not message:  # scheduled: the organizer gets a fresh status message now
                message = await self.notifier.open_status(chat, announcement_id)
                if message:
                    self.announcements.set_status_message(announcement_id, chat, message)
            shown = (-1, -1)

            async def progress(report: Report) -> None:
                nonlocal shown
                self.announcements.claim(announcement_id, OWNER, LEASE_SECONDS, owner_alive)
                if on_progress is not None:
                    await on_progress(report)
                done = report.total - report.pending
                if chat and message and (done, report.total) != shown:
                    shown = (done, report.total)
                    await self.notifier.show_progress(chat, message, announcement_id, done, report.total)

            report = await self.delivery.deliver(announcement_id, announcement.text, progress)
            self.announcements.finish(announcement_id)
            # Searchable before the report says done; built off the event loop so answers keep flowing.
            # A knowledge folder that fails to load must not leave the organizer at 「发送中」.
            try:
                await self.knowledge.reload_async()
            except Exception:
                log.exception("announcement %s sent, but the knowledge was not re-indexed", announcement_id)
            if chat and message:
                await self.notifier.show_report(chat, message, announcement_id, report)
            log.info("announcement %s: %s", announcement_id, report)
            return report
        finally:
            self.announcements.release(announcement_id, OWNER)
