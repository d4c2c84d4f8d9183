"""Announcements as a service: drafts, confirmation, scheduling, broadcasts, recall.

The database is the source of truth. A broadcast runs as a background task owned by one process
at a time (a renewable lease naming host and pid), so the bot and ``run.py announce`` can share
one database; after a crash the next start resumes what is unfinished. Scheduled announcements
live in the database and are (re)armed on PTB's JobQueue at start-up and by a periodic sync that
also picks up ones scheduled from the shell. Sent announcements become knowledge.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import time
from html import escape
from typing import TYPE_CHECKING

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ContextTypes

from bot import texts
from bot.announcement_store import AnnouncementStore, Report
from bot.delivery import Outgoing, deliver

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger("luban.announcements")

MAX_ANNOUNCEMENT_CHARS = 3500
LEASE_SECONDS = 30.0
SYNC_SECONDS = 30.0
DELETE_WINDOW_SECONDS = 48 * 3600
OWNER = f"{socket.gethostname()}:{os.getpid()}"


def _owner_alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine: trust its lease
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def parse_when(value: str, tz: dt.tzinfo) -> dt.datetime:
    """「2026-06-10 09:00」 (seconds optional) in the configured time zone; ValueError otherwise."""
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).replace(tzinfo=tz)
        except ValueError:
            continue
    raise ValueError(value)


def render(text: str) -> str:
    """The announcement exactly as subscribers see it (HTML, the organizer's text escaped)."""
    return f"{texts.ANNOUNCEMENT_HEADER}\n\n{escape(text)}"


def unsubscribe_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_UNSUBSCRIBE, callback_data="sub:off")]])


def report_text(announcement_id: int, report: Report) -> str:
    text = texts.REPORT.format(id=announcement_id, total=report.total, sent=report.sent, blocked=report.blocked,
                               failed=report.failed)
    if report.possible_repeats:
        text += "\n" + texts.REPORT_REPEATS.format(repeats=report.possible_repeats)
    return text


class Announcements:
    def __init__(self, deps: Deps):
        self.deps = deps
        self.store = AnnouncementStore(deps.storage)
        self.application: Application | None = None
        self._running: dict[int, asyncio.Task] = {}

    @property
    def tz(self) -> dt.tzinfo:
        return self.deps.config.tz

    def when(self, timestamp: float) -> str:
        return dt.datetime.fromtimestamp(timestamp, self.tz).strftime("%Y-%m-%d %H:%M")

    # -- lifecycle -----------------------------------------------------------------------------
    async def on_startup(self, application: Application) -> None:
        """Resume interrupted broadcasts and arm scheduled ones; keep syncing with the database."""
        self.application = application
        await self.sync()
        if application.job_queue is not None:
            application.job_queue.run_repeating(lambda _ctx: self.sync(), interval=SYNC_SECONDS, first=SYNC_SECONDS,
                                                name="announcements-sync")

    async def sync(self) -> None:
        for row in self.store.unfinished():
            self.launch(int(row["id"]))
        if self.application is None or self.application.job_queue is None:
            return
        armed = {job.name for job in self.application.job_queue.jobs()}
        for row in self.store.scheduled():
            name = f"announcement-{row['id']}"
            if name not in armed:
                when = max(float(row["send_at"]), time.time() + 0.1)
                self.application.job_queue.run_once(self._fire, when=dt.datetime.fromtimestamp(when, dt.UTC),
                                                    data=int(row["id"]), name=name)

    async def _fire(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        announcement_id = int(context.job.data)  # type: ignore[union-attr, arg-type]
        if self.store.start_sending(announcement_id, from_state="scheduled"):
            self.launch(announcement_id)

    # -- broadcasting --------------------------------------------------------------------------
    def launch(self, announcement_id: int) -> None:
        """Start the background broadcast unless this process already runs it."""
        task = self._running.get(announcement_id)
        if task is not None and not task.done():
            return
        assert self.application is not None, "on_startup must run before broadcasts"
        self._running[announcement_id] = self.application.create_task(
            self.broadcast(self.application.bot, announcement_id), name=f"broadcast-{announcement_id}")

    async def broadcast(self, bot: Bot, announcement_id: int, on_progress=None) -> Report | None:
        """Deliver one announcement to its recipients; None if another process owns it."""
        if not self.store.claim(announcement_id, OWNER, LEASE_SECONDS, _owner_alive):
            log.info("announcement %s is being sent by another process", announcement_id)
            return None
        try:
            row = self.store.get(announcement_id)
            if row is None:
                return None
            if row["status"] == "queued":
                self.store.start_sending(announcement_id, from_state="queued")
            status_chat, status_message = row["status_chat_id"], row["status_message_id"]
            last = {"text": ""}

            async def progress(report: Report) -> None:
                self.store.claim(announcement_id, OWNER, LEASE_SECONDS, _owner_alive)
                if on_progress is not None:
                    await on_progress(report)
                if status_chat and status_message:
                    done = report.total - report.pending
                    await self._edit(bot, status_chat, status_message,
                                     texts.PROGRESS.format(id=announcement_id, done=done, total=report.total), last)

            outgoing = Outgoing(render(row["text"]), unsubscribe_markup())
            report = await deliver(bot, self.store, announcement_id, outgoing, progress)
            # Searchable before the report says done; built off the event loop so answers keep flowing.
            await self.deps.knowledge.reload_async()
            if status_chat and status_message:
                markup = InlineKeyboardMarkup([[InlineKeyboardButton(
                    texts.BUTTON_RECALL, callback_data=f"ann:recall:{announcement_id}")]])
                await self._edit(bot, status_chat, status_message, report_text(announcement_id, report), last, markup)
            log.info("announcement %s: %s", announcement_id, report)
            return report
        finally:
            self.store.release(announcement_id, OWNER)

    async def _edit(self, bot: Bot, chat_id: int, message_id: int, text: str, last: dict,
                    markup: InlineKeyboardMarkup | None = None) -> None:
        if text == last["text"] and markup is None:
            return
        last["text"] = text
        try:
            await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, reply_markup=markup)
        except TelegramError as exc:  # a progress line is not worth failing a broadcast for
            log.info("status message not updated: %s", exc.message)

    # -- organizer actions ---------------------------------------------------------------------
    def cancel(self, announcement_id: int) -> bool:
        if not self.store.cancel(announcement_id):
            return False
        if self.application is not None and self.application.job_queue is not None:
            for job in self.application.job_queue.get_jobs_by_name(f"announcement-{announcement_id}"):
                job.schedule_removal()
        return True

    async def recall(self, bot: Bot, announcement_id: int) -> tuple[int, int]:
        """Delete delivered copies (Telegram allows it for 48 hours); returns (deleted, too late)."""
        deleted = late = 0
        for row in self.store.sent_copies(announcement_id):
            if time.time() - float(row["updated"]) > DELETE_WINDOW_SECONDS:
                late += 1
                continue
            try:
                await bot.delete_message(int(row["chat_id"]), int(row["message_id"]))
            except BadRequest:
                late += 1
                continue
            self.store.mark(announcement_id, int(row["chat_id"]), "recalled")
            deleted += 1
        self.store.recall(announcement_id)
        await self.deps.knowledge.reload_async()
        return deleted, late
