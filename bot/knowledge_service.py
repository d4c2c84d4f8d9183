"""The engine the bot and the shell share, built from the configured knowledge folder.

The service holds the current engine behind one attribute so a reload can build a new one
beside it and swap it in with a single assignment: questions in flight keep the old engine,
new ones get the new one, and a broken file leaves the old one serving.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from bot import texts
from bot.announcement_store import AnnouncementStore
from bot.config import Config
from bot.storage import Storage
from knowledge.answer import Answer
from knowledge.articles import Article, Source, load_folder
from knowledge.engine import Engine
from knowledge.normalize import clean_line
from knowledge.tokenizer import Tokenizer


@dataclass(frozen=True)
class LoadReport:
    articles: int
    passages: int
    sentences: int
    seconds: float


class KnowledgeService:
    def __init__(self, config: Config, tokenizer: Tokenizer | None = None, storage: Storage | None = None):
        self.config = config
        self.tokenizer = tokenizer or Tokenizer()
        self.storage = storage
        self.engine, self.last_load = self._build()

    def _announcement_articles(self) -> list[Article]:
        """Sent announcements, so a worker who asks about one later finds it (source 「通知」)."""
        if self.storage is None:
            return []
        articles = []
        for row in AnnouncementStore(self.storage).delivered_announcements():
            date = dt.datetime.fromtimestamp(row["finished"] or row["created"], self.config.tz).strftime("%Y-%m-%d")
            paragraphs = tuple(line for line in (clean_line(x) for x in row["text"].splitlines()) if line)
            if paragraphs:
                articles.append(Article(f"announcement-{row['id']}",
                                        Source(title=f"{texts.ANNOUNCEMENT_SOURCE} #{row['id']}",
                                               source=texts.ANNOUNCEMENT_SOURCE, date=date), paragraphs))
        return articles

    def _build(self) -> tuple[Engine, LoadReport]:
        started = time.perf_counter()
        articles = load_folder(self.config.knowledge.articles, self.config.knowledge.furniture)
        articles += self._announcement_articles()
        engine = Engine(articles, self.tokenizer, self.config.engine)
        corpus = engine.corpus
        report = LoadReport(len(corpus.articles), len(corpus.passages), len(corpus.sentences),
                            time.perf_counter() - started)
        return engine, report

    def reload(self) -> LoadReport:
        """Rebuild from disk and swap atomically; on error the old engine keeps serving."""
        engine, report = self._build()
        self.engine, self.last_load = engine, report
        return report

    def ask(self, question: str, *, explain: bool = False) -> Answer:
        return self.engine.ask(question, explain=explain)

    @property
    def samples(self) -> tuple[str, ...]:
        return self.engine.suggestion_pool
