"""What organizers need to improve the answers: usage figures, the questions that went
unanswered (or got 👎), and curated answers.

Curated answers live in one YAML store (``bot.storage.curated``); after a change the caller
reloads the engine so it answers at once. When an unanswered question gets its answer, the
workers who asked it in a private chat are told once (``tell_askers``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from html import escape

from bot import texts
from bot.models import QuestionGroup, Stats
from bot.services.knowledge import KnowledgeService
from bot.services.ports import Notifier, Verdict
from bot.services.questions import DAY, DOWN, UP
from bot.storage.announcements import AnnouncementRepository
from bot.storage.curated import CuratedStore
from bot.storage.questions import QuestionRepository
from bot.storage.subscribers import SubscriberRepository
from knowledge.curated import CuratedAnswer


class Curation:
    def __init__(self, questions: QuestionRepository, store: CuratedStore,
                 subscribers: SubscriberRepository, announcements: AnnouncementRepository,
                 knowledge: KnowledgeService, notifier: Notifier):
        self.questions, self.store, self.notifier = questions, store, notifier
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

    def unanswered(self, limit: int = 200, days: int = 30) -> list[QuestionGroup]:
        """Unanswered or 👎 topics, without those a curated answer now covers and without small
        talk (a question with no content word, such as 你好 or 谢谢)."""
        groups = self.questions.missed(time.time() - days * DAY, limit)
        return [g for g in groups if self.knowledge.tokenizer.query_words(g.question)
                and self.knowledge.curated.match(g.question) is None]

    # -- curated answers -----------------------------------------------------------------------
    def curated(self) -> list[CuratedAnswer]:
        return self.store.all()

    def get(self, curated_id: int) -> CuratedAnswer | None:
        return next((a for a in self.store.all() if a.id == curated_id), None)

    def today(self) -> str:
        return dt.datetime.now(self.knowledge.config.tz).strftime("%Y-%m-%d")

    def _now(self) -> str:
        return dt.datetime.now(self.knowledge.config.tz).strftime("%Y-%m-%d %H:%M")

    def save(self, question: str, answer: str, author_id: int | None, curated_id: int | None = None) -> int:
        """A new curated answer (or a new text for ``curated_id``); the engine is not reloaded here."""
        author = self.questions.database.user_hash(author_id)[:8]
        if curated_id is None:
            return self.store.add(question, answer, author, self._now())
        self.store.update(curated_id, answer, author, self._now())
        return curated_id

    def attach(self, curated_id: int, question: str) -> bool:
        """Another phrasing for an existing answer (instead of a duplicate); False if it is gone."""
        return self.store.add_phrasing(curated_id, question, self._now())

    def delete(self, curated_id: int) -> bool:
        return self.store.delete(curated_id)

    def question_of(self, question_id: int) -> str | None:
        """The wording of a logged question (what 补充答案 answers)."""
        logged = self.questions.get(question_id)
        return logged.question if logged else None

    def closest(self, question: str) -> list[CuratedAnswer]:
        return self.knowledge.closest_curated(question)

    async def tell_askers(self, question_id: int, answer: str) -> int:
        """Tell each private-chat asker of this unanswered topic the organizers' answer, once;
        returns how many were told. Off with ``curation.notify_askers: false``."""
        topic = self.questions.topic_of(question_id)
        if topic is None or not self.knowledge.config.curation.notify_askers:
            return 0
        told = 0
        for chat_id, question in self.questions.take_askers(topic):
            outcome = await self.notifier.send_text(chat_id, texts.ASKER_TOLD.format(question=escape(question),
                                                                                    answer=escape(answer)))
            told += outcome.verdict is Verdict.SENT
        return told
