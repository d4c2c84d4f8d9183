"""Subscribers, announcements and per-recipient delivery rows in SQLite.

Every state change is one SQL statement guarded by the expected current state, so a double tap
on 「确认发送」, two organizers confirming at once, or a restart halfway through cannot send an
announcement twice: only the caller whose UPDATE changed a row goes on.

Announcement states: draft -> scheduled -> queued -> sending -> done (or cancelled / recalled).
Delivery states: pending -> sending -> sent | blocked | gone | failed (and recalled after undo).
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.storage import Storage

FINAL = ("sent", "blocked", "gone", "failed", "recalled")


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


class AnnouncementStore:
    def __init__(self, storage: Storage):
        self.db: sqlite3.Connection = storage.db
        self.storage = storage

    # -- subscribers ---------------------------------------------------------------------------
    def subscribe(self, chat_id: int, chat_type: str) -> bool:
        """True if this made the chat an active subscriber (False: it already was)."""
        before = self.db.execute("SELECT active FROM subscribers WHERE chat_id = ?", (chat_id,)).fetchone()
        self.db.execute(
            "INSERT INTO subscribers(chat_id, chat_type, active, since) VALUES (?,?,1,?) "
            "ON CONFLICT(chat_id) DO UPDATE SET active = 1, reason = NULL, since = excluded.since",
            (chat_id, chat_type, time.time()))
        return not (before and before["active"])

    def unsubscribe(self, chat_id: int, reason: str = "unsubscribed") -> bool:
        cur = self.db.execute("UPDATE subscribers SET active = 0, reason = ? WHERE chat_id = ? AND active = 1",
                              (reason, chat_id))
        return cur.rowcount == 1

    def migrate_chat_subscriber(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: the subscription follows it to the new id."""
        with self.db:
            row = self.db.execute("SELECT chat_type FROM subscribers WHERE chat_id = ?", (old_id,)).fetchone()
            self.db.execute("UPDATE subscribers SET active = 0, reason = ? WHERE chat_id = ?",
                            (f"migrated to {new_id}", old_id))
            if row:
                self.subscribe(new_id, "supergroup")

    def is_subscribed(self, chat_id: int) -> bool:
        row = self.db.execute("SELECT active FROM subscribers WHERE chat_id = ?", (chat_id,)).fetchone()
        return bool(row and row["active"])

    def subscriber_counts(self) -> tuple[int, int]:
        row = self.db.execute("SELECT COALESCE(SUM(active), 0), COUNT(*) - COALESCE(SUM(active), 0) "
                              "FROM subscribers").fetchone()
        return int(row[0]), int(row[1])

    # -- announcements -------------------------------------------------------------------------
    def create_draft(self, text: str, author_id: int | None, send_at: float | None = None) -> tuple[int, str]:
        token = secrets.token_urlsafe(9)
        cur = self.db.execute(
            "INSERT INTO announcements(text, author_hash, created, send_at, status, confirm_token) "
            "VALUES (?,?,?,?, 'draft', ?)", (text, self.storage.user_hash(author_id), time.time(), send_at, token))
        return int(cur.lastrowid or 0), token

    def get(self, announcement_id: int) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM announcements WHERE id = ?", (announcement_id,)).fetchone()

    def by_token(self, token: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM announcements WHERE confirm_token = ?", (token,)).fetchone()

    def confirm(self, token: str) -> sqlite3.Row | None:
        """draft -> scheduled (has send_at) or queued; None if someone else confirmed or cancelled it."""
        cur = self.db.execute(
            "UPDATE announcements SET status = CASE WHEN send_at IS NULL THEN 'queued' ELSE 'scheduled' END "
            "WHERE confirm_token = ? AND status = 'draft'", (token,))
        return self.by_token(token) if cur.rowcount == 1 else None

    def cancel(self, announcement_id: int, from_states: tuple[str, ...] = ("draft", "scheduled")) -> bool:
        marks = ",".join("?" * len(from_states))
        cur = self.db.execute(f"UPDATE announcements SET status = 'cancelled' WHERE id = ? AND status IN ({marks})",
                              (announcement_id, *from_states))
        return cur.rowcount == 1

    def start_sending(self, announcement_id: int, from_state: str = "queued") -> bool:
        """queued/scheduled -> sending, writing one pending row per active subscriber first."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            cur = self.db.execute("UPDATE announcements SET status = 'sending', started = ? "
                                  "WHERE id = ? AND status = ?", (time.time(), announcement_id, from_state))
            if cur.rowcount != 1:
                return False
            self.db.execute(
                "INSERT OR IGNORE INTO deliveries(announcement_id, chat_id, status, updated) "
                "SELECT ?, chat_id, 'pending', ? FROM subscribers WHERE active = 1", (announcement_id, time.time()))
        return True

    def claim(self, announcement_id: int, owner: str, lease_seconds: float, owner_alive: Callable[[str], bool]) -> bool:
        """Take (or renew) the right to deliver an announcement. Another process's claim is
        respected while its lease runs and it is alive, so two processes never send the same one."""
        row = self.get(announcement_id)
        if row is None:
            return False
        now = time.time()
        holder, until = row["owner"], row["lease_until"] or 0.0
        if holder and holder != owner and until > now and owner_alive(holder):
            return False
        cur = self.db.execute(
            "UPDATE announcements SET owner = ?, lease_until = ? WHERE id = ? AND COALESCE(owner, '') = ?",
            (owner, now + lease_seconds, announcement_id, holder or ""))
        return cur.rowcount == 1

    def release(self, announcement_id: int, owner: str) -> None:
        self.db.execute("UPDATE announcements SET owner = NULL, lease_until = NULL WHERE id = ? AND owner = ?",
                        (announcement_id, owner))

    def set_status_message(self, announcement_id: int, chat_id: int, message_id: int) -> None:
        self.db.execute("UPDATE announcements SET status_chat_id = ?, status_message_id = ? WHERE id = ?",
                        (chat_id, message_id, announcement_id))

    def finish(self, announcement_id: int) -> bool:
        cur = self.db.execute("UPDATE announcements SET status = 'done', finished = ? "
                              "WHERE id = ? AND status = 'sending'", (time.time(), announcement_id))
        return cur.rowcount == 1

    def unfinished(self) -> list[sqlite3.Row]:
        """Broadcasts interrupted by a stop or crash, oldest first."""
        return self.db.execute("SELECT * FROM announcements WHERE status IN ('queued', 'sending') "
                               "ORDER BY id").fetchall()

    def scheduled(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM announcements WHERE status = 'scheduled' ORDER BY send_at").fetchall()

    def recall(self, announcement_id: int) -> None:
        self.db.execute("UPDATE announcements SET status = 'recalled' WHERE id = ?", (announcement_id,))

    def recent(self, limit: int = 5) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM announcements WHERE status NOT IN ('draft') ORDER BY id DESC LIMIT ?",
                               (limit,)).fetchall()

    def delivered_announcements(self, db: sqlite3.Connection | None = None) -> list[sqlite3.Row]:
        """Sent announcements; pass ``db`` (a ``Storage.reader()``) when calling from another thread."""
        return (db or self.db).execute("SELECT * FROM announcements WHERE status = 'done' ORDER BY id").fetchall()

    # -- deliveries ----------------------------------------------------------------------------
    def to_send(self, announcement_id: int) -> list[sqlite3.Row]:
        """Rows still owed a copy, in a stable order."""
        return self.db.execute("SELECT * FROM deliveries WHERE announcement_id = ? AND status = 'pending' "
                               "ORDER BY rowid", (announcement_id,)).fetchall()

    def resume(self, announcement_id: int) -> int:
        """After a crash: sends that were in flight may or may not have arrived. They are sent
        again (nobody may miss the announcement) and flagged as possible repeats for the report."""
        cur = self.db.execute("UPDATE deliveries SET status = 'pending', maybe_repeat = 1 "
                              "WHERE announcement_id = ? AND status = 'sending'", (announcement_id,))
        return cur.rowcount

    def flag_maybe_repeat(self, announcement_id: int, chat_id: int) -> None:
        """A send that timed out may have arrived; a retry can then repeat it."""
        self.db.execute("UPDATE deliveries SET maybe_repeat = 1 WHERE announcement_id = ? AND chat_id = ?",
                        (announcement_id, chat_id))

    def mark_sending(self, announcement_id: int, chat_id: int) -> int:
        """Returns the attempt number; an attempt above 1 after a restart may repeat a copy."""
        self.db.execute("UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated = ? "
                        "WHERE announcement_id = ? AND chat_id = ?", (time.time(), announcement_id, chat_id))
        row = self.db.execute("SELECT attempts FROM deliveries WHERE announcement_id = ? AND chat_id = ?",
                              (announcement_id, chat_id)).fetchone()
        return int(row[0]) if row else 0

    def mark(self, announcement_id: int, chat_id: int, status: str, *, message_id: int | None = None,
             error: str | None = None) -> None:
        self.db.execute("UPDATE deliveries SET status = ?, message_id = COALESCE(?, message_id), error = ?, "
                        "updated = ? WHERE announcement_id = ? AND chat_id = ?",
                        (status, message_id, error, time.time(), announcement_id, chat_id))

    def retarget(self, announcement_id: int, old_chat: int, new_chat: int) -> None:
        """Move a delivery to a migrated group's new id (unless that id already has one)."""
        self.db.execute("UPDATE OR IGNORE deliveries SET chat_id = ? WHERE announcement_id = ? AND chat_id = ?",
                        (new_chat, announcement_id, old_chat))
        self.db.execute("DELETE FROM deliveries WHERE announcement_id = ? AND chat_id = ?", (announcement_id, old_chat))

    def sent_copies(self, announcement_id: int) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM deliveries WHERE announcement_id = ? AND status = 'sent' "
                               "AND message_id IS NOT NULL", (announcement_id,)).fetchall()

    def report(self, announcement_id: int) -> Report:
        counts = dict(self.db.execute("SELECT status, COUNT(*) FROM deliveries WHERE announcement_id = ? "
                                      "GROUP BY status", (announcement_id,)).fetchall())
        repeats = self.db.execute("SELECT COUNT(*) FROM deliveries WHERE announcement_id = ? AND maybe_repeat = 1 "
                                  "AND status = 'sent'", (announcement_id,)).fetchone()[0]
        return Report(total=sum(counts.values()), sent=counts.get("sent", 0) + counts.get("recalled", 0),
                      blocked=counts.get("blocked", 0) + counts.get("gone", 0), failed=counts.get("failed", 0),
                      pending=counts.get("pending", 0) + counts.get("sending", 0), possible_repeats=int(repeats))
