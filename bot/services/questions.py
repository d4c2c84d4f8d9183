"""The question log and feedback: every question asked, what was answered, and 👍/👎.

Questions are grouped by their content words in the campaign's wording (the curated matcher's
key), so 「纪念馆几点开门」 and 「鲁班纪念馆几点开门?」 count as one topic; the key is computed once,
when the question is logged.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import sqlite3
import time
from pathlib import Path

from bot.models import LoggedQuestion
from bot.services.knowledge import KnowledgeService
from bot.storage.questions import QuestionRepository
from knowledge.answer import Answer, Candidate

log = logging.getLogger("luban.questions")
DAY = 86400.0
UP, DOWN = 1, -1
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_HEADER = ["id", "time", "chat_type", "question", "answered", "score", "confidence", "answer", "feedback"]


class QuestionLog:
    def __init__(self, questions: QuestionRepository, knowledge: KnowledgeService):
        self.questions, self.knowledge = questions, knowledge

    def topic(self, question: str) -> str:
        """The grouping key: content words in the campaign's wording, sorted."""
        return " ".join(sorted(self.knowledge.engine.curated.key(question))) or question.strip()

    def backfill_topics(self) -> int:
        """Give rows logged before topics existed theirs (run once at start-up)."""
        return self.questions.backfill_topics(self.topic)

    def _keys(self, answer: Answer) -> tuple[str | None, str | None]:
        engine, best = self.knowledge.engine, answer.best
        return (engine.sentence_key(best.sentence_id) if best else None,
                engine.sentence_key(answer.runners_up[0].sentence_id) if answer.runners_up else None)

    def log(self, answer: Answer, user_id: int | None, chat_type: str, chat_id: int | None = None) -> int:
        """Record a question and what the bot answered, on the calling thread; returns its id.

        The chat id is kept only for an unanswered question asked in a private chat: that asker is
        told when an organizer answers it (``Curation``), and nobody else is ever reached back."""
        best = answer.best
        private = chat_id if chat_type == "private" and not answer.answered else None
        sentence_key, runner_up_key = self._keys(answer)
        return self.questions.add(
            user_id, chat_type, answer.question, topic=self.topic(answer.question), answered=answer.answered,
            score=best.score if best else 0.0, confidence=answer.confidence,
            sentence_id=best.sentence_id if best else None, sentence=best.sentence if best else None,
            runner_up_id=None, sentence_key=sentence_key, runner_up_key=runner_up_key, private_chat_id=private)

    async def record(self, answer: Answer, user_id: int | None, chat_type: str,
                     chat_id: int | None = None) -> int | None:
        """Log a question without ever holding up its answer: written off the event loop with a
        short busy timeout; a locked or full database costs the row (a warning), and None is returned.
        ``chat_id`` is kept as in :meth:`log`."""
        best = answer.best
        private = chat_id if chat_type == "private" and not answer.answered else None
        sentence_key, runner_up_key = self._keys(answer)
        try:
            return await self.questions.add_in_background(
                user_id, chat_type, answer.question, topic=self.topic(answer.question), answered=answer.answered,
                score=best.score if best else 0.0, confidence=answer.confidence, sentence_key=sentence_key,
                sentence=best.sentence if best else None, runner_up_key=runner_up_key, private_chat_id=private)
        except sqlite3.Error as exc:
            log.warning("question not logged (the answer is sent anyway): %s", exc)
            return None

    def get(self, question_id: int) -> LoggedQuestion | None:
        return self.questions.get(question_id)

    def runner_up(self, question_id: int) -> Answer | None:
        """The logged question answered with the runner-up sentence it was offered, found by its
        stable id; None when that sentence is gone (or the row predates stable ids)."""
        logged = self.questions.get(question_id)
        if logged is None or logged.runner_up_key is None:
            return None
        engine = self.knowledge.engine
        candidate: Candidate | None = engine.candidate_by_key(logged.runner_up_key)
        return engine.answer_from(logged.question, candidate) if candidate is not None else None

    async def feedback(self, question_id: int, user_id: int | None, value: int) -> bool:
        """👍 (1) or 👎 (-1), written off the event loop; False for an unknown question or value, or
        when the database cannot take it now (logged as a warning)."""
        if value not in (UP, DOWN):
            return False
        try:
            return await self.questions.record_feedback_in_background(question_id, user_id, value)
        except sqlite3.Error as exc:
            log.warning("feedback not recorded: %s", exc)
            return False

    def feedback_counts(self) -> dict[int, int]:
        return self.questions.feedback_counts()

    def question_count(self) -> int:
        return self.questions.count()

    def purge(self, retention_days: int, now: float | None = None) -> int:
        """Forget questions (and their feedback) older than the retention period."""
        return self.questions.purge((now or time.time()) - retention_days * DAY)

    def export_csv(self, path: Path) -> int:
        rows = self.questions.export_rows()
        tz = self.knowledge.config.tz
        with path.open("w", newline="", encoding="utf-8-sig") as handle:  # BOM: Excel opens it as UTF-8
            writer = csv.writer(handle)
            writer.writerow(EXPORT_HEADER)
            for r in rows:
                writer.writerow([r.id, dt.datetime.fromtimestamp(r.ts, tz).strftime("%Y-%m-%d %H:%M:%S"),
                                 safe_cell(r.chat_type), safe_cell(r.question), r.answered, round(r.score, 3),
                                 round(r.confidence, 3), safe_cell(r.sentence or ""), r.feedback])
        return len(rows)


def safe_cell(text: str) -> str:
    """OWASP's CSV-injection rule: a cell a spreadsheet would read as a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR first) gets a leading apostrophe, so Excel shows it as text. Worker
    questions are untrusted input and the export is opened in Excel."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
