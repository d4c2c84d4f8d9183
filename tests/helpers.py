"""Test and benchmark helpers that are not fixtures: the test project's settings as a mapping
(parsed with ``parse_config``, or written as YAML for tests that run ``run.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from bot.config import API_BASE_URL_ENV, TOKEN_ENV, Config, parse_config

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "knowledge" / "articles"
ORGANIZER, ORGANIZER_2 = 900, 901


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in changes.items():
        merged[key] = _merge(merged.get(key) or {}, value) if isinstance(value, dict) else value
    return merged


def project_settings(**changes: Any) -> dict[str, Any]:
    """config.yaml with the project's own articles and database and two organizers, plus ``changes``
    (nested sections merge: ``telegram={"poll_timeout": 1}``)."""
    data = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    base = _merge(data, {"knowledge": {"articles": "articles"}, "storage": {"path": "data/bot.sqlite3"},
                         "organizers": [ORGANIZER, ORGANIZER_2]})
    return _merge(base, changes)


def standin_environment(standin: Any | None) -> dict[str, str]:
    """The environment that points the bot at the stand-in (empty: no token, real API address)."""
    return {} if standin is None else {TOKEN_ENV: standin.token, API_BASE_URL_ENV: standin.base_url}


def project_config(folder: Path, standin: Any | None = None, **changes: Any) -> Config:
    return parse_config(project_settings(**changes), folder, standin_environment(standin))


def write_project(folder: Path, **changes: Any) -> Path:
    """The seed articles copied into ``folder`` (once) and config.yaml written there; returns its path."""
    if not (folder / "articles").exists():
        shutil.copytree(SEED_DIR, folder / "articles")
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(project_settings(**changes), allow_unicode=True), encoding="utf-8")
    return path
