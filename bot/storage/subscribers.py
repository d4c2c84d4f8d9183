"""Repository of the ``subscribers`` table: which chats receive announcements."""

from __future__ import annotations

import time

from bot.models import Subscribers
from bot.storage.database import Database


class SubscriberRepository:
    def __init__(self, database: Database):
        self.db = database.db

    def subscribe(self, chat_id: int, chat_type: str) -> bool:
        """True if this made the chat an active subscriber (False: it already was)."""
        before = self.db.execute("SELECT active FROM subscribers WHERE chat_id = ?", (chat_id,)).fetchone()
        self.db.execute(
            "INSERT INTO subscribers(chat_id, chat_type, active, since) VALUES (?,?,1,?) "
            "ON CONFLICT(chat_id) DO UPDATE SET active = 1, reason = NULL, since = excluded.since",
            (chat_id, chat_type, time.time()))
        return not (before and before["active"])

    def unsubscribe(self, chat_id: int, reason: str) -> bool:
        cur = self.db.execute("UPDATE subscribers SET active = 0, reason = ? WHERE chat_id = ? AND active = 1",
                              (reason, chat_id))
        return cur.rowcount == 1

    def migrate(self, old_id: int, new_id: int) -> None:
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

    def counts(self) -> Subscribers:
        row = self.db.execute("SELECT COALESCE(SUM(active), 0), COUNT(*) - COALESCE(SUM(active), 0) "
                              "FROM subscribers").fetchone()
        return Subscribers(int(row[0]), int(row[1]))
