"""Suggestions near the question: when the engine cannot answer, offer what the closest
passages can answer, not the same three samples every time.

Each passage gets its suggestions once, at build: the articles' sample questions whose answer
lies in it, then its most distinctive term (a word only this passage uses, longest and rarest
first), which asked on its own is answered from that passage. At abstention the passages are
ordered by how well they match the question and their suggestions taken in turn; the answerable
sample pool fills what is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from knowledge.answer import Answer
from knowledge.articles import Article

MIN_TOPIC_CHARS = 3


def passage_topics(passage_terms: Sequence[Sequence[str]], df: dict[str, int]) -> list[tuple[str, ...]]:
    """Per passage, the terms that name it: used by no other passage, Han, at least 3 characters."""
    topics = []
    for terms in passage_terms:
        own = {t for t in terms if df.get(t) == 1 and len(t) >= MIN_TOPIC_CHARS and _is_han(t)}
        # a term inside a longer own term adds nothing (手造工匠 inside 枣庄手造工匠)
        own = {t for t in own if not any(t != o and t in o for o in own)}
        topics.append(tuple(sorted(own, key=lambda t: (-len(t), terms.index(t)))[:2]))
    return topics


def _is_han(word: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in word)


class Suggester:
    def __init__(self, per_passage: list[tuple[str, ...]], pool: tuple[str, ...]):
        self.per_passage = per_passage
        self.pool = pool

    def suggest(self, passage_scores: np.ndarray | None, question: str, n: int = 3,
                passage_ids: np.ndarray | None = None) -> tuple[str, ...]:
        """Suggestions from the best-matching passages first, then the sample pool.

        ``passage_scores`` covers every passage, or only ``passage_ids`` (ascending) when given:
        the passages left out score 0 and are never suggested from.
        """
        chosen: list[str] = []
        order: Iterable[int] = ()
        if passage_scores is not None and len(passage_scores) and passage_scores.max() > 0:
            ranked = np.argsort(-passage_scores, kind="stable")
            ids = passage_ids if passage_ids is not None else np.arange(len(passage_scores))
            order = (int(ids[i]) for i in ranked if passage_scores[i] > 0)
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


def build_suggester(pool: tuple[str, ...], passage_terms: list[list[str]], passage_df: Callable[[str], int],
                    ask: Callable[[str], Answer]) -> Suggester:
    """Per passage: the sample questions it answers, then the terms only it uses."""
    per_passage: list[list[str]] = [[] for _ in passage_terms]
    for q in pool:
        answer = ask(q)
        if answer.best is not None and answer.best.passage_id >= 0:
            per_passage[answer.best.passage_id].append(q)
    df = {t: passage_df(t) for t in set().union(*passage_terms)}  # each distinct term once
    for pid, topics in enumerate(passage_topics(passage_terms, df)):
        per_passage[pid].extend(topics)
    return Suggester([tuple(p) for p in per_passage], pool)
