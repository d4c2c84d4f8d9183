"""Shared fixtures: one jieba tokenizer and one seed engine per test session (they are
immutable), temporary config folders, and the Bot API stand-in for end-to-end tests."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from bot.config import Config, load_config
from knowledge.articles import load_folder
from knowledge.engine import Engine, EngineSettings
from knowledge.tokenizer import Tokenizer
from tests.helpers import ORGANIZER, ORGANIZER_2, ROOT, SEED_DIR, write_project  # noqa: F401

SEED_ARTICLE = SEED_DIR / "luban-day-article.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def tokenizer() -> Tokenizer:
    return Tokenizer()


@pytest.fixture(scope="session")
def engine(tokenizer: Tokenizer) -> Engine:
    return Engine(load_folder(SEED_DIR), tokenizer, EngineSettings())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of config.yaml and the seed articles in a temporary folder, with its own database."""
    write_project(tmp_path)
    return tmp_path


@pytest.fixture
def config(project: Path) -> Config:
    return load_config(project / "config.yaml")


@pytest.fixture
async def standin():
    from tests.standin import StandIn

    server = await StandIn().start()
    yield server
    await server.stop()


@contextlib.asynccontextmanager
async def bot_running(config: Config, standin, tokenizer: Tokenizer):
    """The real Application, polling the stand-in over HTTP, with a real SQLite file."""
    from bot.app import build_application
    from bot.runner import make_deps

    deps = make_deps(config, tokenizer)
    application = build_application(config, deps, token=standin.token, base_url=standin.base_url)
    await application.initialize()
    await application.post_init(application)
    await application.start()
    await application.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield standin, application, deps
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        deps.storage.close()


@pytest.fixture
async def running_bot(config: Config, standin, tokenizer: Tokenizer):
    async with bot_running(config, standin, tokenizer) as running:
        yield running
