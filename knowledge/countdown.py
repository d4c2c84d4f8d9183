"""Countdown questions (「离鲁班工匠日还有几天」, 「工匠日过了没」): computed, not ranked.

The best-matching stated date fact (:mod:`knowledge.dates`) is found by the question's words
(minus its countdown cue) and compared with today, which the engine injects.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from knowledge import dates
from knowledge.answer import Answer, AnswerKind, Candidate
from knowledge.confidence import Weighed, coverage, credit
from knowledge.intent import Intent
from knowledge.passages import Corpus
from knowledge.query import Query
from knowledge.reading import Token
from knowledge.settings import EngineSettings


class Knowledge(Protocol):
    """What a countdown reads of the engine."""

    settings: EngineSettings
    corpus: Corpus
    date_facts: list[dates.DateFact]
    today: Callable[[], dt.date]

    def sentence_vocab(self, sentence_id: int) -> frozenset[str]: ...
    def date_facts_using(self, terms: set[str]) -> list[dates.DateFact]: ...
    def weighed(self, tokens: Sequence[Token], text: str) -> list[Weighed]: ...
    def candidate(self, sentence_id: int, score: float = 0.0) -> Candidate | None: ...


_OWN = re.compile(r"[我俺咱](?:们)?(?:[^，,。？?！!]{0,4}?)(?:想|要|打算|准备|得|寻思)")


# the worker arranging their own time (「要不要安排调休」「得提前请假不」)
_ARRANGING = re.compile(r"安排|请假|调班|换班|排班|准备")


def _span(tokens: Sequence[Token]) -> tuple[int, int]:
    return (tokens[0].start, tokens[-1].end) if tokens else (0, 0)


def countdown(e: Knowledge, query: Query) -> Answer | None:
    """「离鲁班工匠日还有几天」: computed from the best-matching stated date and today."""
    ask = dates.asked(query.text)
    if ask is None or not e.date_facts:
        return None
    reading, text = query.reading, query.text
    asked = dates.date_in_question(text)
    if asked:
        facts = sorted((f for f in e.date_facts if (f.month, f.day) == asked), key=lambda f: f.year is not None)
        if not facts:
            return None
        fact, confidence = facts[0], 1.0
    else:
        cue: set[int] = set()
        for m in dates.CUE.finditer(text):
            cue.update(range(m.start(), m.end()))
        # the clauses up to the question and those that ask: a remark after it (「俺好早安排」,
        # 「想提前跟老板请假」) says why the worker asks, not which day
        # (「…是周几 我看看排没排班」: a later clause asking about the worker's own shifts too)
        # 「俺们学校想在鲁班工匠日组织活动，算算还有几天」: a clause about the worker's own plans
        # before the question lends only the day's name
        def clause_text(c: int) -> str:
            return text[slice(*_span(reading.clause_tokens((c,))))]

        # 「工匠日那天周几，要不要安排调休？」: a last clause about the worker's own arrangements,
        # asking no date, leaves the question to the clause before that asks one
        main = reading.main
        if dates.asked(clause_text(main)) is None and _ARRANGING.search(clause_text(main)):
            main = next((c for c in range(main - 1, -1, -1) if dates.asked(clause_text(c)) is not None), main)
        own = {c for c in range(main) if _OWN.match(clause_text(c))}
        clauses = tuple(c for c in (reading.main, *reading.context) if c not in own and (
            c <= main or c in reading.asking and dates.asked(clause_text(c)) is not None))
        tokens = [t for t in reading.clause_tokens(clauses) if not cue.intersection(range(t.start, t.end))]
        words = e.weighed(tokens, text)
        if not words or own:
            names = {f.name for f in e.date_facts if f.name}
            earlier = [t for t in reading.tokens if t.clause in own or t.clause < main and not words]
            words = words + [w for w in e.weighed(earlier, text) if names.intersection(w.variants)]
        if not words:
            return None
        facts = e.date_facts_using({v for w in words for v in (*w.variants, *w.parts)})
        if not facts:
            return None
        scored = [(coverage(words, e.sentence_vocab(f.sentence_id), e.corpus.sentences[f.sentence_id].text), f)
                  for f in facts]
        confidence, fact = max(scored, key=lambda pair: (pair[0], pair[1].year is None))
        if confidence < e.settings.min_confidence:
            return None
        said = e.corpus.sentences[fact.sentence_id].text
        named = bool(fact.name) and any(fact.name in w.variants for w in words)
        if not named and not all(credit(w, e.sentence_vocab(fact.sentence_id), said) for w in words):
            # 「下周枣庄有没有雨」: a date beside 枣庄 is no answer; a date no name says must cover
            # everything the question says besides its cue words
            return None
    computed = dates.compute(ask, fact, e.today(), text)
    candidate = e.candidate(fact.sentence_id)
    if computed is None or candidate is None:
        return None
    return Answer(question=text, answered=True, best=candidate, runners_up=(), confidence=confidence,
                  intent=Intent.WHEN.value, terms=tuple(query.terms), matched_terms=(),
                  kind=AnswerKind.COMPUTED, computed=computed, corrections=reading.corrections)
