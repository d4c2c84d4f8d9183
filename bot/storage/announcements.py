"""Repository of the ``announcements`` table.

Every state change is one SQL statement guarded by the expected current state, so a double tap
on 「确认发送」, two organizers confirming at once, or a restart halfway through cannot send an
announcement twice: only the caller whose UPDATE changed a row goes on.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Callable

from bot.models import Announcement, Status
from bot.storage.database import Database


def _record(row: sqlite3.Row) -> Announcement:
    return Announcement(
        id=int(row["id"]), text=str(row["text"]), created=float(row["created"]), send_at=row["send_at"],
        status=Status(row["status"]), confirm_token=str(row["confirm_token"] or ""),
        status_chat_id=row["status_chat_id"], status_message_id=row["status_message_id"],
        finished=row["finished"], owner=row["owner"], lease_until=row["lease_until"])


class AnnouncementRepository:
    def __init__(self, database: Database):
        self.database = database
        self.db = database.db

    def _many(self, sql: str, *args: object, db: sqlite3.Connection | None = None) -> list[Announcement]:
        return [_record(r) for r in (db or self.db).execute(sql, args).fetchall()]

    def create_draft(self, text: str, author_id: int | None, send_at: float | None) -> Announcement:
        token = secrets.token_urlsafe(9)
        self.db.execute(
            "INSERT INTO announcements(text, author_hash, created, send_at, status, confirm_token) "
            "VALUES (?,?,?,?,?,?)",
            (text, self.database.user_hash(author_id), time.time(), send_at, Status.DRAFT.value, token))
        found = self.by_token(token)
        assert found is not None
        return found

    def get(self, announcement_id: int) -> Announcement | None:
        rows = self._many("SELECT * FROM announcements WHERE id = ?", announcement_id)
        return rows[0] if rows else None

    def by_token(self, token: str) -> Announcement | None:
        rows = self._many("SELECT * FROM announcements WHERE confirm_token = ?", token)
        return rows[0] if rows else None

    def confirm(self, token: str) -> Announcement | None:
        """draft -> scheduled (has send_at) or queued; None if someone else confirmed or cancelled it."""
        cur = self.db.execute(
            "UPDATE announcements SET status = CASE WHEN send_at IS NULL THEN ? ELSE ? END "
            "WHERE confirm_token = ? AND status = ?",
            (Status.QUEUED.value, Status.SCHEDULED.value, token, Status.DRAFT.value))
        return self.by_token(token) if cur.rowcount == 1 else None

    def cancel(self, announcement_id: int, states: tuple[Status, ...] = (Status.DRAFT, Status.SCHEDULED)) -> bool:
        """draft or scheduled (or only ``states``) -> cancelled; False once it is on its way."""
        marks = ", ".join("?" * len(states))
        cur = self.db.execute(f"UPDATE announcements SET status = ? WHERE id = ? AND status IN ({marks})",
                              (Status.CANCELLED.value, announcement_id, *(s.value for s in states)))
        return cur.rowcount == 1

    def start_sending(self, announcement_id: int, from_state: Status) -> bool:
        """queued/scheduled -> sending, writing one pending delivery per active subscriber first."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            cur = self.db.execute("UPDATE announcements SET status = ?, started = ? WHERE id = ? AND status = ?",
                                  (Status.SENDING.value, time.time(), announcement_id, from_state.value))
            if cur.rowcount != 1:
                return False
            self.db.execute(
                "INSERT OR IGNORE INTO deliveries(announcement_id, chat_id, status, updated) "
                "SELECT ?, chat_id, 'pending', ? FROM subscribers WHERE active = 1", (announcement_id, time.time()))
        return True

    def claim(self, announcement_id: int, owner: str, lease_seconds: float, owner_alive: Callable[[str], bool]) -> bool:
        """Take (or renew) the right to deliver an announcement. Another process's claim is
        respected while its lease runs and it is alive, so two processes never send the same one."""
        found = self.get(announcement_id)
        if found is None:
            return False
        now = time.time()
        holder, until = found.owner, found.lease_until or 0.0
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

    def set_status_chat(self, announcement_id: int, chat_id: int) -> None:
        """Where the status message goes once sending starts (none is posted before that)."""
        self.db.execute("UPDATE announcements SET status_chat_id = ?, status_message_id = NULL WHERE id = ?",
                        (chat_id, announcement_id))

    def finish(self, announcement_id: int) -> bool:
        cur = self.db.execute("UPDATE announcements SET status = ?, finished = ? WHERE id = ? AND status = ?",
                              (Status.DONE.value, time.time(), announcement_id, Status.SENDING.value))
        return cur.rowcount == 1

    def recall(self, announcement_id: int) -> bool:
        """sending or done -> recalled; False for any other state (a scheduled one is cancelled)."""
        cur = self.db.execute("UPDATE announcements SET status = ? WHERE id = ? AND status IN (?, ?)",
                              (Status.RECALLED.value, announcement_id, Status.SENDING.value, Status.DONE.value))
        return cur.rowcount == 1

    def unfinished(self) -> list[Announcement]:
        """Broadcasts interrupted by a stop or crash, oldest first."""
        return self._many("SELECT * FROM announcements WHERE status IN (?, ?) ORDER BY id",
                          Status.QUEUED.value, Status.SENDING.value)

    def scheduled(self) -> list[Announcement]:
        return self._many("SELECT * FROM announcements WHERE status = ? ORDER BY send_at", Status.SCHEDULED.value)

    def recent(self, limit: int = 5) -> list[Announcement]:
        return self._many("SELECT * FROM announcements WHERE status != ? ORDER BY id DESC LIMIT ?",
                          Status.DRAFT.value, limit)

    def delivered(self) -> list[Announcement]:
        """Sent announcements, read on a connection of its own (this runs in a reload's thread)."""
        with self.database.reader() as db:
            return self._many("SELECT * FROM announcements WHERE status = ? ORDER BY id", Status.DONE.value, db=db)

    def count_sent(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM announcements WHERE status IN (?, ?)",
                                   (Status.DONE.value, Status.RECALLED.value)).fetchone()[0])
