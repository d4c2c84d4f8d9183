"""The question log and feedback: every question asked, what was answered, and 👍/👎.

Questions are grouped by their content words in the campaign's wording (the curated matcher's
key), so 「纪念馆几点开门」 and 「鲁班纪念馆几点开门?」 count as one topic; the key is computed once,
when the question is logged.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path

from bot.models import LoggedQuestion
from bot.services.knowledge import KnowledgeService
from bot.storage.questions import QuestionRepository
from knowledge.answer import Answer, Candidate

DAY = 86400.0
UP, DOWN = 1, -1
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

    def log(self, answer: Answer, user_id: int | None, chat_type: str, chat_id: int | None = None) -> int:
        """Record a question and what the bot answered; returns its id (feedback buttons carry it).

        The chat id is kept only for an unanswered question asked in a private chat: that asker is
        told when an organizer answers it (``Curation``), and nobody else is ever reached back."""
        best = answer.best
        private = chat_id if chat_type == "private" and not answer.answered else None
        return self.questions.add(
            user_id, chat_type, answer.question, topic=self.topic(answer.question), answered=answer.answered,
            score=best.score if best else 0.0, confidence=answer.confidence,
            sentence_id=best.sentence_id if best else None, sentence=best.sentence if best else None,
            runner_up_id=answer.runners_up[0].sentence_id if answer.runners_up else None, private_chat_id=private)

    def get(self, question_id: int) -> LoggedQuestion | None:
        return self.questions.get(question_id)

    def runner_up(self, question_id: int) -> Answer | None:
        """The logged question answered with its runner-up sentence; None when that is gone."""
        logged = self.questions.get(question_id)
        if logged is None or logged.runner_up_id is None:
            return None
        engine = self.knowledge.engine
        candidate: Candidate | None = engine.candidate(logged.runner_up_id)
        return engine.answer_from(logged.question, candidate) if candidate is not None else None

    def feedback(self, question_id: int, user_id: int | None, value: int) -> bool:
        """👍 (1) or 👎 (-1); False for an unknown question or value."""
        return value in (UP, DOWN) and self.questions.record_feedback(question_id, user_id, value)

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
                                 r.chat_type, r.question, r.answered, round(r.score, 3), round(r.confidence, 3),
                                 r.sentence or "", r.feedback])
        return len(rows)
