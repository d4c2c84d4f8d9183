"""Which index terms each sentence and passage uses, stored as term ids rather than sets.

The answer decision asks for the term set of a handful of sentences and passages per question
(coverage, matched terms). One ``frozenset`` per sentence and per passage cost about 1 KB each,
so at 100k sentences the sets alone outweighed the whole index; a flat int32 array of term ids
with offsets costs 4 bytes a term, and the few sets a question needs are made on demand.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from knowledge.index import InvertedBM25
from knowledge.settings import EngineSettings
from knowledge.suggest import passage_topics

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

    @property
    def names(self) -> list[str]:
        """The terms by id."""
        return self._names

    def sentence_ids(self, first: int, end: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sentences ``first:end`` as they were encoded: their term ids one after another, each
        one's length and how many of its terms are its own (for a new engine to take over)."""
        lengths = np.diff(self._start[first:end + 1])
        return self._ids[self._start[first]:self._start[end]], lengths, self._plain[first:end]

    def _sentence(self, sentence_id: int) -> frozenset[str]:
        return self._terms(self._ids[self._start[sentence_id]:self._start[sentence_id + 1]])

    def _passage(self, passage_id: int) -> frozenset[str]:
        first, end = int(self._first[passage_id]), int(self._first[passage_id + 1])
        parts = [self._ids[self._start[i]:self._start[i] + self._plain[i]] for i in range(first, end)]
        return self._terms(np.concatenate(parts)) if parts else frozenset()


class TermIndexes(NamedTuple):
    sentences: InvertedBM25
    passages: InvertedBM25
    sets: TermSets
    topics: list[tuple[str, ...]]  # per passage, the terms that name it (see suggest.passage_topics)


def term_indexes(vocab: dict[str, int], flat: np.ndarray, lengths: np.ndarray, plain: np.ndarray,
                 passage_of: Sequence[int], n_passages: int, settings: EngineSettings) -> TermIndexes:
    """The sentence index, the passage index, the term sets and the passages' topic terms from
    one encoding of the terms (see :func:`knowledge.article_terms.corpus_term_ids`): a passage's
    terms are its sentences' own terms (not the borrowed title terms), so the passage index is
    cut out of the sentence ids with numpy instead of a second pass over strings."""
    own = np.asarray(plain, dtype=np.int64)
    passage_of_arr = np.asarray(passage_of, dtype=np.int64)
    start = np.repeat(np.cumsum(lengths) - lengths, lengths)
    mask = (np.arange(len(flat)) - start) < np.repeat(own, lengths)
    args = (settings.variant, settings.k1, settings.b)
    sentences = InvertedBM25.from_encoded(vocab, flat, lengths, *args)
    passage_lengths = np.bincount(passage_of_arr, weights=own, minlength=n_passages).astype(np.int64)
    passage_flat = flat[mask]
    del mask, start
    passages = InvertedBM25.from_encoded(vocab, passage_flat, passage_lengths, *args)
    names = list(vocab)
    topics = passage_topics(names, passage_flat, passage_lengths, passages.document_frequencies())
    return TermIndexes(sentences, passages, TermSets(names, flat, lengths, own, passage_of_arr, n_passages), topics)
