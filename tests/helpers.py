"""Test and benchmark helpers that are not fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "knowledge" / "articles"
ORGANIZER, ORGANIZER_2 = 900, 901


def write_project(folder: Path) -> Path:
    """config.yaml and the seed articles copied into ``folder``, with its own database and two
    organizers; returns the config path."""
    shutil.copytree(SEED_DIR, folder / "articles")
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text = text.replace("articles: knowledge/articles", "articles: articles")
    text = text.replace("path: var/luban.sqlite3", "path: data/bot.sqlite3")
    text = text.replace("organizers: []", f"organizers: [{ORGANIZER}, {ORGANIZER_2}]")
    (folder / "config.yaml").write_text(text, encoding="utf-8")
    return folder / "config.yaml"
