"""Stable sentence ids: what a button or a question-log row may keep across reloads.

A sentence's position in the index (``Sentence.id``) changes whenever an article is added or
removed, so an old 「也可能是」 button would show an unrelated sentence. Its key is a hash of the
article id and the sentence's own text instead: the same sentence in the same article keeps its
key across reloads, and a sentence that changed or disappeared is simply not found.
"""

from __future__ import annotations

import hashlib

from knowledge.passages import Corpus

CURATED_PREFIX = "curated-"


def sentence_key(article_id: str, text: str) -> str:
    """16 hex digits: short enough for callback data, collisions negligible for a corpus this size."""
    return hashlib.blake2b(f"{article_id}\x1f{text}".encode(), digest_size=8).hexdigest()


class SentenceKeys:
    """Both directions between index positions and stable keys, for one built corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.keys = tuple(sentence_key(corpus.article_of(s).id, s.text) for s in corpus.sentences)
        self._positions: dict[str, int] = {}
        for position, key in enumerate(self.keys):
            self._positions.setdefault(key, position)  # a sentence repeated in one article: the first

    def key(self, sentence_id: int) -> str:
        """The key of an index position; curated answers (negative ids) get ``curated-<id>``."""
        return f"{CURATED_PREFIX}{-sentence_id}" if sentence_id < 0 else self.keys[sentence_id]

    def position(self, key: str) -> int | None:
        return self._positions.get(key)
