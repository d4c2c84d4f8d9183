"""The composition root: ``make_deps`` builds storage and services once, in dependency order,
into one frozen container that handlers reach through ``application.bot_data``.

Nothing here is optional or patched in later; the only outside collaborator is the messenger
(``Notifier``), which the caller builds first (the Telegram one in ``bot.telegram.app``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.config import Config
from bot.services.announcements import Announcements
from bot.services.broadcasts import Broadcasts
from bot.services.curation import Curation
from bot.services.delivery import BATCH, CONCURRENCY, Delivery
from bot.services.knowledge import KnowledgeService
from bot.services.ports import Notifier
from bot.services.questions import QuestionLog
from bot.services.subscriptions import Subscriptions
from bot.storage.announcements import AnnouncementRepository
from bot.storage.curated import CuratedStore, legacy_rows
from bot.storage.database import Database
from bot.storage.deliveries import DeliveryRepository
from bot.storage.questions import QuestionRepository
from bot.storage.subscribers import SubscriberRepository
from knowledge.articles import ArticleError
from knowledge.curated import CURATED_FILE, CuratedAnswer, load_curated
from knowledge.tokenizer import Tokenizer

DEPS_KEY = "deps"


@dataclass(frozen=True)
class Deps:
    config: Config
    database: Database
    knowledge: KnowledgeService
    questions: QuestionLog
    subscriptions: Subscriptions
    curation: Curation
    broadcasts: Broadcasts
    announcements: Announcements

    def is_organizer(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.config.organizers

    def user_hash(self, user_id: int | None) -> str:
        """How a user appears in logs: the salted hash, never the id."""
        return self.database.user_hash(user_id)

    def close(self) -> None:
        self.database.close()


def delivery_concurrency(config: Config) -> int:
    """How many copies a crash can leave uncertain (rows marked ``sending``): 8 at the free pace,
    a paid rate's twentieth (47 at 950/s). The copies in flight are that less the status batch
    plus one: 8 at the free pace, 40 at 950/s (a round trip of up to ~40 ms keeps the pace)."""
    if not config.announcements.paid_broadcast:
        return CONCURRENCY
    return max(CONCURRENCY, config.announcements.paid_rate // 20)


def delivery_batch(config: Config) -> int:
    """Status rows per SQLite transaction: one at the free pace (25/s), BATCH at a paid pace,
    where two autocommitted writes per copy cost ~0.1 ms of CPU, a fifth of a copy's (README, Scaling)."""
    return min(BATCH, delivery_concurrency(config) // 4) if config.announcements.paid_broadcast else 1


def make_deps(config: Config, notifier: Notifier, tokenizer: Tokenizer | None = None) -> Deps:
    """All services, wired once; the bot, the shell and the tests build theirs through here."""
    database = Database(config.storage.path)
    store = CuratedStore(config.storage.path.parent / CURATED_FILE)
    store.seed([*legacy_rows(database.db), *_legacy_file(config)])  # answers kept by older versions
    announcement_rows, delivery_rows = AnnouncementRepository(database), DeliveryRepository(database)
    subscriber_rows, question_rows = SubscriberRepository(database), QuestionRepository(database)
    knowledge = KnowledgeService(config, tokenizer, announcement_rows.delivered)
    questions = QuestionLog(question_rows, knowledge)
    questions.backfill_topics()
    delivery = Delivery(delivery_rows, subscriber_rows, notifier, concurrency=delivery_concurrency(config),
                        batch=delivery_batch(config))
    broadcasts = Broadcasts(announcement_rows, delivery, notifier, knowledge)
    return Deps(
        config=config, database=database, knowledge=knowledge, questions=questions,
        subscriptions=Subscriptions(subscriber_rows),
        curation=Curation(question_rows, store, subscriber_rows, announcement_rows, knowledge, notifier),
        broadcasts=broadcasts,
        announcements=Announcements(announcement_rows, delivery_rows, broadcasts, notifier, knowledge,
                                    settings=config.announcements))


def _legacy_file(config: Config) -> list[CuratedAnswer]:
    """Older versions wrote the curated answers into the articles folder (inside the checkout)."""
    try:
        return load_curated(config.knowledge.articles / CURATED_FILE)
    except ArticleError:
        return []


def get_deps(context: Any) -> Deps:
    """The container stored by ``build_application``; ``context`` is a PTB CallbackContext."""
    deps = context.application.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    return deps
