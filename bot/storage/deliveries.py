"""Repository of the ``deliveries`` table: one row per recipient of an announcement.

Rows are written before the first send; each is marked ``sending`` before its request and
``sent`` when Telegram confirms, so after a crash only the rows marked ``sending`` at that instant
are uncertain (they are sent again and flagged as possible repeats). ``record`` writes several
outcomes and marks the next rows ``sending`` in one transaction (a paid broadcast's pace).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import NamedTuple

from bot.models import Copy, DeliveryStatus, Report
from bot.storage.database import Database


class Settled(NamedTuple):
    """One copy's final outcome, as ``mark`` writes it."""

    chat_id: int
    status: DeliveryStatus
    message_id: int | None = None
    error: str | None = None


MARK_SENDING = ("UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated = ? "
                "WHERE announcement_id = ? AND chat_id = ?")
MARK = ("UPDATE deliveries SET status = ?, message_id = COALESCE(?, message_id), error = ?, updated = ? "
        "WHERE announcement_id = ? AND chat_id = ?")


class DeliveryRepository:
    def __init__(self, database: Database):
        self.db = database.db

    def to_send(self, announcement_id: int) -> list[int]:
        """Chats still owed a copy, in a stable order."""
        rows = self.db.execute("SELECT chat_id FROM deliveries WHERE announcement_id = ? AND status = ? "
                               "ORDER BY rowid", (announcement_id, DeliveryStatus.PENDING.value)).fetchall()
        return [int(r[0]) for r in rows]

    def resume(self, announcement_id: int) -> int:
        """After a crash: sends that were in flight may or may not have arrived. They are sent
        again (nobody may miss the announcement) and flagged as possible repeats for the report."""
        cur = self.db.execute("UPDATE deliveries SET status = ?, maybe_repeat = 1 WHERE announcement_id = ? "
                              "AND status = ?", (DeliveryStatus.PENDING.value, announcement_id,
                                                 DeliveryStatus.SENDING.value))
        return cur.rowcount

    def flag_maybe_repeat(self, announcement_id: int, chat_id: int) -> None:
        """A send that timed out may have arrived; a retry can then repeat it."""
        self.db.execute("UPDATE deliveries SET maybe_repeat = 1 WHERE announcement_id = ? AND chat_id = ?",
                        (announcement_id, chat_id))

    def mark_sending(self, announcement_id: int, chat_id: int) -> None:
        self.db.execute(MARK_SENDING, (time.time(), announcement_id, chat_id))

    def mark(self, announcement_id: int, chat_id: int, status: DeliveryStatus, *, message_id: int | None = None,
             error: str | None = None) -> None:
        self.db.execute(MARK, (status.value, message_id, error, time.time(), announcement_id, chat_id))

    def record(self, announcement_id: int, settled: Sequence[Settled], sending: Sequence[int] = ()) -> None:
        """One transaction: the ``settled`` outcomes written, then the ``sending`` chats marked
        ``sending``; either all of it is on disk or none of it."""
        now = time.time()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(MARK, [(s.status.value, s.message_id, s.error, now, announcement_id, s.chat_id)
                                       for s in settled])
            self.db.executemany(MARK_SENDING, [(now, announcement_id, chat_id) for chat_id in sending])

    def retarget(self, announcement_id: int, old_chat: int, new_chat: int) -> None:
        """Move a delivery to a migrated group's new id (unless that id already has one)."""
        self.db.execute("UPDATE OR IGNORE deliveries SET chat_id = ? WHERE announcement_id = ? AND chat_id = ?",
                        (new_chat, announcement_id, old_chat))
        self.db.execute("DELETE FROM deliveries WHERE announcement_id = ? AND chat_id = ?", (announcement_id, old_chat))

    def sent_copies(self, announcement_id: int) -> list[Copy]:
        rows = self.db.execute("SELECT chat_id, message_id, updated FROM deliveries WHERE announcement_id = ? "
                               "AND status = ? AND message_id IS NOT NULL",
                               (announcement_id, DeliveryStatus.SENT.value)).fetchall()
        return [Copy(int(r[0]), int(r[1]), float(r[2])) for r in rows]

    def report(self, announcement_id: int) -> Report:
        counts = {DeliveryStatus(s): int(n) for s, n in self.db.execute(
            "SELECT status, COUNT(*) FROM deliveries WHERE announcement_id = ? GROUP BY status",
            (announcement_id,)).fetchall()}
        repeats = self.db.execute("SELECT COUNT(*) FROM deliveries WHERE announcement_id = ? AND maybe_repeat = 1 "
                                  "AND status = ?", (announcement_id, DeliveryStatus.SENT.value)).fetchone()[0]

        def n(status: DeliveryStatus) -> int:
            return counts.get(status, 0)

        return Report(total=sum(counts.values()), sent=n(DeliveryStatus.SENT) + n(DeliveryStatus.RECALLED),
                      blocked=n(DeliveryStatus.BLOCKED) + n(DeliveryStatus.GONE), failed=n(DeliveryStatus.FAILED),
                      pending=n(DeliveryStatus.PENDING) + n(DeliveryStatus.SENDING), possible_repeats=int(repeats))
