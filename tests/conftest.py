"""Shared fixtures: one jieba tokenizer and one seed engine per test session (they are
immutable), temporary projects with their own settings and database, real services on that
database, and the Bot API stand-in with the real Application for end-to-end tests."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.container import Deps
from bot.telegram.app import Overrides
from bot.telegram.pacing import Pacing
from handlers.replying import ReplyPolicy
from knowledge.articles import load_folder
from knowledge.engine import Engine, EngineSettings
from knowledge.tokenizer import Tokenizer
from tests.helpers import ORGANIZER, ORGANIZER_2, ROOT, SEED_DIR, project_config, write_project  # noqa: F401

SEED_ARTICLE = SEED_DIR / "luban-day-article.txt"
SHARED = ROOT.parent / "shared"
# No production pacing (a group's sixth message in a minute waits 4 s) in tests.
FAST = Overrides(pacing=Pacing(overall_per_second=1000, group_burst=1000, group_per_minute=1_000_000),
                 replies=ReplyPolicy(backoff=0.01, max_backoff=0.05))


@pytest.fixture(scope="session")
def tokenizer() -> Tokenizer:
    from bot.services.knowledge import shared_tokenizer

    return shared_tokenizer()  # the one in-process commands (tests/cli.py) get too


@pytest.fixture(scope="session")
def engine(tokenizer: Tokenizer) -> Engine:
    return Engine(load_folder(SEED_DIR), tokenizer, EngineSettings())


@pytest.fixture(scope="session")
def on_nov_26(tokenizer: Tokenizer) -> Engine:
    """The seed engine on 2026-11-26: countdowns have a fixed today (197 days to 2027-06-11)."""
    return Engine(load_folder(SEED_DIR), tokenizer, today=lambda: dt.date(2026, 11, 26))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """config.yaml and the seed articles in a temporary folder, with its own database."""
    write_project(tmp_path)
    return tmp_path


@pytest.fixture
def config(project: Path) -> Config:
    return project_config(project)


@pytest.fixture
async def standin():
    from tests.standin import StandIn

    server = await StandIn().start()
    yield server
    await server.stop()


@contextlib.asynccontextmanager
async def bot_running(config: Config, standin, tokenizer: Tokenizer, overrides: Overrides = FAST,
                      **changes: Any) -> AsyncIterator[tuple]:
    """The real Application, polling the stand-in over HTTP, with a real SQLite file; ``changes``
    are settings on top of the test project's."""
    from bot.telegram.app import assemble

    application, deps = assemble(project_config(config.base_dir, standin, **changes), tokenizer=tokenizer,
                                 overrides=overrides)
    await application.initialize()
    await application.post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield standin, application, deps
    finally:
        await application.updater.stop()
        await application.stop()
        await application.post_stop(application)
        await application.shutdown()
        deps.close()


@pytest.fixture
async def running_bot(config: Config, standin, tokenizer: Tokenizer):
    async with bot_running(config, standin, tokenizer) as running:
        yield running


class Harness:
    """The real Application and services without polling: each update is built offline
    (``Update.de_json``) and processed to completion, so a test needs no waiting; replies still
    go over HTTP to the stand-in."""

    def __init__(self, application, deps: Deps, standin):
        self.application, self.deps, self.standin = application, deps, standin
        self._ids = itertools.count(1)

    async def feed(self, raw: dict) -> None:
        from telegram import Update

        update = Update.de_json({"update_id": next(self._ids), **raw}, self.application.bot)
        await self.application.process_update(update)

    async def say(self, chat_id: int, text: str, **kwargs) -> list[dict]:
        """Send a message; returns what the bot sent to that chat in answer."""
        from tests import updates as u

        before = len(self.standin.messages_to(chat_id))
        await self.feed(u.message(chat_id, text, **kwargs))
        return self.standin.messages_to(chat_id)[before:]


@pytest.fixture
async def harness(config: Config, standin, tokenizer: Tokenizer) -> AsyncIterator[Harness]:
    from bot.telegram.app import assemble

    application, deps = assemble(project_config(config.base_dir, standin), tokenizer=tokenizer, overrides=FAST)
    await application.initialize()
    try:
        yield Harness(application, deps, standin)
    finally:
        await deps.broadcasts.stop()
        await application.shutdown()
        deps.close()
