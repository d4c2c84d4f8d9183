"""Shared fixtures: one jieba tokenizer and one seed engine per test session (they are
immutable), temporary config folders, and the Bot API stand-in for end-to-end tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import Config, load_config
from knowledge.articles import load_folder
from knowledge.engine import Engine, EngineSettings
from knowledge.tokenizer import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "knowledge" / "articles"
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
    shutil.copytree(SEED_DIR, tmp_path / "articles")
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("articles: knowledge/articles", "articles: articles")
    text = text.replace("path: var/luban.sqlite3", "path: data/bot.sqlite3")
    (tmp_path / "config.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def config(project: Path) -> Config:
    return load_config(project / "config.yaml")
