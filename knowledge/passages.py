"""Passages (paragraphs) and the sentences inside them: the units the engine ranks and shows.

A sentence is the answer unit; it keeps its character span inside the passage so the bot can
highlight it in place. Semicolon clauses count as sentences: Chinese news prose strings whole
lists of facts together with ";", and a worker wants the one clause that answers. Very short
lead-ins (「培育匠人。」) are headings of their paragraph, so they are joined to the sentence that
follows instead of standing alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.articles import Article

_BREAK = re.compile(r"[^。!?;…]*(?:[。!?;…]+[”’」』)]*|$)")
LEAD_IN_MAX_CHARS = 6


@dataclass(frozen=True)
class Passage:
    id: int
    article_index: int
    text: str


@dataclass(frozen=True)
class Sentence:
    id: int
    passage_id: int
    start: int
    end: int
    text: str


def split_sentences(text: str, lead_in_max: int = LEAD_IN_MAX_CHARS) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph."""
    spans: list[tuple[int, int]] = []
    pending_start: int | None = None
    for match in _BREAK.finditer(text):
        start, end = match.span()
        if start == end:
            continue
        piece = text[start:end].strip()
        if not piece:
            continue
        if pending_start is not None:
            start, pending_start = pending_start, None
        if len(piece) <= lead_in_max and end < len(text):
            pending_start = start
            continue
        spans.append((start, end))
    if pending_start is not None:
        spans.append((pending_start, len(text)))
    return spans


@dataclass(frozen=True)
class Corpus:
    """All passages and sentences of a set of articles, addressed by integer ids."""

    articles: tuple[Article, ...]
    passages: tuple[Passage, ...]
    sentences: tuple[Sentence, ...]

    @classmethod
    def build(cls, articles: Sequence[Article]) -> Corpus:
        passages: list[Passage] = []
        sentences: list[Sentence] = []
        for a_index, article in enumerate(articles):
            for paragraph in article.paragraphs:
                passage = Passage(len(passages), a_index, paragraph)
                passages.append(passage)
                for start, end in split_sentences(paragraph):
                    sentences.append(Sentence(len(sentences), passage.id, start, end, paragraph[start:end]))
        return cls(tuple(articles), tuple(passages), tuple(sentences))

    def article_of(self, sentence: Sentence) -> Article:
        return self.articles[self.passages[sentence.passage_id].article_index]
