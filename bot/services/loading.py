"""Reading the knowledge folder file by file, so that one bad article never stops the rest.

A scraped article that is unreadable, not UTF-8, empty after cleaning, or whose ``.meta.yaml``
has a wrong type (``title: [1, 2]``) is skipped with a warning naming the file: the bot still
starts (and sends its scheduled announcements) and /reload still serves the other articles.
``run.py check`` lists the same problems and fails, so CI catches them before a deploy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.articles import Article, ArticleError, Source, load_article
from knowledge.atomic_file import write_atomically

log = logging.getLogger("luban.knowledge")
TEXT_KEYS = ("title", "source", "date", "url")
SCALARS = (str, int, float, dt.date)


@dataclass(frozen=True)
class Loaded:
    articles: list[Article]
    skipped: tuple[str, ...]     # one line per skipped file: "name: problem"


def _check_meta(path: Path) -> None:
    """The sidecar's single-valued keys hold text (a YAML date or number reads fine as text)."""
    meta_path = path.with_suffix(".meta.yaml")
    if not meta_path.exists():
        return
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ArticleError(f"{meta_path.name}: cannot be read as UTF-8 YAML ({exc.__class__.__name__})") from None
    if isinstance(meta, dict):
        for key in TEXT_KEYS:
            if key in meta and meta[key] is not None and not isinstance(meta[key], SCALARS):
                raise ArticleError(f"{meta_path.name}: {key} must be text, not {type(meta[key]).__name__}")


class ArticleMemo:
    """The articles of the last load by file name, with a digest of what they were read from
    (the text, the sidecar and the furniture words): a reload cleans only the files that
    changed. Cleaning is a pure function of these; at 100k sentences cleaning every file again
    (the traditional-to-simplified pass above all) took 2 s of each /reload.

    With a ``path`` the memo is also kept on disk for the next start, under a version naming
    the code and data cleaning depends on (see ``_cleaning_version``): a start with unchanged
    files then cleans none. Written whole (temporary name, rename) when the articles changed;
    a file that cannot be read, is of another version or does not fit is ignored."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._articles: dict[str, tuple[bytes, Article]] | None = None if path is not None else {}

    @staticmethod
    def digest(path: Path, furniture: Sequence[str]) -> bytes | None:
        """What the article is read from; None when it cannot be read (loaded the long way)."""
        try:
            digest = hashlib.sha256(path.read_bytes())
            meta = path.with_suffix(".meta.yaml")
            digest.update(b"\x00meta\x00" + meta.read_bytes() if meta.exists() else b"\x00no meta")
        except OSError:
            return None
        digest.update("\x00".join(("furniture", *furniture)).encode("utf-8"))
        return digest.digest()

    def get(self, name: str, digest: bytes | None) -> Article | None:
        if self._articles is None:
            self._articles = self._read()
        known = self._articles.get(name)
        return known[1] if known is not None and digest is not None and known[0] == digest else None

    def keep(self, found: dict[str, tuple[bytes, Article]]) -> None:
        """The articles of this load (the files gone or broken are forgotten)."""
        changed = found != self._articles
        self._articles = found
        if changed and self.path is not None:
            self._write()

    def _read(self) -> dict[str, tuple[bytes, Article]]:
        assert self.path is not None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["version"] != _cleaning_version():
                return {}
            return {name: (bytes.fromhex(digest), Article(id, Source(title, source, date, tuple(authors), url),
                                                          tuple(paragraphs), tuple(samples)))
                    for name, (digest, id, title, source, date, authors, url, paragraphs, samples)
                    in data["articles"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def _write(self) -> None:
        """A full or read-only disk only costs the keeping."""
        assert self.path is not None and self._articles is not None
        articles = {name: (digest.hex(), a.id, a.source.title, a.source.source, a.source.date, a.source.authors,
                           a.source.url, a.paragraphs, a.sample_questions)
                    for name, (digest, a) in self._articles.items()}
        text = json.dumps({"version": _cleaning_version(), "articles": articles}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            write_atomically(self.path, text)


@functools.cache
def _cleaning_version() -> str:
    """What a cleaned article depends on besides its files: the code that reads and cleans it
    (these modules' source), the conversion and Unicode tables, the YAML reader and Python."""
    import zhconv

    from knowledge import articles, cleaning, normalize

    digest = hashlib.sha256(f"{sys.version} {unicodedata.unidata_version} {yaml.__version__}".encode())
    zhconv_folder = Path(str(zhconv.__file__)).parent
    for path in (*(Path(str(m.__file__)) for m in (articles, cleaning, normalize, sys.modules[__name__])),
                 *sorted(zhconv_folder.glob("*.py")), *sorted(zhconv_folder.glob("*.json"))):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_articles(folder: Path, furniture: Sequence[str],
                  on_file: Callable[[Path], None] | None = None, memo: ArticleMemo | None = None) -> Loaded:
    """Every usable ``*.txt`` in name order; ``on_file`` is told before each file is read.
    With a ``memo`` (the service's, across reloads), an unchanged file's article is the one
    loaded before."""
    if not folder.is_dir():
        raise ArticleError(f"knowledge folder {folder} does not exist")
    articles: list[Article] = []
    skipped: list[str] = []
    found: dict[str, tuple[bytes, Article]] = {}
    for path in sorted(folder.glob("*.txt")):
        if on_file is not None:
            on_file(path)
        digest = ArticleMemo.digest(path, furniture) if memo is not None else None
        known = memo.get(path.name, digest) if memo is not None else None
        if known is not None and digest is not None:
            articles.append(known)
            found[path.name] = (digest, known)
            continue
        try:
            _check_meta(path)
            articles.append(load_article(path, furniture))
            if digest is not None:
                found[path.name] = (digest, articles[-1])
        except ArticleError as exc:
            skipped.append(str(exc))
        except (OSError, ValueError, TypeError, AttributeError) as exc:  # whatever else a bad file provokes
            skipped.append(f"{path.name}: cannot be used ({exc.__class__.__name__}: {exc})")
    for problem in skipped:
        log.warning("article skipped: %s", problem)
    if memo is not None:
        memo.keep(found)
    return Loaded(articles, tuple(skipped))
