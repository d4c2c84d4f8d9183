"""Curated answers as knowledge: each answer's phrasings (and its text) indexed by an ``Engine``.

An ``Engine`` built over one small "article" per curated answer reads a question exactly as the
article engine does (sub-words, character bigrams, synonyms, and whatever the engine's question
reading learns later), so 「食堂几点开饭」 finds the answer written for 「职工食堂几点开饭」.
Only the engine's public API is used (``ask``, ``search``, ``corpus``).

Which one wins is decided on coverage, the engine's own confidence: a share of the question's
meaning in [0, 1], comparable across the two indexes where raw BM25 scores are not. The curated
answer wins when it covers the question about as well as the best article sentence
(``WIN_RATIO``) and, when the question asks a kind of fact (when, where, how many ...), one of its
phrasings asks the same: a "when" answer never serves a "where".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from knowledge.answer import Answer, AnswerKind, Candidate
from knowledge.articles import Article, Source
from knowledge.curated import CuratedAnswer
from knowledge.engine import Engine, EngineSettings
from knowledge.intent import Intent, question_intent
from knowledge.normalize import normalize_question
from knowledge.tokenizer import Tokenizer

WIN_RATIO = 0.9     # a curated answer wins at this share of the article answer's confidence
ARTICLE_PREFIX = "curated-"


@dataclass(frozen=True)
class CuratedHit:
    answer: CuratedAnswer
    confidence: float


def curated_answer(question: str, curated: CuratedAnswer, confidence: float, source_label: str) -> Answer:
    """The Answer a worker is shown for a curated answer (also the organizer's preview)."""
    source = Source(title=curated.question, source=source_label, date=curated.updated[:10])
    best = Candidate(-curated.id, -1, curated.answer, curated.answer, 0, len(curated.answer), confidence, source)
    return Answer(question=question, answered=True, best=best, runners_up=(), confidence=confidence,
                  intent="curated", terms=(), matched_terms=())


def _passage(curated: CuratedAnswer) -> str:
    """One passage per answer: every phrasing as a question sentence, then the answer, so the
    engine's coverage (its confidence) sees all of them together."""
    asked = "".join(q.strip().rstrip("?？。!！") + "？" for q in curated.phrasings)
    return asked + curated.answer.strip()


class CuratedIndex:
    """Built once per reload beside the article engine; ``match`` is cheap and thread-safe."""

    def __init__(self, answers: Sequence[CuratedAnswer], tokenizer: Tokenizer,
                 settings: EngineSettings | None = None):
        self.answers = {a.id: a for a in answers}
        articles = [Article(f"{ARTICLE_PREFIX}{a.id}", Source(title=a.question), (_passage(a),)) for a in answers]
        # BM25Plus: on a corpus this small Okapi's idf goes to zero or below for a term in half the
        # entries, and ranks nothing. No anaphora: a title is not the subject of an organizer's sentence.
        self.engine = Engine(articles, tokenizer,
                             replace(settings or EngineSettings(), variant="plus", anaphora=False))
        self._intents = {a.id: {question_intent(normalize_question(q)) for q in a.phrasings} for a in answers}

    def _answer_of(self, candidate: Candidate) -> CuratedAnswer | None:
        article = self.engine.corpus.article_of(self.engine.corpus.sentences[candidate.sentence_id])
        return self.answers.get(int(article.id.removeprefix(ARTICLE_PREFIX)))

    def _fits(self, question: str, curated: CuratedAnswer) -> bool:
        intent = question_intent(normalize_question(question))
        return intent is Intent.NONE or intent in self._intents[curated.id]

    def match(self, question: str) -> CuratedHit | None:
        """The curated answer to ``question`` when the engine is confident of it, else None."""
        if not self.answers:
            return None
        found = self.engine.ask(question)
        # PARTIAL ("the topic is covered, the fact asked is not") judges a sentence by the kind of
        # fact it carries; here the whole entry is the organizer's answer to that very question.
        if found.kind not in (AnswerKind.ANSWER, AnswerKind.PARTIAL) \
                or found.confidence < self.engine.settings.min_confidence:
            return None
        top = found.best or next(iter(self.engine.search(question, k=1)), None)
        if top is None:
            return None
        curated = self._answer_of(top)
        if curated is None or not self._fits(question, curated):
            return None
        return CuratedHit(curated, found.confidence)

    def closest(self, question: str, n: int = 3) -> list[CuratedAnswer]:
        """Curated answers nearest to ``question``, best first (offered as "use an existing answer")."""
        if not self.answers:
            return []
        found: list[CuratedAnswer] = []
        for candidate in self.engine.search(question, k=20):
            curated = self._answer_of(candidate)
            if curated is not None and curated not in found:
                found.append(curated)
        return found[:n]

    def choose(self, question: str, article_answer: Answer, source_label: str) -> Answer:
        """The curated answer when it matches about as well as the best article sentence."""
        if article_answer.kind is AnswerKind.SMALL_TALK:
            return article_answer
        hit = self.match(question)
        if hit is None:
            return article_answer
        if article_answer.answered and hit.confidence < WIN_RATIO * article_answer.confidence:
            return article_answer
        return curated_answer(article_answer.question, hit.answer, hit.confidence, source_label)
