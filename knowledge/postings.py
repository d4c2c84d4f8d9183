"""Compact BM25 postings: one flat int32 id array and one float32 weight array per index.

A term's postings are the slice ``offsets[t]:offsets[t + 1]`` of ``ids``/``weights`` (document ids
ascending, each with the term's whole BM25 contribution to that document). Built with numpy from
a flat stream of (document, term id) pairs, so no per-document dictionaries are ever made: at
100k sentences rank-bm25's model alone held hundreds of MB of small dicts.

rank-bm25 stays the source of the formula and the statistics: its own ``_calc_idf`` turns the
document frequencies into idf values (with Okapi's epsilon floor), the parameters (k1, b, delta)
are its defaults, and ``tests/test_index.py`` holds the scores to its ``get_scores``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import threading
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25, BM25L, BM25Okapi, BM25Plus

VARIANTS: dict[str, type[BM25]] = {"okapi": BM25Okapi, "plus": BM25Plus, "l": BM25L}
EMPTY_IDS = np.zeros(0, dtype=np.int32)


def make_bm25(corpus: Sequence[Sequence[str]], variant: str, k1: float, b: float) -> BM25:
    """The rank-bm25 model (the reference the tests and benchmarks compare against); the error
    lists the valid variants."""
    try:
        cls = VARIANTS[variant]
    except KeyError:
        raise ValueError(f"unknown BM25 variant {variant!r}; choose one of {', '.join(VARIANTS)}") from None
    return cls([list(doc) for doc in corpus], k1=k1, b=b)


def rank_bm25_idf(variant: str, k1: float, b: float, n_docs: int,
                  df: dict[Hashable, int]) -> tuple[dict[Hashable, float], float]:
    """idf per term and the variant's delta, computed by rank-bm25 itself.

    A one-document model supplies the variant's parameters; its ``_calc_idf`` is then run on the
    real document frequencies, so the idf formula (and Okapi's floor at epsilon x mean idf) is
    exactly rank-bm25's without building its per-document dictionaries.
    """
    model = make_bm25([["-"]], variant, k1, b)
    model.corpus_size = n_docs
    model.idf = {}
    model._calc_idf(df)
    return dict(model.idf), float(getattr(model, "delta", 0.0))


@dataclass(frozen=True)
class Postings:
    """The postings of one index; ``baseline[t]`` is what BM25+ gives a document without term t."""

    size: int
    offsets: np.ndarray  # int64, n_terms + 1
    ids: np.ndarray  # int32
    weights: np.ndarray  # float32
    idf: np.ndarray  # float64, per term id
    baseline: np.ndarray  # float64, per term id (zeros unless BM25+)
    has_baseline: bool  # BM25+ only: a document without a term still gets baseline[term]

    @classmethod
    def empty(cls, size: int) -> Postings:
        none = np.zeros(0)
        return cls(size, np.zeros(1, dtype=np.int64), EMPTY_IDS, np.zeros(0, dtype=np.float32), none, none, False)

    @classmethod
    def build(cls, terms: np.ndarray, lengths: np.ndarray, keys: Sequence[Hashable], variant: str,
              k1: float, b: float) -> Postings:
        """Postings from a flat array of term ids (documents one after another, ``lengths`` long
        each); ``keys[t]`` names term id t for rank-bm25's idf (in the corpus's first-use order)."""
        size = len(lengths)
        if not len(terms):
            return cls.empty(size)
        tf, term, doc = _runs(_sorted_pairs(terms, lengths), size)
        return cls._weighted(size, lengths, tf, term, doc, keys, variant, k1, b)

    @classmethod
    def build_by_code(cls, codes: np.ndarray, lengths: np.ndarray, variant: str, k1: float,
                      b: float) -> tuple[Postings, np.ndarray]:
        """Postings over terms named by non-negative int64 codes (a document's codes one after
        another, ``lengths`` long each), with the distinct codes ascending: term id t is
        ``codes[t]``. The same as ``build`` on the codes' ranks with the sorted codes as keys, in
        one sort instead of ``np.unique``'s and ``build``'s."""
        size = len(lengths)
        if not len(codes):
            return cls.empty(size), np.zeros(0, dtype=np.int64)
        if int(codes.max()) >= np.iinfo(np.int64).max // max(size, 1):  # code x size would overflow
            distinct, inverse = np.unique(codes, return_inverse=True)
            return cls.build(inverse.astype(np.int32), lengths, distinct.tolist(), variant, k1, b), distinct
        tf, code, doc = _runs(_sorted_pairs(codes, lengths), size)
        new = np.ones(len(code), dtype=bool)
        np.not_equal(code[1:], code[:-1], out=new[1:])
        distinct = code[new]
        term = np.cumsum(new) - 1
        del code, new
        return cls._weighted(size, lengths, tf, term, doc, distinct.tolist(), variant, k1, b), distinct

    @classmethod
    def _weighted(cls, size: int, lengths: np.ndarray, tf: np.ndarray, term: np.ndarray, doc: np.ndarray,
                  keys: Sequence[Hashable], variant: str, k1: float, b: float) -> Postings:
        """The postings from the (term, document) runs, term-major with documents ascending."""
        n_terms = len(keys)
        df = np.bincount(term, minlength=n_terms)
        offsets = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        present = df > 0  # a shared vocabulary may hold more
        named = keys if bool(present.all()) else list(itertools.compress(keys, present.tolist()))
        used = dict(zip(named, df[present].tolist(), strict=True))
        idf_of, delta = rank_bm25_idf(variant, k1, b, size, used)
        idf = np.zeros(n_terms, dtype=np.float64)
        idf[present] = np.fromiter(idf_of.values(), dtype=np.float64, count=len(idf_of))  # in ``used``'s order
        del used, idf_of, named
        avgdl = float(lengths.sum()) / size
        q_freq, dl, term_idf = tf.astype(np.float64), lengths[doc].astype(np.float64), idf[term]
        if variant == "okapi":
            weight = term_idf * (q_freq * (k1 + 1) / (q_freq + k1 * (1 - b + b * dl / avgdl)))
        elif variant == "plus":
            weight = term_idf * (delta + (q_freq * (k1 + 1)) / (k1 * (1 - b + b * dl / avgdl) + q_freq))
        else:
            ctd = q_freq / (1 - b + b * dl / avgdl)
            weight = term_idf * q_freq * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta)
        del q_freq, dl, term_idf, term, tf
        baseline = idf * delta if variant == "plus" else np.zeros(n_terms)
        return cls(size, offsets, doc, weight.astype(np.float32), idf, baseline, bool(baseline.any()))

    def posting(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.offsets[term], self.offsets[term + 1]
        return self.ids[start:end], self.weights[start:end]

    def df(self, term: int) -> int:
        offsets = self._bounds
        return int(offsets[term + 1] - offsets[term])

    @functools.cached_property
    def _bounds(self) -> memoryview:
        """``offsets`` read as Python ints without a numpy scalar per read (a question reads two
        per term), sharing the array's memory."""
        return self.offsets.data

    @functools.cached_property
    def max_weight(self) -> np.ndarray:
        """Each term's largest weight (0 for a term without postings): the most the term can add
        to any one document's score, the bound that lets a top-k query skip documents."""
        out = np.zeros(len(self.offsets) - 1)
        used = np.flatnonzero(np.diff(self.offsets) > 0)
        if len(used):
            out[used] = np.maximum.reduceat(self.weights, self.offsets[used])
        return out

    def bound(self, terms: Sequence[int], factors: Sequence[float]) -> float | None:
        """The most the terms together can add to one document's score, or None when a term could
        also lower a score (a negative idf or factor, BM25+'s baseline), so no bound holds."""
        if self.has_baseline or any(f < 0 for f in factors) or any(self.idf[t] < 0 for t in terms):
            return None
        top = self.max_weight
        return sum(float(top[t]) * f for t, f in zip(terms, factors, strict=True))

    def _gather(self, terms: Sequence[int], factors: Sequence[float]) -> tuple[np.ndarray, np.ndarray, float]:
        """The terms' postings in one pass: document ids, their weights times the term's factor
        (minus BM25+'s baseline, added back once for all documents), and that baseline."""
        offsets = self._bounds
        bounds = [(offsets[t], offsets[t + 1]) for t in terms]
        baseline = sum(float(self.baseline[t]) * f for t, f in zip(terms, factors, strict=True)) \
            if self.has_baseline else 0.0
        if len(bounds) == 1:
            ids, weights = self.ids[bounds[0][0]:bounds[0][1]], self.weights[bounds[0][0]:bounds[0][1]]
        else:
            ids = np.concatenate([self.ids[a:b] for a, b in bounds]) if bounds else EMPTY_IDS
            weights = np.concatenate([self.weights[a:b] for a, b in bounds]) if bounds else self.weights[:0]
        values = weights.astype(np.float64)
        if any(f != 1.0 for f in factors):
            values *= np.repeat(np.asarray(factors, dtype=np.float64), [b - a for a, b in bounds])
        if baseline:
            base = [float(self.baseline[t]) * f for t, f in zip(terms, factors, strict=True)]
            values -= np.repeat(np.asarray(base), [b - a for a, b in bounds])
        return ids, values, baseline

    def scores_on(self, docs: np.ndarray, terms: Sequence[int], factors: Sequence[float],
                  where: np.ndarray | None = None) -> np.ndarray:
        """Scores of the given documents (ascending ids) only, so the cost follows the postings
        and the candidates, not the corpus. The terms' postings are located in ``docs`` through
        ``where`` (a :class:`PositionMap` of ``docs``) when given, else by binary search. Each
        document's contributions are summed in query-term order, as ``get_scores`` does."""
        if not len(docs):
            return np.zeros(0)
        if len(docs) <= FEW_DOCS and not self.has_baseline:
            return np.array(self.scores_few(docs.tolist(), terms, factors), dtype=np.float64)
        # a posting much longer than the candidates (年 in 20,000 sentences, 300 candidates) is
        # searched for the candidates instead of read whole; the others are read and placed
        limit = LONG_POSTING_RATIO * len(docs)
        long_terms = [(n, t) for n, t in enumerate(terms) if self.df(t) > limit] if self.size > limit else []
        if not long_terms:
            return self._scores_by_postings(docs, terms, factors, where)
        short = [n for n in range(len(terms)) if n not in {n for n, _ in long_terms}]
        scores = self._scores_by_postings(docs, [terms[n] for n in short], [factors[n] for n in short], where) \
            if short else np.zeros(len(docs))
        for n, term in long_terms:
            ids, weight = self.posting(term)
            at = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
            found = ids[at] == docs
            contribution = np.where(found, weight[at].astype(np.float64) - self.baseline[term], 0.0) * factors[n]
            scores += contribution + float(self.baseline[term]) * factors[n]
        return scores

    def scores_few(self, docs: list[int], terms: Sequence[int], factors: Sequence[float]) -> list[float]:
        """``scores_on`` for a handful of documents (ascending; no BM25+ baseline), in Python: each
        document binary-searched in each posting, a few dozen look-ups instead of a dozen numpy
        calls per term. The sums are taken in the order the numpy pass takes them (the postings
        it reads whole, then those it searches), so the scores are the same to the bit."""
        offsets, ids, weights = self._bounds, self._id_view, self._weight_view
        limit = LONG_POSTING_RATIO * len(docs)
        searched = self.size > limit
        order = [n for n in range(len(terms)) if not searched or self.df(terms[n]) <= limit] \
            + [n for n in range(len(terms)) if searched and self.df(terms[n]) > limit]
        scores = [0.0] * len(docs)
        for n in order:
            a, b = offsets[terms[n]], offsets[terms[n] + 1]
            f = factors[n]
            for k, doc in enumerate(docs):  # ascending: each search starts where the last ended
                a = bisect.bisect_left(ids, doc, a, b)
                if a == b:
                    break
                if ids[a] == doc:
                    scores[k] += weights[a] * f if f != 1.0 else weights[a]
        return scores

    @functools.cached_property
    def _id_view(self) -> memoryview:
        return self.ids.data

    @functools.cached_property
    def _weight_view(self) -> memoryview:
        return self.weights.data

    def short_postings(self, docs: np.ndarray, terms: Sequence[int]) -> bool:
        """Would ``scores_on`` read every one of the terms' postings whole (none much longer than
        the candidates) with no BM25+ baseline? Then indexes over the same documents can be
        summed in one pass (:func:`joint_scores_on`)."""
        return self.short_postings_for(len(docs), terms)

    def short_postings_for(self, count: int, terms: Sequence[int]) -> bool:
        """``short_postings`` for ``count`` documents."""
        limit = LONG_POSTING_RATIO * count
        return not self.has_baseline and (self.size <= limit or all(self.df(t) <= limit for t in terms))

    def _scores_by_postings(self, docs: np.ndarray, terms: Sequence[int], factors: Sequence[float],
                            where: np.ndarray | None) -> np.ndarray:
        ids, values, baseline = self._gather(terms, factors)
        scores: np.ndarray
        if where is not None:
            scores = np.bincount(where[ids], weights=values, minlength=len(docs) + 1)[1:]  # slot 0: not a candidate
        else:
            pos = np.searchsorted(docs, ids)
            inside = docs[np.minimum(pos, len(docs) - 1)] == ids
            scores = np.bincount(pos[inside], weights=values[inside], minlength=len(docs)).astype(np.float64)
        if baseline:
            scores += baseline
        return scores

    def matching(self, terms: Sequence[int], factors: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
        """The documents holding at least one of the terms (ascending) and their scores."""
        offsets = self._bounds
        if not self.has_baseline and sum(offsets[t + 1] - offsets[t] for t in terms) <= _FEW_POSTINGS:
            return self._matching_few(terms, factors)
        ids, values, baseline = self._gather(terms, factors)
        if not len(ids):
            return EMPTY_IDS, np.zeros(0)
        if len(terms) == 1:  # one postings slice: already ascending and unique
            docs, scores = ids, values
        else:  # a stable sort keeps each document's contributions in query-term order
            order = np.argsort(ids, kind="stable")
            ids = ids[order]
            first = np.ones(len(ids), dtype=bool)
            np.not_equal(ids[1:], ids[:-1], out=first[1:])
            docs = ids[first]
            scores = np.bincount(np.cumsum(first) - 1, weights=values[order], minlength=len(docs))
        if baseline:
            scores += baseline
        return docs.astype(np.int32, copy=False), scores

    def _matching_few(self, terms: Sequence[int], factors: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
        """``matching`` for a handful of postings (a small corpus, or rare terms)."""
        docs, scores = self._few_sums(terms, factors)
        if not docs:
            return EMPTY_IDS, np.zeros(0)
        return np.array(docs, dtype=np.int32), np.array(scores, dtype=np.float64)

    def matching_few(self, terms: Sequence[int], factors: Sequence[float]) -> tuple[list[int], list[float]] | None:
        """``matching`` as Python lists when the terms hold a handful of postings (a small corpus:
        a question over it then needs no numpy call at all); None when they hold more."""
        offsets = self._bounds
        if self.has_baseline or sum(offsets[t + 1] - offsets[t] for t in terms) > _FEW_POSTINGS:
            return None
        return self._few_sums(terms, factors)

    def _few_sums(self, terms: Sequence[int], factors: Sequence[float]) -> tuple[list[int], list[float]]:
        """The documents holding a term (ascending) and their scores, summed in Python in
        query-term order as ``bincount`` sums them, so the scores are the same to the bit."""
        offsets, ids, weights = self._bounds, self._id_view, self._weight_view
        scores: dict[int, float] = {}
        for t, f in zip(terms, factors, strict=True):
            a, b = offsets[t], offsets[t + 1]
            for doc, w in zip(ids[a:b], weights[a:b], strict=True):
                scores[doc] = scores.get(doc, 0.0) + (w * f if f != 1.0 else w)
        docs = sorted(scores)
        return docs, [scores[d] for d in docs]


def best_of(docs: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best-scored documents in their given order; of several scored alike at the k-th
    place, the first ones (the lowest ids, as ``docs`` ascend)."""
    if len(docs) <= k:
        return docs, scores
    best = top_positions(scores, k)
    return docs[best], scores[best]


def top_positions(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores, ascending; ties at the k-th place go to the first."""
    n = len(scores)
    if n <= k:
        return np.arange(n)
    kth = np.partition(scores, n - k)[n - k]
    best = np.flatnonzero(scores >= kth)
    if len(best) > k:  # several scored alike at the k-th place: the first of them
        above = scores[best] > kth
        ties = np.flatnonzero(~above)[:k - int(np.count_nonzero(above))]
        best = np.sort(np.concatenate([best[above], best[ties]]))
    return best


def joint_scores_on(docs: np.ndarray, positions: PositionMap,
                    parts: Sequence[tuple[Postings, Sequence[int], Sequence[float]]]) -> np.ndarray:
    """The summed scores of several indexes over the same documents (a sentence's words and its
    character bigrams), in one pass over their postings: one placement and one ``bincount``
    instead of one per index. Each part must pass :meth:`Postings.short_postings`."""
    if few_postings(parts):
        return _joint_few(docs, parts)
    gathered = [postings._gather(terms, factors) for postings, terms, factors in parts if terms]
    if not gathered:
        return np.zeros(len(docs))
    ids = gathered[0][0] if len(gathered) == 1 else np.concatenate([g[0] for g in gathered])
    values = gathered[0][1] if len(gathered) == 1 else np.concatenate([g[1] for g in gathered])
    where = positions.of(docs)  # only now: a handful of postings is placed without it
    return np.bincount(where[ids], weights=values, minlength=len(docs) + 1)[1:]  # slot 0: not a candidate


def _joint_few(docs: np.ndarray, parts: Sequence[tuple[Postings, Sequence[int], Sequence[float]]]) -> np.ndarray:
    """``joint_scores_on`` for a handful of postings."""
    return np.array(joint_few(docs.tolist(), parts), dtype=np.float64)


def few_postings(parts: Sequence[tuple[Postings, Sequence[int], Sequence[float]]]) -> bool:
    """Do the parts' terms hold so few postings that :func:`joint_few` sums them?"""
    return sum(p._bounds[t + 1] - p._bounds[t] for p, terms, _ in parts for t in terms) <= _FEW_POSTINGS


def joint_few(docs: list[int], parts: Sequence[tuple[Postings, Sequence[int], Sequence[float]]]) -> list[float]:
    """``joint_scores_on`` as a list, summed in Python in the order ``bincount`` sums them (part
    by part, term by term), so the scores are the same to the bit."""
    slot = {doc: n for n, doc in enumerate(docs)}
    scores = [0.0] * len(slot)
    for postings, terms, factors in parts:
        offsets, ids, weights = postings._bounds, postings._id_view, postings._weight_view
        for t, f in zip(terms, factors, strict=True):
            a, b = offsets[t], offsets[t + 1]
            for doc, w in zip(ids[a:b], weights[a:b], strict=True):
                n = slot.get(doc)
                if n is not None:
                    scores[n] += w * f if f != 1.0 else w
    return scores


def _sorted_pairs(terms: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """One int64 key per token, term x documents + document, sorted: runs of equal keys are the
    term frequencies, and the keys come out term-major with documents ascending."""
    size = len(lengths)
    key = terms.astype(np.int64)
    key *= size
    key += np.repeat(np.arange(size, dtype=np.int32), lengths)
    key.sort()
    return key


def _runs(key: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each run of equal sorted keys: its length (the term frequency), its term and its document."""
    first = np.ones(len(key), dtype=bool)
    np.not_equal(key[1:], key[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    tf = np.diff(np.append(starts, len(key)))
    term, doc64 = np.divmod(key[starts], size)
    del starts
    return tf, term, doc64.astype(np.int32)


# a posting this many times longer than the candidates is binary-searched, not read whole
LONG_POSTING_RATIO = 8
# up to this many postings in all, ``matching`` sums them in Python (fewer numpy calls)
_FEW_POSTINGS = 64
# up to this many documents, ``scores_on`` searches each posting for them in Python
FEW_DOCS = 64


class PositionMap:
    """Where each candidate sits in the candidate array, so a posting id finds its slot with one
    array read instead of a binary search (long postings made that the slowest step at 100k).

    Slot ``k + 1`` holds ``docs[k]``; every other document maps to slot 0, where its postings
    are summed and dropped, so no posting needs a check. One scratch array per thread, allocated
    once: each ``of`` first clears the slots the one before wrote, so a map is valid until the
    next ``of`` in the same thread.
    """

    def __init__(self, size: int):
        self.size = size
        self._local = threading.local()

    def of(self, docs: np.ndarray) -> np.ndarray:
        local = self._local
        scratch: np.ndarray | None = getattr(local, "scratch", None)
        if scratch is None:
            scratch = local.scratch = np.zeros(self.size, dtype=np.int32)
        else:
            scratch[local.written] = 0
        scratch[docs] = np.arange(1, len(docs) + 1, dtype=np.int32)
        local.written = docs
        return scratch
