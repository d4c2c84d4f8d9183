"""Should the engine answer? The share of the question's meaning that the answer's passage covers.

A raw BM25 score cannot tell "a rare word matched" from "the question is about something else":
「鲁班工匠日的天气怎么样」 matches the date sentence strongly yet asks about weather. So each
content word of the question (coarse jieba words, stopwords dropped) is weighted by how
informative it is (idf; a word the knowledge never uses counts as the rarest), and confidence is
the weighted share of those words found in the best sentence's passage. It is a ratio in [0, 1],
so one threshold holds for short and long questions and for small and large corpora.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from knowledge.intent import cue_positions

if TYPE_CHECKING:
    from knowledge.engine import Engine

# A lone character the knowledge never uses as a word (拍, 换, 玩) is mostly a light verb in
# colloquial questions, not a topic of its own; it counts half as much as an unknown word.
SINGLE_CHAR_WEIGHT = 0.5
ASPECT_PARTICLES = "了过着"


def compound_credit(word: str, known_parts: list[str]) -> float:
    """Partial credit for an unknown compound from its known parts: the share of its characters
    they cover, halved when its last character is not covered. Chinese compounds are head-final
    (鲁班锁 is a kind of 锁), so a known modifier with an unknown head names something else."""
    covered = set()
    for part in known_parts:
        start = word.find(part)
        while start != -1:
            covered.update(range(start, start + len(part)))
            start = word.find(part, start + 1)
    if not covered:
        return 0.0
    share = len(covered) / len(word)
    return share if len(word) - 1 in covered else share / 2


def coverage(engine: Engine, question: str, passage_id: int) -> float:
    tokenizer = engine.tokenizer
    vocab = engine._passage_vocab[passage_id]
    index = engine.sentences
    n = max(index.size, 1)

    def idf(term: str) -> float:
        return math.log((n + 1) / (index.df(term) + 0.5))

    cues = cue_positions(question)
    total = covered = 0.0
    seen: set[str] = set()
    for word, start, end in tokenizer.spans(question):
        word = word.lower()
        if word in seen or not tokenizer.is_content(word) or cues.intersection(range(start, end)):
            continue
        seen.add(word)
        if len(word) > 1 and word[-1] in ASPECT_PARTICLES and index.df(word) == 0:
            word = word[:-1]  # jieba fuses 了/过/着 onto verbs it does not know (评了)
        terms = tokenizer.terms(word)
        canonical = tokenizer.synonyms.get(word)
        variants = [word, *([canonical] if canonical else [])]
        weight = max(idf(v) for v in variants)
        lone_char = len(word) == 1 and index.df(word) == 0
        if lone_char:
            weight *= SINGLE_CHAR_WEIGHT
        total += weight
        if any(v in vocab for v in variants):
            covered += weight
        elif lone_char:
            # a one-character verb usually abbreviates a word that contains it (拍 -> 拍摄)
            covered += weight / 2 if word in engine.corpus.passages[passage_id].text else 0.0
        else:
            covered += weight * compound_credit(word, [t for t in terms if t != word and t in vocab])
    return covered / total if total else 0.0
