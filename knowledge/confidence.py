"""Should the engine answer? The share of the question's meaning that the answer's passage covers.

A raw BM25 score cannot tell "a rare word matched" from "the question is about something else":
「鲁班工匠日的天气怎么样」 matches the date sentence strongly yet asks about weather. So each
content word of the question (coarse jieba words, stopwords dropped) is weighted by how
informative it is (idf; a word the knowledge never uses counts as the rarest), and confidence is
the weighted share of those words found in the best sentence's passage. It is a ratio in [0, 1],
so one threshold holds for short and long questions and for small and large corpora.

The words are weighed once per question (:func:`weigh`) from the tokens the question reader
made; :func:`coverage` then only looks words up in a passage's vocabulary, so trying several
passages or clause sets costs no segmentation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.reading import Token
from knowledge.tokenizer import Tokenizer

# A lone character the knowledge never uses as a word (拍, 换, 玩) is mostly a light verb in
# colloquial questions, not a topic of its own; it counts half as much as an unknown word.
SINGLE_CHAR_WEIGHT = 0.5
# aspect particles and resultative complements jieba fuses onto verbs it does not know (评了, 评到, 选完)
ASPECT_PARTICLES = "了过着到上完好"
FUSED_MODALS = "要想能会该"
CORRECTED_CREDIT = 0.8  # a word read by sound (公匠 -> 工匠) is less certain than one typed right


@dataclass(frozen=True)
class Weighed:
    """One content word of the question with its informativeness and how it can be covered."""

    word: str
    variants: tuple[str, ...]   # the word and its alias's campaign wording
    parts: tuple[str, ...]      # its known sub-words (for compounds the index lacks)
    weight: float
    lone_char: bool
    corrected: bool
    start: int
    end: int


def compound_credit(word: str, known_parts: Iterable[str]) -> float:
    """Partial credit for an unknown compound from its known parts: the share of its characters
    they cover, halved when its last character is not covered. Chinese compounds are head-final
    (鲁班锁 is a kind of 锁), so a known modifier with an unknown head names something else."""
    covered: set[int] = set()
    for part in known_parts:
        start = word.find(part)
        while start != -1:
            covered.update(range(start, start + len(part)))
            start = word.find(part, start + 1)
    if not covered:
        return 0.0
    share = len(covered) / len(word)
    return share if len(word) - 1 in covered else share / 2


def weigh(tokens: Iterable[Token], cues: frozenset[int], tokenizer: Tokenizer, df: Callable[[str], int],
          size: int) -> list[Weighed]:
    """The question's content words (question-type words like 哪天 left out), weighed by idf."""
    n = max(size, 1)

    def idf(term: str) -> float:
        return math.log((n + 1) / (df(term) + 0.5))

    out: list[Weighed] = []
    seen: set[str] = set()
    for token in tokens:
        word = token.word.lower()
        if word in seen or not tokenizer.is_content(word) or cues.intersection(range(token.start, token.end)) \
                or word in tokenizer.light_words:
            continue
        seen.add(word)
        if len(word) > 1 and word[-1] in ASPECT_PARTICLES and df(word) == 0:
            word = word[:-1]
        elif len(word) == 2 and word[0] in FUSED_MODALS and df(word) == 0:
            word = word[1:]  # 要建, 想报: jieba fuses a modal onto a verb it does not know
        canonical = tokenizer.synonyms.get(word)
        variants = (word, canonical) if canonical else (word,)
        weight = max(idf(v) for v in variants)
        lone_char = len(word) == 1 and df(word) == 0
        if lone_char:
            weight *= SINGLE_CHAR_WEIGHT
        parts = tuple(t for t in tokenizer.word_terms(word) if t != word)
        out.append(Weighed(word, variants, parts, weight, lone_char, bool(token.typed), token.start, token.end))
    return out


def credit(word: Weighed, vocab: frozenset[str], passage_text: str) -> float:
    """The share of one word's weight a passage earns (1 when it uses the word or its alias)."""
    factor = CORRECTED_CREDIT if word.corrected else 1.0
    if any(v in vocab for v in word.variants):
        return factor
    if word.lone_char:
        # a one-character verb usually abbreviates a word that contains it (拍 -> 拍摄)
        return 0.5 if word.word in passage_text else 0.0
    return factor * compound_credit(word.word, (p for p in word.parts if p in vocab))


def coverage(words: Iterable[Weighed], vocab: frozenset[str], passage_text: str,
             answered: frozenset[str] = frozenset()) -> float:
    """The weighted share of the words the passage covers; ``answered`` words count as covered
    (a yes/no question's number is answered by whatever number the sentence states)."""
    total = covered = 0.0
    for word in words:
        total += word.weight
        covered += word.weight * (1.0 if word.word in answered else credit(word, vocab, passage_text))
    return covered / total if total else 0.0
