"""BM25 search over pre-tokenized documents, answered through compact postings.

``rank-bm25``'s ``get_scores`` walks every document for every query term; here each term keeps a
postings slice (see :mod:`knowledge.postings`), so a query touches only the documents that hold
its terms, and ``scores_on`` scores just a given candidate set. Weights are stored as float32:
scores equal ``get_scores`` to float32 rounding (``tests/test_index.py`` states the tolerance).
The rank-bm25 model itself is not kept; tests and benchmarks build one with ``make_bm25``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

from knowledge.postings import VARIANTS, Postings, best_of, make_bm25

__all__ = ["VARIANTS", "Hit", "InvertedBM25", "make_bm25"]


def encode(corpus: Sequence[Sequence[str]]) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """Term ids (in first-use order) for a corpus of term lists: the vocabulary, the documents'
    ids one after another, and each document's length."""
    # two passes that run in C (dict.fromkeys keeps first-use order, then one lookup per term)
    # instead of a Python-level setdefault per term: at 100k sentences that was ~1 s
    terms = list(itertools.chain.from_iterable(corpus))
    vocab = dict(zip(dict.fromkeys(terms), itertools.count()))
    flat = np.fromiter(map(vocab.__getitem__, terms), dtype=np.int32, count=len(terms))
    lengths = np.fromiter(map(len, corpus), dtype=np.int64, count=len(corpus))
    return vocab, flat, lengths


class Hit(NamedTuple):
    """One ranked document: its position in the indexed corpus and its BM25 score."""

    doc_id: int
    score: float


class InvertedBM25:
    """BM25 scores for a fixed corpus of term lists.

    An empty corpus, a corpus of empty documents, an empty query and unknown terms all give
    all-zero scores instead of the division by zero rank-bm25 would raise.
    """

    def __init__(self, corpus: Sequence[Sequence[str]], variant: str = "plus", k1: float = 1.5, b: float = 0.75):
        self.__init_encoded(*encode(corpus), variant, k1, b)

    @classmethod
    def from_encoded(cls, vocab: dict[str, int], flat: np.ndarray, lengths: np.ndarray, variant: str,
                     k1: float, b: float) -> InvertedBM25:
        """An index over documents already turned into term ids (``vocab`` may be shared with
        another index and hold terms these documents never use)."""
        index = cls.__new__(cls)
        index.__init_encoded(vocab, flat, lengths, variant, k1, b)
        return index

    def __init_encoded(self, vocab: dict[str, int], flat: np.ndarray, lengths: np.ndarray, variant: str,
                       k1: float, b: float) -> None:
        if variant not in VARIANTS:
            make_bm25([], variant, k1, b)  # raises the helpful error
        self.variant = variant
        self.size = len(lengths)
        self._vocab = vocab
        self._postings = Postings.build(flat, lengths, list(vocab), variant, k1, b)

    def _ids(self, query: Sequence[str], weights: Sequence[float] | None) -> tuple[list[int], list[float]]:
        terms: list[int] = []
        factors: list[float] = []
        for n, term in enumerate(query):
            tid = self._vocab.get(term)
            if tid is not None:
                terms.append(tid)
                factors.append(weights[n] if weights is not None else 1.0)
        return terms, factors

    def scores_on(self, docs: np.ndarray, query: Sequence[str], weights: Sequence[float] | None = None,
                  where: np.ndarray | None = None) -> np.ndarray:
        """Scores of the documents ``docs`` (ascending ids) only, in their order; ``weights`` (one
        per query term, default 1) scale each term's contribution; ``where`` see ``Postings``."""
        return self._postings.scores_on(docs, *self._ids(query, weights), where=where)

    def part(self, query: Sequence[str], weights: Sequence[float] | None = None,
             ) -> tuple[Postings, list[int], list[float]]:
        """The postings, term ids and factors a query reads (for :func:`joint_scores_on`)."""
        return (self._postings, *self._ids(query, weights))

    def scores(self, query: Sequence[str], weights: Sequence[float] | None = None) -> np.ndarray:
        """Scores of every document, as ``rank-bm25``'s ``get_scores`` would give (full size:
        for tests and whole-corpus views, not for the per-question path)."""
        return self.scores_on(np.arange(self.size, dtype=np.int32), query, weights)

    @property
    def has_baseline(self) -> bool:
        """Does a document without any query term still score above 0 (BM25+)?"""
        return self._postings.has_baseline

    def terms(self) -> Iterator[str]:
        """Every indexed term."""
        used = self.document_frequencies() > 0
        return (t for t, n in zip(self._vocab, used.tolist(), strict=True) if n)

    def idf(self, term: str) -> float:
        """The term's idf (0 for a term no document uses)."""
        tid = self._vocab.get(term)
        return 0.0 if tid is None else float(self._postings.idf[tid])

    def document_frequencies(self) -> np.ndarray:
        """How many documents contain each term, by term id."""
        counts = np.diff(self._postings.offsets)
        return counts if len(counts) == len(self._vocab) else np.zeros(len(self._vocab), dtype=np.int64)

    def df(self, term: str) -> int:
        """How many documents contain the term."""
        tid = self._vocab.get(term)
        return 0 if tid is None else self._postings.df(tid)

    def term_weight(self, term: str, doc_id: int) -> float:
        """One term's contribution to one document's score (for explanations and highlighting)."""
        tid = self._vocab.get(term)
        if tid is None:
            return 0.0
        ids, weight = self._postings.posting(tid)
        pos = int(np.searchsorted(ids, doc_id))
        if pos < len(ids) and ids[pos] == doc_id:
            return float(weight[pos])
        return float(self._postings.baseline[tid])

    def matching(self, query: Sequence[str]) -> np.ndarray:
        """Ids of the documents that contain at least one query term, ascending."""
        return self.matching_scores(query)[0]

    def matching_scores(self, query: Sequence[str], weights: Sequence[float] | None = None,
                        ) -> tuple[np.ndarray, np.ndarray]:
        """The documents that contain a query term (ascending ids) with their scores, in one pass."""
        return self._postings.matching(*self._ids(query, weights))

    def matching_few(self, query: Sequence[str], weights: Sequence[float] | None = None,
                     ) -> tuple[list[int], list[float]] | None:
        """``matching_scores`` as Python lists when the query's terms hold a handful of postings;
        None when they hold more (then ``matching_scores`` is the way)."""
        return self._postings.matching_few(*self._ids(query, weights))

    def top(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """The k best documents, best first (ties: the lower id first); documents with no matching
        term are left out."""
        if k <= 0:
            return []
        candidates, scores = best_of(*self.matching_scores(query), k)
        if not len(candidates):
            return []
        order = np.argsort(-scores, kind="stable")
        return [Hit(doc, score) for doc, score in zip(candidates[order].tolist(), scores[order].tolist(), strict=True)]
