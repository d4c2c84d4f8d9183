"""Index terms per article, kept on disk so a restart or /reload runs jieba only on what changed.

Segmenting is most of an engine build (at 100k sentences, tens of seconds), and the knowledge
rarely changes between two starts. Each article's terms are one record, keyed by the article's
content hash, in one append-only file inside a folder named by the tokenizer's data hash
(dictionary, stopwords, synonyms, jieba version and this format's version): a changed article
gets a new record, a changed dictionary a new folder (the old folders are removed).

One file rather than one small JSON file per article: at 100k sentences (8,000 articles) reading
and parsing 8,000 JSON files took 0.7 s of a warm start and writing them 1 s of a cold build;
the whole file is read once (its records are parsed only when asked for) and a build's new
records are appended in one write. A record is a header line ``\\x1d<key>\\t<sentences>\\t<length>``
and then ``length`` characters: the title's terms and each sentence's terms, one line each,
tab-separated. A record that is cut short (a crash while appending) or does not fit is
ignored, and its article written again; when most records belong to articles no longer in the
knowledge, the file is rewritten with the current ones only.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Collection, Sequence
from pathlib import Path

from knowledge.atomic_file import write_atomically

FORMAT_VERSION = 4  # 2: ordinal class terms (第#届); 3: campaign words weigh like common words; 4: one log file
LOG_NAME = "terms.log"
_RECORD = "\x1d"  # starts a record header; no term holds it, nor a tab or a line break
_HEADER = re.compile("\x1d([0-9a-f]{32})\t([0-9]+)\t([0-9]+)\n")


def content_hash(title: str, sentences: Sequence[str]) -> str:
    """What the cached terms depend on in the article: its title and its sentences' texts."""
    return hashlib.sha256("\x00".join((title, *sentences)).encode("utf-8")).hexdigest()[:32]


class TokenCache:
    """Cached article terms: ``(title terms, terms per sentence)`` by content hash.

    ``get`` and ``put`` during a build, then ``flush`` once: it appends the new records and lets
    go of the file's text."""

    def __init__(self, folder: Path, data_hash: str):
        self.folder = folder / f"tokens-v{FORMAT_VERSION}-{data_hash[:16]}"
        self.hits = self.misses = 0
        self._text: str | None = None
        self._records: dict[str, tuple[int, int, int, int]] = {}  # key -> (sentences, record, body, end)
        self._pending: dict[str, str] = {}  # key -> record, to be written
        self._damaged = False

    @property
    def path(self) -> Path:
        return self.folder / LOG_NAME

    def _load(self) -> str:
        if self._text is None:
            try:
                self._text = self.path.read_text(encoding="utf-8")
            except FileNotFoundError:
                self._text = ""
            except (OSError, UnicodeDecodeError):
                self._text, self._damaged = "", True
            covered = 0
            for match in _HEADER.finditer(self._text):
                start, end = match.end(), match.end() + int(match.group(3))
                if match.start() != covered:
                    self._damaged = True  # something between records that is none
                if end > len(self._text) or (end < len(self._text) and self._text[end] != _RECORD):
                    self._damaged = True  # cut short, or longer than it says
                    covered = match.end()
                    continue
                self._records[match.group(1)] = (int(match.group(2)), match.start(), start, end)
                covered = end
            if covered != len(self._text):
                self._damaged = True
        return self._text

    def get(self, key: str, n_sentences: int) -> tuple[list[str], list[list[str]]] | None:
        """The article's cached terms, or None when missing, unreadable or not of this article."""
        text = self._load()
        record = self._records.get(key)
        if record is None or record[0] != n_sentences:
            self.misses += 1
            self._damaged = self._damaged or record is not None  # of another text: not to be kept
            return None
        lines = text[record[2]:record[3]].split("\n")
        if len(lines) != n_sentences + 2 or lines[-1]:
            self.misses += 1
            self._damaged = True
            return None
        self.hits += 1
        terms = [line.split("\t") if line else [] for line in lines[:-1]]
        return terms[0], terms[1:]

    def put(self, key: str, title: list[str], sentences: list[list[str]]) -> None:
        """Keep an article's terms for ``flush``; terms the format cannot hold are not kept."""
        groups = [title, *sentences]
        body = "\n".join(map("\t".join, groups)) + "\n"
        # a term with a tab or a line break adds one; an empty one leaves two tabs together, one
        # at a line's edge, or a line that reads back as no term at all
        tabs = sum(map(len, groups)) - (len(groups) - groups.count([]))
        if _RECORD in body or body.count("\n") != len(groups) or body.count("\t") != tabs or [""] in groups \
                or "\t\t" in body or "\n\t" in body or "\t\n" in body or body.startswith("\t"):
            return  # terms the format cannot hold
        self._pending[key] = f"{_RECORD}{key}\t{len(sentences)}\t{len(body)}\n{body}"

    def flush(self, used: Collection[str] | None = None) -> None:
        """Write the records put since the last flush. ``used``, the keys of every article of the
        knowledge when the caller knows them all: when most stored records are of other
        articles, or the file is damaged, it is rewritten with these (and the new) ones only.
        A full or read-only disk only costs the caching."""
        if self._text is None and not self._pending:
            return  # nothing asked for, nothing new: the file need not even be read
        text = self._load()
        pending, self._pending = self._pending, {}
        stale = used is not None and len(self._records) > 2 * max(len(used), 1)
        try:
            if stale or self._damaged:
                keep = [k for k in dict.fromkeys(used if used is not None else self._records) if k not in pending]
                kept = [text[self._records[k][1]:self._records[k][3]] for k in keep if k in self._records]
                self._rewrite("".join(kept) + "".join(pending.values()))
            elif pending:
                self._prepare()
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    os.write(fd, "".join(pending.values()).encode("utf-8"))  # one write: appends do not interleave
                finally:
                    os.close(fd)
        except OSError:
            pass
        self._text, self._records, self._damaged = None, {}, False

    def _rewrite(self, text: str) -> None:
        """Replace the file atomically, so a crash never leaves half of it."""
        self._prepare()
        write_atomically(self.path, text)

    def _prepare(self) -> None:
        """Create this data hash's folder and drop the folders of other dictionaries or formats."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for other in self.folder.parent.glob("tokens-*"):
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
