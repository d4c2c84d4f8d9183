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

from knowledge.index import InvertedBM25, encode
from knowledge.settings import EngineSettings

CACHED_SETS = 2048


class TermSets:
    """Per sentence: its terms (the first ``plain[i]`` its own, the rest borrowed from the title);
    per passage: its sentences' own terms."""

    def __init__(self, names: list[str], ids: np.ndarray, lengths: np.ndarray, plain: np.ndarray,
                 passage_of: np.ndarray, n_passages: int):
        """``ids``: the sentences' term ids one after another (``lengths`` each), names by id."""
        self._ids, self._names = ids, names
        self._start = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self._start[1:])
        self._plain = plain
        counts = np.bincount(passage_of, minlength=n_passages)
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


def term_indexes(sentence_terms: Sequence[Sequence[str]], plain: Sequence[int], passage_of: Sequence[int],
                 n_passages: int, settings: EngineSettings) -> tuple[InvertedBM25, InvertedBM25, TermSets]:
    """The sentence index, the passage index and the term sets from one encoding of the terms:
    a passage's terms are its sentences' own terms (not the borrowed title terms), so the
    passage index is cut out of the sentence ids with numpy instead of a second pass over strings."""
    vocab, flat, lengths = encode(sentence_terms)
    own = np.asarray(plain, dtype=np.int64)
    passage_of_arr = np.asarray(passage_of, dtype=np.int64)
    start = np.repeat(np.cumsum(lengths) - lengths, lengths)
    mask = (np.arange(len(flat)) - start) < np.repeat(own, lengths)
    args = (settings.variant, settings.k1, settings.b)
    sentences = InvertedBM25.from_encoded(vocab, flat, lengths, *args)
    passage_lengths = np.bincount(passage_of_arr, weights=own, minlength=n_passages).astype(np.int64)
    passages = InvertedBM25.from_encoded(vocab, flat[mask], passage_lengths, *args)
    del mask, start
    return sentences, passages, TermSets(list(vocab), flat, lengths, own, passage_of_arr, n_passages)
