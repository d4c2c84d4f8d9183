"""Repository of the ``curated`` table: organizers' own answers (soft-deleted, never lost)."""

from __future__ import annotations

import time

from bot.models import CuratedRow
from bot.storage.database import Database


class CuratedRepository:
    def __init__(self, database: Database):
        self.database = database
        self.db = database.db

    def all(self) -> list[CuratedRow]:
        rows = self.db.execute("SELECT id, question, answer, author_hash, updated FROM curated WHERE deleted = 0 "
                               "ORDER BY id").fetchall()
        return [CuratedRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), float(r[4])) for r in rows]

    def add(self, question: str, answer: str, author_id: int | None) -> int:
        now = time.time()
        cur = self.db.execute("INSERT INTO curated(question, answer, author_hash, created, updated) VALUES (?,?,?,?,?)",
                              (question, answer, self.database.user_hash(author_id), now, now))
        return int(cur.lastrowid or 0)

    def update(self, curated_id: int, answer: str, author_id: int | None) -> None:
        self.db.execute("UPDATE curated SET answer = ?, author_hash = ?, updated = ? WHERE id = ?",
                        (answer, self.database.user_hash(author_id), time.time(), curated_id))

    def delete(self, curated_id: int) -> bool:
        cur = self.db.execute("UPDATE curated SET deleted = 1 WHERE id = ? AND deleted = 0", (curated_id,))
        return cur.rowcount == 1
