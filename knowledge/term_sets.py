"""Which index terms each sentence and passage uses, stored as term ids rather than sets.

The answer decision asks for the term set of a handful of sentences and passages per question
(coverage, matched terms). One ``frozenset`` per sentence and per passage cost about 1 KB each,
so at 100k sentences the sets alone outweighed the whole index; a flat int32 array of term ids
with offsets costs 4 bytes a term, and the few sets a question needs are made on demand.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

CACHED_SETS = 2048


class TermSets:
    """Per sentence: its terms (the first ``plain[i]`` its own, the rest borrowed from the title);
    per passage: its sentences' own terms."""

    def __init__(self, sentence_terms: Sequence[Sequence[str]], plain: Sequence[int], passage_of: Sequence[int],
                 n_passages: int):
        vocab: dict[str, int] = {}
        setdefault = vocab.setdefault
        self._ids = np.fromiter((setdefault(t, len(vocab)) for terms in sentence_terms for t in terms),
                                dtype=np.int32)
        self._names = list(vocab)
        lengths = np.fromiter((len(t) for t in sentence_terms), dtype=np.int64, count=len(sentence_terms))
        self._start = np.zeros(len(sentence_terms) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._start[1:])
        self._plain = np.asarray(plain, dtype=np.int32)
        counts = np.bincount(np.asarray(passage_of, dtype=np.int64), minlength=n_passages)
        self._first = np.zeros(n_passages + 1, dtype=np.int64)
        np.cumsum(counts, out=self._first[1:])
        # the decision looks at the same best passages again and again: keep the recent sets
        self.sentence = functools.lru_cache(maxsize=CACHED_SETS)(self._sentence)
        self.passage = functools.lru_cache(maxsize=CACHED_SETS)(self._passage)

    def _terms(self, ids: np.ndarray) -> frozenset[str]:
        return frozenset(map(self._names.__getitem__, ids.tolist()))

    def _sentence(self, sentence_id: int) -> frozenset[str]:
        return self._terms(self._ids[self._start[sentence_id]:self._start[sentence_id + 1]])

    def _passage(self, passage_id: int) -> frozenset[str]:
        first, end = int(self._first[passage_id]), int(self._first[passage_id + 1])
        parts = [self._ids[self._start[i]:self._start[i] + self._plain[i]] for i in range(first, end)]
        return self._terms(np.concatenate(parts)) if parts else frozenset()
