"""Suggestions near the question: when the engine cannot answer, offer what the closest
passages can answer, not the same three samples every time.

Each passage gets its suggestions once, at build: the articles' sample questions whose answer
lies in it, then its most distinctive term (a word only this passage uses, longest and rarest
first), which asked on its own is answered from that passage. At abstention the passages are
ordered by how well they match the question and their suggestions taken in turn; the answerable
sample pool fills what is left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from knowledge.answer import Answer
from knowledge.articles import Article

MIN_TOPIC_CHARS = 3


def passage_topics(names: Sequence[str], flat: np.ndarray, lengths: np.ndarray,
                   df: np.ndarray) -> list[tuple[str, ...]]:
    """Per passage, the terms that name it: used by no other passage, Han, at least 3 characters.

    The passages' terms are given as ids (``names[id]``), one passage after another (``lengths``
    each), with each term's passage frequency ``df`` by id. Only the few terms used by one passage
    alone are looked at: all other passages have no topic."""
    topics: list[tuple[str, ...]] = [() for _ in range(len(lengths))]
    lone = np.flatnonzero(df == 1)
    named = np.zeros(len(names), dtype=bool)
    named[lone[[_TOPIC.fullmatch(names[t]) is not None for t in lone.tolist()]]] = True
    at = np.flatnonzero(named[flat])  # where such a term is used; each is in one passage only
    tids, first = np.unique(flat[at], return_index=True)
    first = at[first]  # a term's first position, which orders equally long topics
    order = np.argsort(first, kind="stable")
    tids, first = tids[order], first[order]
    ends = np.cumsum(lengths)
    passage_of = np.searchsorted(ends, first, side="right")
    starts = ends - lengths
    bounds = np.flatnonzero(np.diff(passage_of)) + 1
    for group in np.split(np.arange(len(tids)), bounds) if len(tids) else ():
        pid = int(passage_of[group[0]])
        position = dict(zip([names[t] for t in tids[group].tolist()],
                            (first[group] - starts[pid]).tolist(), strict=True))
        # a term inside a longer own term adds nothing (手造工匠 inside 枣庄手造工匠)
        own = {t for t in position if not any(t != o and t in o for o in position)}
        topics[pid] = tuple(sorted(own, key=lambda t: (-len(t), position[t]))[:2])
    return topics


_TOPIC = re.compile(f"[\u3400-\u9fff]{{{MIN_TOPIC_CHARS},}}")


# how many of the best-matching passages that have suggestions are looked at, per suggestion asked
_PASSAGES_PER_SUGGESTION = 8


class Suggester:
    def __init__(self, per_passage: list[tuple[str, ...]], pool: tuple[str, ...]):
        self.per_passage = per_passage
        self.pool = pool
        # most passages of a large corpus have nothing to suggest: only those that do are ranked
        self._suggests = np.fromiter((bool(p) for p in per_passage), dtype=bool, count=len(per_passage))

    def suggest(self, passage_scores: np.ndarray | None, question: str, n: int = 3,
                passage_ids: np.ndarray | None = None) -> tuple[str, ...]:
        """Suggestions from the best-matching passages first, then the sample pool.

        ``passage_scores`` covers every passage, or only ``passage_ids`` (ascending) when given:
        the passages left out score 0 and are never suggested from.
        """
        chosen: list[str] = []
        order: Iterable[int] = ()
        if passage_scores is not None and len(passage_scores):
            ids = passage_ids if passage_ids is not None else np.arange(len(passage_scores))
            # the best-scoring passages that have something to suggest, ties in passage order;
            # not a sort of every matching passage (at 100k sentences that was half an abstention)
            useful = np.flatnonzero((passage_scores > 0) & self._suggests[ids])
            limit = _PASSAGES_PER_SUGGESTION * n
            if len(useful) > limit:
                useful = np.sort(useful[np.argpartition(-passage_scores[useful], limit - 1)[:limit]])
            ranked = useful[np.argsort(-passage_scores[useful], kind="stable")]
            order = ids[ranked].tolist()
        for pid in order:
            for s in self.per_passage[pid]:
                if s not in chosen and s != question:
                    chosen.append(s)
                    break  # one per passage first, so the offer spans the near topics
            if len(chosen) >= n:
                return tuple(chosen)
        for s in self.pool:
            if len(chosen) >= n:
                break
            if s not in chosen and s != question:
                chosen.append(s)
        return tuple(chosen)


def answerable_samples(articles: Sequence[Article], ask: Callable[[str], Answer]) -> tuple[str, ...]:
    """Sample questions from the articles' metadata that the index really answers."""
    pool = [q for article in articles for q in article.sample_questions]
    return tuple(q for q in dict.fromkeys(pool) if ask(q).answered)


def build_suggester(pool: tuple[str, ...], topics: list[tuple[str, ...]],
                    ask: Callable[[str], Answer]) -> Suggester:
    """Per passage: the sample questions it answers, then the terms only it uses (``topics``)."""
    per_passage: list[list[str]] = [[] for _ in topics]
    for q in pool:
        answer = ask(q)
        if answer.best is not None and answer.best.passage_id >= 0:
            per_passage[answer.best.passage_id].append(q)
    for pid, named in enumerate(topics):
        per_passage[pid].extend(named)
    return Suggester([tuple(p) for p in per_passage], pool)
