"""Announcements for organizers: drafts, confirmation, cancelling, listing and recall.

A draft is checked here (not in time? too long?) so the bot and the shell refuse the same
things; confirming is a guarded state change, so a double tap or two organizers confirming at
once send it once. Sending itself is ``broadcasts.Broadcasts``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.config import FREE_PACE, FREE_RATE, AnnouncementsConfig
from bot.models import Announcement, DeliveryStatus, Report, Status
from bot.services.broadcasts import Broadcasts
from bot.services.knowledge import KnowledgeService
from bot.services.ports import Notifier
from bot.storage.announcements import AnnouncementRepository
from bot.storage.deliveries import DeliveryRepository
from bot.textlimits import units

log = logging.getLogger("luban.announcements")
MAX_ANNOUNCEMENT_CHARS = 3500   # UTF-16 units; the header and escaping stay under Telegram's 4096
DELETE_WINDOW_SECONDS = 48 * 3600
REPORTED = (Status.SENDING, Status.DONE, Status.RECALLED)
FREE = AnnouncementsConfig()
STARS_PER_PAID_MESSAGE = 0.1   # Telegram's fee for a message sent past the free limits


@dataclass(frozen=True)
class Plan:
    """How an announcement to ``recipients`` chats will go out: its pace and, when paid, its cost.

    Telegram bills only the messages that exceeded the regular limits (its transaction reports a
    ``request_count``), so the estimate charges what goes above the free 30 a second; the most it
    can cost is every message at 0.1 Stars.
    """

    recipients: int
    paid: bool
    rate: float                 # messages per second

    @property
    def seconds(self) -> float:
        return self.recipients / self.rate

    @property
    def stars(self) -> float:
        """Expected cost: the messages sent above the free rate."""
        if not self.paid:
            return 0.0
        return STARS_PER_PAID_MESSAGE * self.recipients * max(0.0, 1 - FREE_RATE / self.rate)

    @property
    def max_stars(self) -> float:
        return STARS_PER_PAID_MESSAGE * self.recipients if self.paid else 0.0


class TooLong(ValueError):
    """Lengths in UTF-16 units, as Telegram counts them (an emoji is two)."""

    def __init__(self, length: int):
        super().__init__(f"the announcement is {length} units long as Telegram counts it (UTF-16; an emoji "
                         f"counts 2); the limit is {MAX_ANNOUNCEMENT_CHARS}")
        self.length, self.limit = length, MAX_ANNOUNCEMENT_CHARS


class InThePast(ValueError):
    pass


@dataclass(frozen=True)
class Listed:
    announcement: Announcement
    report: Report | None      # for ones sent or being sent


@dataclass(frozen=True)
class Recall:
    deleted: int
    too_late: int


class Announcements:
    def __init__(self, announcements: AnnouncementRepository, deliveries: DeliveryRepository,
                 broadcasts: Broadcasts, notifier: Notifier, knowledge: KnowledgeService,
                 clock: Callable[[], float] = time.time, settings: AnnouncementsConfig = FREE):
        self.announcements, self.deliveries = announcements, deliveries
        self.settings = settings
        self.broadcasts, self.notifier, self.knowledge = broadcasts, notifier, knowledge
        self.clock = clock

    def draft(self, text: str, author_id: int | None, send_at: float | None = None) -> Announcement:
        """A draft awaiting confirmation; InThePast or TooLong when it cannot be sent as asked."""
        self.validate(text, send_at)
        return self.announcements.create_draft(text, author_id, send_at)

    def validate(self, text: str, send_at: float | None = None) -> None:
        """Raise InThePast or TooLong (in UTF-16 units) for what cannot be sent as asked."""
        if send_at is not None and send_at <= self.clock():
            raise InThePast(send_at)
        if units(text) > MAX_ANNOUNCEMENT_CHARS:
            raise TooLong(units(text))

    def plan(self, recipients: int) -> Plan:
        """The pace (and the cost of a paid broadcast) an organizer sees before confirming."""
        paid = self.settings.paid_broadcast
        return Plan(recipients, paid, float(self.settings.paid_rate if paid else FREE_PACE))

    def confirm(self, token: str) -> Announcement | None:
        """The confirmed announcement (scheduled or queued); None if it was already handled."""
        confirmed = self.announcements.confirm(token)
        if confirmed is not None and confirmed.status is Status.SCHEDULED:
            self.broadcasts.wake()
        return confirmed

    def send(self, announcement_id: int, status_chat_id: int | None = None,
             status_message_id: int | None = None) -> None:
        """Start sending a confirmed announcement, reporting progress in the given message."""
        if status_chat_id is not None and status_message_id is not None:
            self.announcements.set_status_message(announcement_id, status_chat_id, status_message_id)
        self.broadcasts.launch(announcement_id)

    def report_to(self, announcement_id: int, chat_id: int) -> None:
        """The organizer's chat that gets progress, report and 撤回 when a scheduled one is sent."""
        self.announcements.set_status_chat(announcement_id, chat_id)

    def recallable(self, announcement_id: int) -> bool:
        found = self.announcements.get(announcement_id)
        return found is not None and found.status in (Status.SENDING, Status.DONE)

    def cancel_draft(self, token: str) -> bool:
        draft = self.announcements.by_token(token)
        return draft is not None and self.cancel(draft.id)

    def cancel(self, announcement_id: int, *, scheduled_only: bool = False) -> bool:
        """A draft or a scheduled announcement is dropped (only a scheduled one with
        ``scheduled_only``, as the 取消 #id button asks); False once it is on its way."""
        states = (Status.SCHEDULED,) if scheduled_only else (Status.DRAFT, Status.SCHEDULED)
        cancelled = self.announcements.cancel(announcement_id, states)
        if cancelled:
            self.broadcasts.wake()
        return cancelled

    async def recall(self, announcement_id: int) -> Recall | None:
        """Delete delivered copies (Telegram allows it for 48 hours); None unless the announcement
        is being sent or was sent (a draft or a scheduled one is cancelled, never recalled)."""
        if not self.recallable(announcement_id):
            return None
        deleted = late = 0
        for copy in self.deliveries.sent_copies(announcement_id):
            if self.clock() - copy.updated > DELETE_WINDOW_SECONDS or \
                    not await self.notifier.delete_message(copy.chat_id, copy.message_id):
                late += 1
                continue
            self.deliveries.mark(announcement_id, copy.chat_id, DeliveryStatus.RECALLED)
            deleted += 1
        self.announcements.recall(announcement_id)
        try:
            await self.knowledge.reload_async()
        except Exception:  # the recall happened; stale knowledge is fixed by the next /reload
            log.exception("knowledge not reloaded after recalling announcement %s", announcement_id)
        return Recall(deleted, late)

    def scheduled(self) -> list[Announcement]:
        return self.announcements.scheduled()

    def unfinished(self) -> list[Announcement]:
        return self.announcements.unfinished()

    def recent(self, limit: int = 5) -> list[Listed]:
        return [Listed(a, self.deliveries.report(a.id) if a.status in REPORTED else None)
                for a in self.announcements.recent(limit)]

    def report(self, announcement_id: int) -> Report:
        return self.deliveries.report(announcement_id)
