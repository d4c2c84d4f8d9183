"""What organizers need to improve the answers: usage figures, the questions that went
unanswered (or got 👎), and curated answers.

Curated answers are written to SQLite and exported to the YAML file the engine reads, so either
survives the loss of the other; saving one reloads the engine so it answers at once.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

from bot.models import CuratedRow, QuestionGroup, Stats
from bot.services.knowledge import KnowledgeService
from bot.services.questions import DAY, DOWN, UP
from bot.storage.announcements import AnnouncementRepository
from bot.storage.curated import CuratedRepository
from bot.storage.questions import QuestionRepository
from bot.storage.subscribers import SubscriberRepository
from knowledge.curated import CuratedAnswer, save_curated


class Curation:
    def __init__(self, questions: QuestionRepository, curated: CuratedRepository,
                 subscribers: SubscriberRepository, announcements: AnnouncementRepository,
                 knowledge: KnowledgeService):
        self.questions, self.curated_answers = questions, curated
        self.subscribers, self.announcements = subscribers, announcements
        self.knowledge = knowledge

    # -- figures -------------------------------------------------------------------------------
    def stats(self, now: float | None = None, top: int = 5) -> Stats:
        now = now or time.time()
        total, answered = self.questions.count(), self.questions.count(answered_only=True)
        feedback = self.questions.feedback_counts()
        subscribers = self.subscribers.counts()
        return Stats(
            day=self.questions.count(now - DAY), week=self.questions.count(now - 7 * DAY),
            total=total, answered=answered, answered_share=answered / total if total else 0.0,
            up=feedback.get(UP, 0), down=feedback.get(DOWN, 0),
            active=subscribers.active, inactive=subscribers.inactive,
            announcements=self.announcements.count_sent(),
            top_questions=tuple(self.questions.top_topics(top)),
            top_passages=tuple(self.questions.top_sentences(top)))

    def per_day(self, days: int = 14, now: float | None = None) -> list[tuple[str, int]]:
        """Questions per calendar day (configured time zone), oldest first, today last."""
        tz, now = self.knowledge.config.tz, now or time.time()
        today = dt.datetime.fromtimestamp(now, tz).date()
        counts = Counter(dt.datetime.fromtimestamp(ts, tz).date()
                         for ts in self.questions.timestamps(now - days * DAY))
        return [((d := today - dt.timedelta(days=i)).strftime("%m-%d"), counts.get(d, 0))
                for i in range(days - 1, -1, -1)]

    def unanswered(self, limit: int = 10, days: int = 30) -> list[QuestionGroup]:
        return self.questions.missed(time.time() - days * DAY, limit)

    # -- curated answers -----------------------------------------------------------------------
    def _shown(self, row: CuratedRow) -> CuratedAnswer:
        updated = dt.datetime.fromtimestamp(row.updated, self.knowledge.config.tz).strftime("%Y-%m-%d %H:%M")
        return CuratedAnswer(row.id, row.question, row.answer, row.author_hash[:8], updated)

    def curated(self) -> list[CuratedAnswer]:
        return [self._shown(row) for row in self.curated_answers.all()]

    def get(self, curated_id: int) -> CuratedAnswer | None:
        return next((a for a in self.curated() if a.id == curated_id), None)

    def save(self, question: str, answer: str, author_id: int | None, curated_id: int | None = None) -> int:
        """A new curated answer (or a new text for ``curated_id``); the engine is not reloaded here."""
        if curated_id is None:
            curated_id = self.curated_answers.add(question, answer, author_id)
        else:
            self.curated_answers.update(curated_id, answer, author_id)
        self._export()
        return curated_id

    def delete(self, curated_id: int) -> bool:
        deleted = self.curated_answers.delete(curated_id)
        self._export()
        return deleted

    def question_of(self, question_id: int) -> str | None:
        """The wording of a logged question (what 补充答案 answers)."""
        logged = self.questions.get(question_id)
        return logged.question if logged else None

    def _export(self) -> None:
        save_curated(self.knowledge.curated_path, self.curated())
