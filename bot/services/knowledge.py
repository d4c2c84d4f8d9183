"""The engine the bot and the shell share, built from the knowledge folder and the database.

The service holds the current engine behind one attribute. A reload builds a new engine beside
the old one (in a worker thread, so questions keep being answered) and swaps it in with a single
assignment. A broken article is skipped with a warning (``bot.services.loading``); a reload
that would leave no articles at all raises before the swap, leaving the old engine serving.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot import texts
from bot.config import Config
from bot.models import Announcement
from bot.services.loading import ArticleMemo, load_articles
from bot.services.memory import release_free_memory
from knowledge.answer import Answer
from knowledge.articles import Article, ArticleError, Source
from knowledge.curated import CURATED_FILE, CuratedAnswer, load_curated
from knowledge.curated_index import CuratedIndex
from knowledge.engine import Engine
from knowledge.normalize import clean_line
from knowledge.tokenizer import DATA_DIR, Tokenizer

RELOAD_SWITCH_INTERVAL = 0.0002  # seconds
ARTICLES_FILE = "articles.json"  # the cleaned articles, in the cache folder


@dataclass(frozen=True)
class LoadReport:
    articles: int
    passages: int
    sentences: int
    curated: int
    seconds: float
    skipped: tuple[str, ...] = ()   # "file: problem" for each article left out


class EmptyKnowledge(ArticleError):
    """A reload found no usable article: refused, the current knowledge keeps serving."""


def _data_stamp() -> tuple[float, ...]:
    return tuple(p.stat().st_mtime for p in sorted(DATA_DIR.iterdir()))


_tokenizers: dict[tuple[float, ...], Tokenizer] = {}
_tokenizers_lock = threading.Lock()


def shared_tokenizer() -> Tokenizer:
    """The process's tokenizer for the dictionary files as they are now. Loading jieba's
    dictionary costs about a second, so the services and commands of one process (and of one
    test session) share one; once the dictionary files change, the next caller gets a new one."""
    stamp = _data_stamp()
    with _tokenizers_lock:
        if stamp not in _tokenizers:
            _tokenizers.clear()
            _tokenizers[stamp] = Tokenizer()
        return _tokenizers[stamp]


def no_announcements() -> Sequence[Announcement]:
    """The source for the shell commands that have no database: articles only."""
    return ()


class KnowledgeService:
    def __init__(self, config: Config, tokenizer: Tokenizer | None = None,
                 announcements: Callable[[], Sequence[Announcement]] = no_announcements,
                 on_file: Callable[[Path], None] | None = None):
        """``announcements`` lists the sent ones; it is called from a worker thread on reloads.
        ``on_file`` hears of each article file before it is read (``run.py check`` shows progress)."""
        self.config = config
        self._delivered = announcements
        self._on_file = on_file
        self.tokenizer = tokenizer or shared_tokenizer()
        self._stamp = _data_stamp()
        # a reload, and a start with the cache kept, clean only the article files that changed
        self._memo = ArticleMemo(self.cache_dir / ARTICLES_FILE)
        self.engine, self.curated, self.last_load = self._build(self.tokenizer)
        release_free_memory()  # the build's temporaries: a 100k-sentence index frees ~130 MB

    @property
    def cache_dir(self) -> Path:
        """Article terms kept between starts (runtime data beside the database, like curated answers)."""
        return self.config.storage.path.parent / "cache"

    @property
    def curated_path(self) -> Path:
        """The curated answers' store: runtime data, beside the database, never in the checkout."""
        return self.config.storage.path.parent / CURATED_FILE

    def _announcement_articles(self) -> list[Article]:
        """Sent announcements, so a worker who asks about one later finds it (source 「通知」)."""
        articles = []
        for sent in self._delivered():
            date = dt.datetime.fromtimestamp(sent.finished or sent.created, self.config.tz).strftime("%Y-%m-%d")
            paragraphs = tuple(line for line in (clean_line(x) for x in sent.text.splitlines()) if line)
            if paragraphs:
                articles.append(Article(f"announcement-{sent.id}",
                                        Source(title=f"{texts.ANNOUNCEMENT_SOURCE} #{sent.id}",
                                               source=texts.ANNOUNCEMENT_SOURCE, date=date), paragraphs))
        return articles

    def _build(self, tokenizer: Tokenizer, *, refuse_empty: bool = False,
               previous: Engine | None = None) -> tuple[Engine, CuratedIndex, LoadReport]:
        started = time.perf_counter()
        folder = self.config.knowledge.articles
        loaded = load_articles(folder, self.config.knowledge.furniture, self._on_file, self._memo)
        if refuse_empty and not loaded.articles:
            raise EmptyKnowledge(f"no usable article (*.txt) in {folder}"
                                 + (f"; skipped: {'; '.join(loaded.skipped)}" if loaded.skipped else ""))
        articles = loaded.articles + self._announcement_articles()
        curated = load_curated(self.curated_path)
        engine = Engine(articles, tokenizer, self.config.engine,
                        today=lambda: dt.datetime.now(self.config.tz).date(),  # countdowns in config.timezone
                        cache_dir=self.cache_dir, previous=previous)
        index = CuratedIndex(curated, tokenizer, self.config.engine)
        corpus = engine.corpus
        report = LoadReport(len(corpus.articles), len(corpus.passages), len(corpus.sentences), len(curated),
                            time.perf_counter() - started, loaded.skipped)
        return engine, index, report

    def _rebuild(self) -> tuple[Tokenizer, Engine, CuratedIndex, LoadReport]:
        stamp = _data_stamp()
        tokenizer = self.tokenizer if stamp == self._stamp else Tokenizer()  # dictionary edited: reload it
        # the serving engine lends what it worked out for the unchanged articles (their terms
        # only when the dictionary data is the same): a reload segments just what changed
        engine, index, report = self._build(tokenizer, refuse_empty=True, previous=self.engine)
        self._stamp = stamp
        return tokenizer, engine, index, report

    def reload(self) -> LoadReport:
        """Rebuild from disk and swap; on error (no usable article, a bad curated file: ArticleError,
        ValueError) the old engine keeps serving. Bad articles are skipped (``LoadReport.skipped``)."""
        self.tokenizer, self.engine, self.curated, self.last_load = self._rebuild()
        release_free_memory()  # the old engine and the build's temporaries
        return self.last_load

    async def reload_async(self) -> LoadReport:
        """The same, built in a worker thread so the bot keeps answering meanwhile.

        The build is pure Python and holds the GIL; with the default 5 ms switch interval every
        socket call of the event loop would wait up to 5 ms to get it back, and answers would stall
        for the whole reload. A short interval while the build runs keeps them flowing.
        """
        interval = sys.getswitchinterval()
        sys.setswitchinterval(RELOAD_SWITCH_INTERVAL)
        try:
            tokenizer, engine, index, report = await asyncio.to_thread(self._rebuild)
        finally:
            sys.setswitchinterval(interval)
        self.tokenizer, self.engine, self.curated, self.last_load = tokenizer, engine, index, report
        await asyncio.to_thread(release_free_memory)  # the old engine and the build's temporaries
        return report

    def ask(self, question: str, *, explain: bool = False) -> Answer:
        """The articles' answer, or a curated one that matches about as well (see curated_index)."""
        engine, curated = self.engine, self.curated  # one consistent pair even if a reload swaps them
        return curated.choose(question, engine.ask(question, explain=explain), texts.CURATED_SOURCE)

    def closest_curated(self, question: str, n: int = 3) -> list[CuratedAnswer]:
        return self.curated.closest(question, n)

    @property
    def samples(self) -> tuple[str, ...]:
        return self.engine.suggestion_pool
