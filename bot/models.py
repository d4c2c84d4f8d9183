"""The typed records that cross layers: what repositories return, services pass on and
handlers format. Frozen dataclasses and enums only, so nobody indexes a database row by a
string or repeats a status literal; the enum values are the words stored in SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Status(StrEnum):
    """An announcement's life: draft -> scheduled -> queued -> sending -> done (or cancelled / recalled)."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"
    RECALLED = "recalled"


class DeliveryStatus(StrEnum):
    """One recipient's copy: pending -> sending -> sent | blocked | gone | failed (recalled after undo)."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    BLOCKED = "blocked"
    GONE = "gone"
    FAILED = "failed"
    RECALLED = "recalled"


@dataclass(frozen=True)
class Announcement:
    id: int
    text: str
    created: float
    send_at: float | None
    status: Status
    confirm_token: str
    status_chat_id: int | None
    status_message_id: int | None
    finished: float | None
    owner: str | None
    lease_until: float | None

    @property
    def shown_at(self) -> float:
        """The time worth showing: when it was sent, else when it will be, else when it was written."""
        return self.finished or self.send_at or self.created


@dataclass(frozen=True)
class Copy:
    """A delivered copy of an announcement (what a recall deletes)."""

    chat_id: int
    message_id: int
    updated: float


@dataclass(frozen=True)
class Report:
    total: int
    sent: int
    blocked: int
    failed: int
    pending: int
    possible_repeats: int

    @property
    def done(self) -> bool:
        return self.pending == 0


class Subscribers(NamedTuple):
    """Counts of subscribed chats (a tuple, so ``(active, inactive)`` unpacks)."""

    active: int
    inactive: int


@dataclass(frozen=True)
class LoggedQuestion:
    id: int
    question: str
    answered: bool
    runner_up_id: int | None
    runner_up_key: str | None = None   # stable across reloads; rows from before it have none


@dataclass(frozen=True)
class QuestionGroup:
    question: str          # the newest wording
    question_id: int       # its log id (the 补充答案 button carries it)
    count: int
    thumbs_down: int
    last_ts: float


@dataclass(frozen=True)
class Stats:
    day: int
    week: int
    total: int
    answered: int
    answered_share: float
    up: int
    down: int
    active: int
    inactive: int
    announcements: int
    top_questions: tuple[tuple[str, int], ...]
    top_passages: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ExportRow:
    id: int
    ts: float
    chat_type: str
    question: str
    answered: int
    score: float
    confidence: float
    sentence: str | None
    feedback: int
