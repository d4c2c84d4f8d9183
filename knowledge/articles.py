"""Articles as files: a raw scraped ``.txt`` and an optional ``.meta.yaml`` sidecar beside it.

The ``.txt`` stays exactly as scraped so that re-scraping replaces it wholesale; what the scrape
cannot tell (source, authors, date, sample questions) lives in the sidecar. Adding an article is
dropping files into the folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.cleaning import DEFAULT_FURNITURE, clean_article

META_KEYS = {"title", "source", "authors", "date", "url", "sample_questions"}


class ArticleError(ValueError):
    """An article or its sidecar cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Source:
    """Where an answer comes from, as shown under it."""

    title: str
    source: str = ""
    date: str = ""
    authors: tuple[str, ...] = ()
    url: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"title": self.title, "source": self.source, "date": self.date,
                "authors": list(self.authors), "url": self.url}


@dataclass(frozen=True)
class Article:
    id: str
    source: Source
    paragraphs: tuple[str, ...]
    sample_questions: tuple[str, ...] = ()


def _read_meta(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ArticleError(f"{path.name}: not valid UTF-8 YAML ({exc.__class__.__name__})") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"{path.name}: expected a mapping of {', '.join(sorted(META_KEYS))}")
    unknown = set(meta) - META_KEYS
    if unknown:
        raise ArticleError(f"{path.name}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
                           f"allowed: {', '.join(sorted(META_KEYS))}")
    for key in ("authors", "sample_questions"):
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ArticleError(f"{path.name}: {key} must be a list of strings")
    return meta


def load_article(path: Path, furniture: Sequence[str] = DEFAULT_FURNITURE) -> Article:
    """Read and clean one scraped article with its sidecar metadata."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ArticleError(f"{path.name}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise ArticleError(f"{path.name}: cannot be read ({exc.strerror})") from None
    meta = _read_meta(path.with_suffix(".meta.yaml"))
    title = meta.get("title")
    clean = clean_article(raw, title=str(title) if title else None, furniture=furniture)
    if not clean.paragraphs:
        raise ArticleError(f"{path.name}: no text left after cleaning")
    source = Source(
        title=clean.title,
        source=str(meta.get("source", "")),
        date=str(meta.get("date", "")),
        authors=_strings(meta, "authors"),
        url=str(meta.get("url", "")),
    )
    return Article(id=path.stem, source=source, paragraphs=clean.paragraphs,
                   sample_questions=_strings(meta, "sample_questions"))


def _strings(meta: dict[str, object], key: str) -> tuple[str, ...]:
    """A list-of-strings field (checked by ``_read_meta``) as a tuple."""
    value = meta.get(key, [])
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def load_folder(folder: Path, furniture: Sequence[str] = DEFAULT_FURNITURE) -> list[Article]:
    """Every ``*.txt`` article in the folder, in name order, so ids and rankings are stable."""
    if not folder.is_dir():
        raise ArticleError(f"knowledge folder {folder} does not exist")
    return [load_article(path, furniture) for path in sorted(folder.glob("*.txt"))]
