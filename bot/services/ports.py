"""The narrow interface through which services reach Telegram (or anything else that delivers).

Services speak in outcomes, not exceptions of a client library: the Telegram implementation
(``bot.telegram.notifier``) maps the Bot API's answers onto :class:`Verdict`, and the delivery
loop decides what each one means (retry, deactivate, give up).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from bot.models import Report


class Verdict(Enum):
    SENT = "sent"
    BLOCKED = "blocked"            # the user blocked the bot: final, unsubscribe
    GONE = "gone"                  # the chat no longer exists or the bot may not write there: final
    FAILED = "failed"              # refused for another reason: final, not retried
    MIGRATED = "migrated"          # a group became a supergroup: retry at ``new_chat_id``
    RETRY_AFTER = "retry_after"    # flood control: wait ``retry_after`` seconds, retry
    TIMED_OUT = "timed_out"        # may have arrived: retry, flag a possible repeat
    TRANSIENT = "transient"        # 5xx or a dropped connection: retry with backoff


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    message_id: int | None = None
    error: str = ""
    retry_after: float = 0.0
    new_chat_id: int | None = None


class Notifier(Protocol):
    """What the announcement services need from a messenger."""

    async def send_announcement(self, chat_id: int, text: str) -> Outcome:
        """One subscriber's copy of an announcement (the organizer's plain text)."""
        ...

    async def send_text(self, chat_id: int, text: str) -> Outcome:
        """A one-off message (HTML, dynamic parts escaped by the caller): an asker told an answer."""
        ...

    async def open_status(self, chat_id: int, announcement_id: int) -> int | None:
        """Post a fresh status message for a broadcast (a scheduled one starting); its id."""
        ...

    async def delete_message(self, chat_id: int, message_id: int) -> bool:
        """Remove a delivered copy; False when the messenger refuses (too old, already gone)."""
        ...

    async def show_progress(self, chat_id: int, message_id: int, announcement_id: int, done: int,
                            total: int) -> None:
        """Update the organizer's status message while a broadcast runs."""
        ...

    async def show_report(self, chat_id: int, message_id: int, announcement_id: int, report: Report) -> None:
        """Replace the status message with the final report (and an undo button)."""
        ...
