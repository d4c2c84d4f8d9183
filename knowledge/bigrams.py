"""The character-bigram BM25 index, built from sentence texts without making bigram strings.

A bigram index over 100k sentences holds about four million bigrams; as Python strings (and
rank-bm25's per-document dicts) that was half the engine's memory. Here each bigram is a number
(``first * 0x110000 + second`` code point; a lone character is its own code point), computed for
the whole corpus at once with numpy, and a query's bigrams are found by binary search in the
sorted codes. The bigrams are exactly :func:`knowledge.tokenizer.char_bigrams`'s (the tests
compare them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from knowledge.postings import Postings

_PLANE = 0x110000  # one past the largest code point: pair codes never collide with single ones
_CHUNK = 20_000  # sentences encoded at a time, to bound the temporary arrays


def _codes_of(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The bigram codes of the texts, one after another, and how many each text has."""
    lowered = [t.lower() for t in texts]
    joined = "\n".join(lowered) + "\n"
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    kind = np.zeros(len(cp), dtype=np.int8)
    kind[(cp >= 0x3400) & (cp <= 0x9FFF)] = 1  # a Han run
    kind[((cp >= 0x61) & (cp <= 0x7A)) | ((cp >= 0x30) & (cp <= 0x39))] = 2  # a Latin/digit run
    after = np.empty_like(kind)
    after[:-1], after[-1] = kind[1:], 0
    before = np.empty_like(kind)
    before[1:], before[0] = kind[:-1], 0
    pair = (kind != 0) & (after == kind)
    alone = (kind != 0) & (before != kind) & (after != kind)
    at = np.flatnonzero(pair | alone)
    codes = np.where(pair[at], cp[at] * _PLANE + cp[np.minimum(at + 1, len(cp) - 1)], cp[at])
    ends = np.cumsum(np.fromiter((len(t) + 1 for t in lowered), dtype=np.int64, count=len(lowered)))
    lengths = np.bincount(np.searchsorted(ends, at, side="right"), minlength=len(lowered))
    return codes, lengths


_KNOWN_MAX = 50_000  # bigrams remembered with their term id (a few MB at most)


def code_of(gram: str) -> int:
    """The number of one bigram string (or lone character)."""
    return ord(gram[0]) * _PLANE + ord(gram[1]) if len(gram) == 2 else ord(gram[0]) if gram else -1


class BigramBM25:
    """BM25 over the character bigrams of each text."""

    def __init__(self, texts: Sequence[str], variant: str, k1: float, b: float):
        self.size = len(texts)
        parts = [_codes_of(texts[i:i + _CHUNK]) for i in range(0, len(texts), _CHUNK)]
        codes = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        lengths = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        del parts
        self._postings, self._codes = Postings.build_by_code(codes, lengths, variant, k1, b)
        self._known: dict[str, int] = {}  # bigram -> term id (-1: not in the index); questions reuse them

    def _ids(self, grams: Sequence[str]) -> list[int]:
        if not grams or not len(self._codes):
            return []
        known = self._known
        remembered = [known.get(g) for g in grams]  # one read each: another thread may clear it
        if None not in remembered:  # the common case once the service has run a while
            return [t for t in remembered if t is not None and t >= 0]
        found = self._search(grams)
        if len(known) + len(found) > _KNOWN_MAX:
            known.clear()
        known.update(zip(grams, found, strict=True))
        return [t for t in found if t >= 0]

    def _search(self, grams: Sequence[str]) -> list[int]:
        """Each bigram's term id by binary search over the sorted codes, -1 when absent."""
        codes = np.array([code_of(g) for g in grams], dtype=np.int64)
        pos = np.searchsorted(self._codes, codes)
        known = self._codes[np.minimum(pos, len(self._codes) - 1)] == codes
        return list(np.where(known, pos, -1).tolist())

    def scores_on(self, docs: np.ndarray, grams: Sequence[str], where: np.ndarray | None = None) -> np.ndarray:
        """Scores of the texts ``docs`` (ascending ids) only, in their order."""
        terms = self._ids(grams)
        return self._postings.scores_on(docs, terms, [1.0] * len(terms), where=where)

    def part(self, grams: Sequence[str], factor: float = 1.0) -> tuple[Postings, list[int], list[float]]:
        """The postings, term ids and factors the bigrams read (for :func:`joint_scores_on`)."""
        terms = self._ids(grams)
        return self._postings, terms, [factor] * len(terms)

    def scores(self, grams: Sequence[str]) -> np.ndarray:
        """Scores of every text (full size: for tests)."""
        return self.scores_on(np.arange(self.size, dtype=np.int32), grams)
