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

    def _key(self, question: str) -> str:
        key = self.knowledge.engine.curated.key(question)
        return " ".join(sorted(key)) or question.strip()

    # -- figures -------------------------------------------------------------------------------
    def stats(self, now: float | None = None, top: int = 5) -> dict:
        now = now or time.time()
        count = lambda sql, *a: int(self.db.execute(sql, a).fetchone()[0])  # noqa: E731
        total = count("SELECT COUNT(*) FROM questions")
        answered = count("SELECT COUNT(*) FROM questions WHERE answered = 1")
        groups = Counter(self._key(r["question"]) for r in self.db.execute("SELECT question FROM questions"))
        wording = {self._key(r["question"]): r["question"]
                   for r in self.db.execute("SELECT question FROM questions ORDER BY id")}
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
            "top_questions": [(wording[k], n) for k, n in groups.most_common(top)],
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
            "SELECT q.id, q.question, q.ts, q.answered, "
            "       EXISTS(SELECT 1 FROM feedback f WHERE f.question_id = q.id AND f.value = -1) AS down "
            "FROM questions q WHERE q.ts >= ? ORDER BY q.id DESC", (time.time() - days * DAY,)).fetchall()
        groups: dict[str, dict] = {}
        for r in rows:
            if r["answered"] and not r["down"]:
                continue
            g = groups.setdefault(self._key(r["question"]), {"question": r["question"], "id": r["id"], "count": 0,
                                                             "down": 0, "ts": r["ts"]})
            g["count"] += 1
            g["down"] += int(r["down"])
        return [QuestionGroup(g["question"], g["id"], g["count"], g["down"], g["ts"]) for g in groups.values()][:limit]

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
