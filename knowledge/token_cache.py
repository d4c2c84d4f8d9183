"""Index terms per article, kept on disk so a restart or /reload runs jieba only on what changed.

Segmenting is most of an engine build (at 100k sentences, tens of seconds), and the knowledge
rarely changes between two starts. Each article's terms are stored in one small JSON file named
by the article's content hash, inside a folder named by the tokenizer's data hash (dictionary,
stopwords, synonyms, jieba version and this format's version): a changed article gets a new
name, a changed dictionary a new folder (the old folders are removed). Files are written to a
temporary name and renamed, so a crash never leaves half a file; a file that cannot be read or
does not fit the article is ignored and written again.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

FORMAT_VERSION = 3  # 2: ordinal class terms (第#届); 3: campaign words weigh like common words


def content_hash(title: str, sentences: Sequence[str]) -> str:
    """What the cached terms depend on in the article: its title and its sentences' texts."""
    digest = hashlib.sha256(title.encode("utf-8"))
    for text in sentences:
        digest.update(b"\x00")
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:32]


class TokenCache:
    """Cached article terms: ``(title terms, terms per sentence)`` by content hash."""

    def __init__(self, folder: Path, data_hash: str):
        self.folder = folder / f"tokens-v{FORMAT_VERSION}-{data_hash[:16]}"
        self.hits = self.misses = 0
        self._prepared = False

    def _prepare(self) -> None:
        """Create this data hash's folder and drop the folders of other dictionaries or formats."""
        if self._prepared:
            return
        self._prepared = True
        self.folder.mkdir(parents=True, exist_ok=True)
        for other in self.folder.parent.glob("tokens-*"):
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)

    def get(self, key: str, n_sentences: int) -> tuple[list[str], list[list[str]]] | None:
        """The article's cached terms, or None when missing, unreadable or not of this article."""
        path = self.folder / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            title, sentences = data["title"], data["sentences"]
            if data["key"] != key or len(sentences) != n_sentences or type(title) is not list \
                    or not all(type(s) is list for s in sentences):
                raise ValueError("does not fit")
            "".join(title), "".join(itertools.chain.from_iterable(sentences))  # TypeError unless all terms are str
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.hits += 1
        return title, sentences

    def put(self, key: str, title: list[str], sentences: list[list[str]]) -> None:
        """Store an article's terms atomically; a full or read-only disk only costs the caching."""
        try:
            self._prepare()
            text = json.dumps({"key": key, "title": title, "sentences": sentences}, ensure_ascii=False,
                              separators=(",", ":"))
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(tmp, self.folder / f"{key}.json")
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            pass

