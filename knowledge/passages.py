"""Passages (paragraphs) and the sentences inside them: the units the engine ranks and shows.

A sentence is the answer unit; it keeps its character span inside the passage so the bot can
highlight it in place. Semicolon clauses count as sentences: Chinese news prose strings whole
lists of facts together with ";", and a worker wants the one clause that answers. Very short
lead-ins (「培育匠人。」) are headings of their paragraph, so they are joined to the sentence that
follows instead of standing alone.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.articles import Article

_BREAK = re.compile(r"[^。!?;…]*(?:[。!?;…]+[”’」』)]*|$)")
LEAD_IN_MAX_CHARS = 6


@dataclass(frozen=True, slots=True)  # slots: a large corpus holds hundreds of thousands of these
class Passage:
    id: int
    article_index: int
    text: str


@dataclass(frozen=True, slots=True)
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
    def build(cls, articles: Sequence[Article], previous: Corpus | None = None,
              reused: Sequence[int | None] = ()) -> Corpus:
        """``reused[i]``, when given, is the index in ``previous`` of an article identical to
        ``articles[i]`` (see :func:`same_articles`): its passages and sentences are taken over
        (the very objects when their ids do not move) instead of split again."""
        passages: list[Passage] = []
        sentences: list[Sentence] = []
        first_passage, first_sentence = previous.article_ranges if previous is not None else ([], [])
        for a_index, article in enumerate(articles):
            old = reused[a_index] if previous is not None and reused else None
            if old is not None and previous is not None:
                p0, s0 = first_passage[old], first_sentence[old]
                old_passages = previous.passages[p0:first_passage[old + 1]]
                old_sentences = previous.sentences[s0:first_sentence[old + 1]]
                if old == a_index and p0 == len(passages) and s0 == len(sentences):
                    passages.extend(old_passages)
                    sentences.extend(old_sentences)
                else:
                    dp, ds = len(passages) - p0, len(sentences) - s0
                    passages.extend(Passage(p.id + dp, a_index, p.text) for p in old_passages)
                    sentences.extend(Sentence(x.id + ds, x.passage_id + dp, x.start, x.end, x.text)
                                     for x in old_sentences)
                continue
            for paragraph in article.paragraphs:
                passage = Passage(len(passages), a_index, paragraph)
                passages.append(passage)
                for start, end in split_sentences(paragraph):
                    sentences.append(Sentence(len(sentences), passage.id, start, end, paragraph[start:end]))
        return cls(tuple(articles), tuple(passages), tuple(sentences))

    def article_of(self, sentence: Sentence) -> Article:
        return self.articles[self.passages[sentence.passage_id].article_index]

    @functools.cached_property
    def article_ranges(self) -> tuple[list[int], list[int]]:
        """Per article its first passage id and its first sentence id, plus one past the last of
        each at the end: article ``a`` holds passages ``first[a]:first[a + 1]``."""
        first_passage = [0] * (len(self.articles) + 1)
        for passage in self.passages:
            first_passage[passage.article_index + 1] += 1
        per_passage = [0] * (len(self.passages) + 1)
        for sentence in self.sentences:
            per_passage[sentence.passage_id + 1] += 1
        first_passage = list(itertools.accumulate(first_passage))
        by_passage = list(itertools.accumulate(per_passage))
        return first_passage, [by_passage[p] for p in first_passage]


def same_articles(articles: Sequence[Article], previous: Sequence[Article]) -> list[int | None]:
    """Per article, the index of an equal article (same id, source, paragraphs and samples) in
    ``previous``, or None for a new or changed one."""
    where = {article: n for n, article in enumerate(previous)}
    return [where.get(article) for article in articles]
