"""What organizers need to improve the answers: usage figures, the questions that went
unanswered (or got 👎), and curated answers.

Questions are grouped by their content words in the campaign's wording (the curated matcher's
key), so 「纪念馆几点开门」 and 「鲁班纪念馆几点开门?」 count as one. Curated answers are written to
SQLite and exported to the YAML file the engine reads, so either survives the loss of the other.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.announcement_store import AnnouncementStore
from bot.knowledge_service import KnowledgeService
from bot.storage import Storage
from knowledge.answer import Answer
from knowledge.curated import CuratedAnswer, save_curated

DAY = 86400.0


@dataclass(frozen=True)
class QuestionGroup:
    question: str          # the newest wording
    question_id: int       # its log id (the 补充答案 button carries it)
    count: int
    thumbs_down: int
    last_ts: float


class Curation:
    def __init__(self, storage: Storage, knowledge: KnowledgeService):
        self.storage, self.knowledge = storage, knowledge
        self.db = storage.db
        self._backfill_topics()

    def topic(self, question: str) -> str:
        """The grouping key: content words in the campaign's wording, sorted (computed once, at logging)."""
        return " ".join(sorted(self.knowledge.engine.curated.key(question))) or question.strip()

    def _backfill_topics(self) -> None:
        """Rows logged before the topic column existed get theirs now, once."""
        rows = self.db.execute("SELECT id, question FROM questions WHERE topic IS NULL").fetchall()
        if rows:
            self.db.executemany("UPDATE questions SET topic = ? WHERE id = ?",
                                [(self.topic(r["question"]), r["id"]) for r in rows])

    def log(self, answer: Answer, user_id: int | None, chat_type: str) -> int:
        """Record a question and what the bot answered; returns its id (feedback buttons carry it)."""
        best = answer.best
        return self.storage.log_question(
            user_id, chat_type, answer.question, topic=self.topic(answer.question), answered=answer.answered,
            score=best.score if best else 0.0, confidence=answer.confidence,
            sentence_id=best.sentence_id if best else None, sentence=best.sentence if best else None,
            runner_up_id=answer.runners_up[0].sentence_id if answer.runners_up else None)

    # -- figures -------------------------------------------------------------------------------
    def stats(self, now: float | None = None, top: int = 5) -> dict:
        now = now or time.time()
        count = lambda sql, *a: int(self.db.execute(sql, a).fetchone()[0])  # noqa: E731
        total = count("SELECT COUNT(*) FROM questions")
        answered = count("SELECT COUNT(*) FROM questions WHERE answered = 1")
        top_questions = self.db.execute(
            "WITH grouped AS (SELECT topic, COUNT(*) AS n, MAX(id) AS last_id FROM questions GROUP BY topic)"
            " SELECT q.question AS wording, g.n FROM grouped g JOIN questions q ON q.id = g.last_id"
            " ORDER BY g.n DESC, g.last_id DESC LIMIT ?", (top,)).fetchall()
        served = self.db.execute("SELECT sentence, COUNT(*) AS n FROM questions WHERE answered = 1 "
                                 "GROUP BY sentence_id ORDER BY n DESC, MAX(id) DESC LIMIT ?", (top,)).fetchall()
        feedback = self.storage.feedback_counts()
        active, inactive = AnnouncementStore(self.storage).subscriber_counts()
        return {
            "day": count("SELECT COUNT(*) FROM questions WHERE ts >= ?", now - DAY),
            "week": count("SELECT COUNT(*) FROM questions WHERE ts >= ?", now - 7 * DAY),
            "total": total, "answered": answered,
            "answered_share": answered / total if total else 0.0,
            "up": feedback.get(1, 0), "down": feedback.get(-1, 0),
            "active": active, "inactive": inactive,
            "announcements": count("SELECT COUNT(*) FROM announcements WHERE status IN ('done', 'recalled')"),
            "top_questions": [(r["wording"], int(r["n"])) for r in top_questions],
            "top_passages": [(r["sentence"], int(r["n"])) for r in served],
        }

    def per_day(self, days: int = 14, now: float | None = None) -> list[tuple[str, int]]:
        tz = self.knowledge.config.tz
        today = dt.datetime.fromtimestamp(now or time.time(), tz).date()
        counts = Counter(dt.datetime.fromtimestamp(r[0], tz).date()
                         for r in self.db.execute("SELECT ts FROM questions WHERE ts >= ?",
                                                  ((now or time.time()) - days * DAY,)))
        return [((d := today - dt.timedelta(days=i)).strftime("%m-%d"), counts.get(d, 0))
                for i in range(days - 1, -1, -1)]

    def unanswered(self, limit: int = 10, days: int = 30) -> list[QuestionGroup]:
        rows = self.db.execute(
            "WITH missed AS ("
            "  SELECT q.id, q.topic, q.ts, q.answered,"
            "         EXISTS(SELECT 1 FROM feedback f WHERE f.question_id = q.id AND f.value = -1) AS down"
            "  FROM questions q WHERE q.ts >= ?),"
            " grouped AS ("
            "  SELECT topic, COUNT(*) AS n, SUM(down) AS downs, MAX(id) AS last_id, MAX(ts) AS last_ts"
            "  FROM missed WHERE down = 1 OR answered = 0 GROUP BY topic)"
            " SELECT g.*, q.question AS wording FROM grouped g JOIN questions q ON q.id = g.last_id"
            " ORDER BY g.last_id DESC LIMIT ?", (time.time() - days * DAY, limit)).fetchall()
        return [QuestionGroup(r["wording"], int(r["last_id"]), int(r["n"]), int(r["downs"]), float(r["last_ts"]))
                for r in rows]

    # -- curated answers -----------------------------------------------------------------------
    def curated(self) -> list[CuratedAnswer]:
        rows = self.db.execute("SELECT * FROM curated WHERE deleted = 0 ORDER BY id").fetchall()
        tz = self.knowledge.config.tz
        return [CuratedAnswer(r["id"], r["question"], r["answer"], r["author_hash"][:8],
                              dt.datetime.fromtimestamp(r["updated"], tz).strftime("%Y-%m-%d %H:%M")) for r in rows]

    def save(self, question: str, answer: str, author_id: int | None, curated_id: int | None = None) -> int:
        now = time.time()
        if curated_id is None:
            cur = self.db.execute("INSERT INTO curated(question, answer, author_hash, created, updated) "
                                  "VALUES (?,?,?,?,?)", (question, answer, self.storage.user_hash(author_id), now, now))
            curated_id = int(cur.lastrowid or 0)
        else:
            self.db.execute("UPDATE curated SET answer = ?, author_hash = ?, updated = ? WHERE id = ?",
                            (answer, self.storage.user_hash(author_id), now, curated_id))
        self._export()
        return curated_id

    def delete(self, curated_id: int) -> bool:
        cur = self.db.execute("UPDATE curated SET deleted = 1 WHERE id = ? AND deleted = 0", (curated_id,))
        self._export()
        return cur.rowcount == 1

    def get(self, curated_id: int) -> CuratedAnswer | None:
        return next((a for a in self.curated() if a.id == curated_id), None)

    def _export(self) -> None:
        save_curated(self.knowledge.curated_path, self.curated())

    # -- housekeeping --------------------------------------------------------------------------
    def purge(self, retention_days: int, now: float | None = None) -> int:
        cutoff = (now or time.time()) - retention_days * DAY
        self.db.execute("DELETE FROM feedback WHERE question_id IN (SELECT id FROM questions WHERE ts < ?)", (cutoff,))
        return self.db.execute("DELETE FROM questions WHERE ts < ?", (cutoff,)).rowcount

    def export_csv(self, path: Path) -> int:
        rows = self.db.execute(
            "SELECT q.id, q.ts, q.chat_type, q.question, q.answered, q.score, q.confidence, q.sentence, "
            "COALESCE((SELECT SUM(value) FROM feedback f WHERE f.question_id = q.id), 0) AS feedback "
            "FROM questions q ORDER BY q.id").fetchall()
        tz = self.knowledge.config.tz
        with path.open("w", newline="", encoding="utf-8-sig") as handle:  # BOM: Excel opens it as UTF-8
            writer = csv.writer(handle)
            writer.writerow(["id", "time", "chat_type", "question", "answered", "score", "confidence", "answer",
                             "feedback"])
            for r in rows:
                writer.writerow([r["id"], dt.datetime.fromtimestamp(r["ts"], tz).strftime("%Y-%m-%d %H:%M:%S"),
                                 r["chat_type"], r["question"], r["answered"], round(r["score"], 3),
                                 round(r["confidence"], 3), r["sentence"] or "", r["feedback"]])
        return len(rows)
