"""BM25 search over pre-tokenized documents, answered through an inverted index.

``rank-bm25`` stays the source of truth for the formula and the corpus statistics (idf, lengths,
parameters), but its ``get_scores`` walks every document for every query term. Here each term
keeps a postings list (document ids and the term's full per-document weight), so a query touches
only the documents that contain its terms. Scores equal ``get_scores`` to floating-point rounding;
``tests/test_index.py`` holds that to 1e-9.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25, BM25L, BM25Okapi, BM25Plus

VARIANTS: dict[str, type[BM25]] = {"okapi": BM25Okapi, "plus": BM25Plus, "l": BM25L}


@dataclass(frozen=True)
class Hit:
    """One ranked document: its position in the indexed corpus and its BM25 score."""

    doc_id: int
    score: float


def make_bm25(corpus: Sequence[Sequence[str]], variant: str, k1: float, b: float) -> BM25:
    """Build the rank-bm25 model; the error lists the valid variants."""
    try:
        cls = VARIANTS[variant]
    except KeyError:
        raise ValueError(f"unknown BM25 variant {variant!r}; choose one of {', '.join(VARIANTS)}") from None
    return cls([list(doc) for doc in corpus], k1=k1, b=b)


class InvertedBM25:
    """BM25 scores for a fixed corpus through postings lists.

    An empty corpus, a corpus of empty documents, an empty query and unknown terms all give
    all-zero scores instead of the division by zero rank-bm25 would raise.
    """

    def __init__(self, corpus: Sequence[Sequence[str]], variant: str = "plus", k1: float = 1.5, b: float = 0.75):
        self.variant = variant
        self.size = len(corpus)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._baseline: dict[str, float] = {}
        self.idf: dict[str, float] = {}
        if variant not in VARIANTS:
            make_bm25([], variant, k1, b)  # raises the helpful error
        if not any(corpus):
            return
        self.model = make_bm25(corpus, variant, k1, b)
        self.idf = {term: float(v) for term, v in self.model.idf.items()}
        self._build()

    def _build(self) -> None:
        model = self.model
        doc_len = np.array(model.doc_len, dtype=float)
        rows: dict[str, tuple[list[int], list[int]]] = {}
        for doc_id, freqs in enumerate(model.doc_freqs):
            for term, tf in freqs.items():
                doc_ids, tfs = rows.setdefault(term, ([], []))
                doc_ids.append(doc_id)
                tfs.append(tf)
        k1, b, avgdl = model.k1, model.b, model.avgdl
        for term, (ids_list, tf_list) in rows.items():
            ids = np.array(ids_list, dtype=np.int64)
            q_freq = np.array(tf_list, dtype=float)
            dl = doc_len[ids]
            idf = model.idf[term]
            if self.variant == "okapi":
                weight = idf * (q_freq * (k1 + 1) / (q_freq + k1 * (1 - b + b * dl / avgdl)))
            elif self.variant == "plus":
                weight = idf * (model.delta + (q_freq * (k1 + 1)) / (k1 * (1 - b + b * dl / avgdl) + q_freq))
                self._baseline[term] = idf * model.delta
            else:
                ctd = q_freq / (1 - b + b * dl / avgdl)
                weight = idf * q_freq * (k1 + 1) * (ctd + model.delta) / (k1 + ctd + model.delta)
            self._postings[term] = (ids, weight)

    def scores(self, query: Sequence[str], weights: Sequence[float] | None = None) -> np.ndarray:
        """Scores of every document for the query, as ``rank-bm25``'s ``get_scores`` would give;
        ``weights`` (one per query term, default 1) scale each term's contribution."""
        scores = np.zeros(self.size)
        baseline = 0.0
        for n, term in enumerate(query):
            posting = self._postings.get(term)
            if posting is None:
                continue
            ids, weight = posting
            base = self._baseline.get(term, 0.0)
            factor = weights[n] if weights is not None else 1.0
            baseline += base * factor
            if factor != 1.0:
                weight = weight * factor
                base = base * factor
            scores[ids] += weight - base if base else weight
        if baseline:
            scores += baseline
        return scores

    def df(self, term: str) -> int:
        """How many documents contain the term."""
        posting = self._postings.get(term)
        return 0 if posting is None else len(posting[0])

    def term_weight(self, term: str, doc_id: int) -> float:
        """One term's contribution to one document's score (for explanations and highlighting)."""
        posting = self._postings.get(term)
        if posting is None:
            return 0.0
        ids, weight = posting
        pos = int(np.searchsorted(ids, doc_id))
        if pos < len(ids) and ids[pos] == doc_id:
            return float(weight[pos])
        return self._baseline.get(term, 0.0)

    def matching(self, query: Sequence[str]) -> np.ndarray:
        """Ids of the documents that contain at least one query term, ascending."""
        lists = [self._postings[t][0] for t in dict.fromkeys(query) if t in self._postings]
        if not lists:
            return np.zeros(0, dtype=np.int64)
        if len(lists) == 1:
            return lists[0]
        if sum(len(ids) for ids in lists) * 64 < self.size:  # very short lists: sorting them is cheapest
            return np.unique(np.concatenate(lists))
        mask = np.zeros(self.size, dtype=bool)  # long lists: one pass, no sort
        for ids in lists:
            mask[ids] = True
        return np.flatnonzero(mask)

    def top(self, query: Sequence[str], k: int = 10) -> list[Hit]:
        """The k best documents, best first; documents with no matching term are left out."""
        if not self.size:
            return []
        scores = self.scores(query)
        candidates = self.matching(query)
        if not len(candidates):
            return []
        if len(candidates) > k:
            part = np.argpartition(-scores[candidates], k - 1)[:k]
            candidates = candidates[part]
        order = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [Hit(int(i), float(scores[i])) for i in order]
