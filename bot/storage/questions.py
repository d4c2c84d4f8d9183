"""Repository of the ``questions`` and ``feedback`` tables: the question log and 👍/👎.

Questions are stored with a grouping ``topic`` (computed by the caller) so rewordings count as
one, and with the asker's salted hash, never the user id.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from bot.models import ExportRow, LoggedQuestion, QuestionGroup
from bot.storage.database import Database


class QuestionRepository:
    def __init__(self, database: Database):
        self.database = database
        self.db = database.db

    def add(self, user_id: int | None, chat_type: str, question: str, *, topic: str, answered: bool,
            score: float, confidence: float, sentence_id: int | None, sentence: str | None,
            runner_up_id: int | None, sentence_key: str | None = None, runner_up_key: str | None = None,
            private_chat_id: int | None = None) -> int:
        row = (time.time(), self.database.user_hash(user_id), chat_type, question, topic, int(answered), score,
               confidence, sentence_id, sentence, runner_up_id, sentence_key, runner_up_key, private_chat_id)
        return _insert(self.db, row)

    async def add_in_background(self, user_id: int | None, chat_type: str, question: str, *, topic: str,
                                answered: bool, score: float, confidence: float, sentence_key: str | None,
                                sentence: str | None, runner_up_key: str | None,
                                private_chat_id: int | None = None) -> int:
        """The same row, written by the database's background writer (off the event loop, short
        busy timeout); raises ``sqlite3.Error`` when the database is locked or full."""
        row = (time.time(), self.database.user_hash(user_id), chat_type, question, topic, int(answered), score,
               confidence, None, sentence, None, sentence_key, runner_up_key, private_chat_id)
        return await self.database.writer.run(lambda db: _insert(db, row))

    async def record_feedback_in_background(self, question_id: int, user_id: int | None, value: int) -> bool:
        user_hash = self.database.user_hash(user_id)
        return await self.database.writer.run(lambda db: _feedback(db, question_id, user_hash, value))

    def topic_of(self, question_id: int) -> str | None:
        row = self.db.execute("SELECT topic FROM questions WHERE id = ?", (question_id,)).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def take_askers(self, topic: str) -> list[tuple[int, str]]:
        """Private chats that asked ``topic`` unanswered, each once with its wording; the chat ids
        are cleared in the same step, so nobody is told twice."""
        rows = self.db.execute("SELECT private_chat_id, question FROM questions WHERE topic = ? AND answered = 0"
                               " AND private_chat_id IS NOT NULL ORDER BY id", (topic,)).fetchall()
        self.db.execute("UPDATE questions SET private_chat_id = NULL WHERE topic = ? AND private_chat_id IS NOT NULL",
                        (topic,))
        return list({int(r[0]): str(r[1]) for r in rows}.items())

    def get(self, question_id: int) -> LoggedQuestion | None:
        row = self.db.execute("SELECT id, question, answered, runner_up_id, runner_up_key FROM questions"
                              " WHERE id = ?", (question_id,)).fetchone()
        return LoggedQuestion(int(row[0]), str(row[1]), bool(row[2]), row[3], row[4]) if row else None

    def backfill_topics(self, topic: Callable[[str], str]) -> int:
        """Rows logged before the topic column existed get theirs; returns how many."""
        rows = self.db.execute("SELECT id, question FROM questions WHERE topic IS NULL").fetchall()
        self.db.executemany("UPDATE questions SET topic = ? WHERE id = ?", [(topic(r[1]), r[0]) for r in rows])
        return len(rows)

    def record_feedback(self, question_id: int, user_id: int | None, value: int) -> bool:
        """Store 👍 (1) or 👎 (-1); a user's second tap replaces the first. False if no such question."""
        return _feedback(self.db, question_id, self.database.user_hash(user_id), value)

    def feedback_counts(self) -> dict[int, int]:
        rows = self.db.execute("SELECT value, COUNT(*) FROM feedback GROUP BY value").fetchall()
        return {int(v): int(n) for v, n in rows}

    def count(self, since: float = 0.0, *, answered_only: bool = False) -> int:
        sql = "SELECT COUNT(*) FROM questions WHERE ts >= ?" + (" AND answered = 1" if answered_only else "")
        return int(self.db.execute(sql, (since,)).fetchone()[0])

    def timestamps(self, since: float) -> list[float]:
        return [float(r[0]) for r in self.db.execute("SELECT ts FROM questions WHERE ts >= ?", (since,))]

    def top_topics(self, limit: int) -> list[tuple[str, int]]:
        """The most asked topics, each in its newest wording."""
        rows = self.db.execute(
            "WITH grouped AS (SELECT topic, COUNT(*) AS n, MAX(id) AS last_id FROM questions GROUP BY topic)"
            " SELECT q.question, g.n FROM grouped g JOIN questions q ON q.id = g.last_id"
            " ORDER BY g.n DESC, g.last_id DESC LIMIT ?", (limit,)).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def top_sentences(self, limit: int) -> list[tuple[str, int]]:
        rows = self.db.execute("SELECT sentence, COUNT(*) AS n FROM questions WHERE answered = 1 "
                               "GROUP BY COALESCE(sentence_key, sentence_id) ORDER BY n DESC, MAX(id) DESC LIMIT ?",
                               (limit,)).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def missed(self, since: float, limit: int) -> list[QuestionGroup]:
        """Topics unanswered or given 👎 since ``since``, the most recent first."""
        rows = self.db.execute(
            "WITH missed AS ("
            "  SELECT q.id, q.topic, q.ts, q.answered,"
            "         EXISTS(SELECT 1 FROM feedback f WHERE f.question_id = q.id AND f.value = -1) AS down"
            "  FROM questions q WHERE q.ts >= ?),"
            " grouped AS ("
            "  SELECT topic, COUNT(*) AS n, SUM(down) AS downs, MAX(id) AS last_id, MAX(ts) AS last_ts"
            "  FROM missed WHERE down = 1 OR answered = 0 GROUP BY topic)"
            " SELECT q.question, g.last_id, g.n, g.downs, g.last_ts FROM grouped g JOIN questions q"
            " ON q.id = g.last_id ORDER BY g.last_id DESC LIMIT ?", (since, limit)).fetchall()
        return [QuestionGroup(str(r[0]), int(r[1]), int(r[2]), int(r[3]), float(r[4])) for r in rows]

    def purge(self, before: float) -> int:
        self.db.execute("DELETE FROM feedback WHERE question_id IN (SELECT id FROM questions WHERE ts < ?)", (before,))
        return int(self.db.execute("DELETE FROM questions WHERE ts < ?", (before,)).rowcount)

    def export_rows(self) -> list[ExportRow]:
        rows = self.db.execute(
            "SELECT q.id, q.ts, q.chat_type, q.question, q.answered, q.score, q.confidence, q.sentence, "
            "COALESCE((SELECT SUM(value) FROM feedback f WHERE f.question_id = q.id), 0) "
            "FROM questions q ORDER BY q.id").fetchall()
        return [ExportRow(*tuple(r)) for r in rows]


def _insert(db: sqlite3.Connection, row: tuple[object, ...]) -> int:
    cur = db.execute(
        "INSERT INTO questions(ts, user_hash, chat_type, question, topic, answered, score, confidence,"
        " sentence_id, sentence, runner_up_id, sentence_key, runner_up_key, private_chat_id)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
    return int(cur.lastrowid or 0)


def _feedback(db: sqlite3.Connection, question_id: int, user_hash: str, value: int) -> bool:
    if db.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,)).fetchone() is None:
        return False
    db.execute(
        "INSERT INTO feedback(question_id, user_hash, value, ts) VALUES (?,?,?,?) "
        "ON CONFLICT(question_id, user_hash) DO UPDATE SET value = excluded.value, ts = excluded.ts",
        (question_id, user_hash, value, time.time()))
    return True
