"""Suggestions near the question: when the engine cannot answer, offer what the closest
passages can answer, not the same three samples every time.

Each passage gets its suggestions once, at build: the articles' sample questions whose answer
lies in it, then its most distinctive term (a word only this passage uses, longest and rarest
first), which asked on its own is answered from that passage. At abstention the passages are
ordered by how well they match the question and their suggestions taken in turn; the answerable
sample pool fills what is left.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

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

    def suggest(self, passage_scores: np.ndarray | None, question: str, n: int = 3) -> tuple[str, ...]:
        """Suggestions from the best-matching passages first, then the sample pool."""
        chosen: list[str] = []
        order: Iterable[int] = ()
        if passage_scores is not None and len(passage_scores) and passage_scores.max() > 0:
            ranked = np.argsort(-passage_scores, kind="stable")
            order = (int(i) for i in ranked if passage_scores[i] > 0)
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
