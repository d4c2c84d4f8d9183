"""Typed results of the engine: what the bot, the console and the JSON output all render."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.articles import Source


class AnswerKind(StrEnum):
    """What sort of reply this is; the bot renders each differently."""

    ANSWER = "answer"          # a sentence of the knowledge answers the question
    NONE = "none"              # nothing relevant: apology and suggestions
    PARTIAL = "partial"        # the topic is covered, the thing asked is not (``related`` shows what is)
    SMALL_TALK = "small_talk"  # greeting, thanks, "who are you": a friendly pointer to /help
    COMPUTED = "computed"      # a fact computed from a stated date and today (``computed``)


@dataclass(frozen=True)
class Candidate:
    """One ranked sentence with the passage around it; ``start``/``end`` locate it there."""

    sentence_id: int
    passage_id: int
    sentence: str
    passage: str
    start: int
    end: int
    score: float
    source: Source

    def as_dict(self) -> dict[str, object]:
        return {"sentence": self.sentence, "passage": self.passage, "score": round(self.score, 4),
                "span": [self.start, self.end], "source": self.source.as_dict()}


@dataclass(frozen=True)
class TermScore:
    term: str
    idf: float
    weight: float


@dataclass(frozen=True)
class Correction:
    """A question word the index did not know, read as an index word that sounds the same."""

    typed: str
    read_as: str


@dataclass(frozen=True)
class Answer:
    """The engine's reply to one question.

    ``answered`` is False when the knowledge does not cover the question; then ``best`` is None
    and ``suggestions`` holds questions the knowledge can answer.
    """

    question: str
    answered: bool
    best: Candidate | None
    runners_up: tuple[Candidate, ...]
    confidence: float
    intent: str
    terms: tuple[str, ...]
    matched_terms: tuple[str, ...]
    tied: bool = False
    suggestions: tuple[str, ...] = ()
    explanation: tuple[TermScore, ...] = field(default=(), compare=False)
    kind: AnswerKind = AnswerKind.ANSWER
    focus: str = ""                      # what the question asks about (开放时间, 票价 …), if found
    topic: str = ""                      # PARTIAL: what the knowledge does say (鲁班纪念馆焕新开放)
    related: Candidate | None = None     # PARTIAL: the passage that covers the topic
    computed: str = ""                   # COMPUTED: the computed answer; ``best`` is its source sentence
    small_talk: str = ""                 # SMALL_TALK: which kind (greeting, thanks, bye, identity, abilities)
    corrections: tuple[Correction, ...] = ()

    def __post_init__(self) -> None:
        if not self.answered and self.kind is AnswerKind.ANSWER:
            object.__setattr__(self, "kind", AnswerKind.NONE)

    def as_dict(self) -> dict[str, object]:
        best = self.best
        data: dict[str, object] = {
            "question": self.question,
            "answered": self.answered,
            "kind": self.kind.value,
            "sentence": self.computed or (best.sentence if best else None),
            "passage": best.passage if best else None,
            "span": [best.start, best.end] if best else None,
            "score": round(best.score, 4) if best else 0.0,
            "confidence": round(self.confidence, 3),
            "intent": self.intent,
            "source": best.source.as_dict() if best else None,
            "matched_terms": list(self.matched_terms),
            "tied": self.tied,
            "candidates": [c.as_dict() for c in self.runners_up],
            "suggestions": list(self.suggestions),
        }
        if self.focus:
            data["focus"] = self.focus
        if self.related is not None:
            data["topic"] = self.topic
            data["related"] = self.related.as_dict()
        if self.small_talk:
            data["small_talk"] = self.small_talk
        if self.corrections:
            data["corrections"] = [{"typed": c.typed, "read_as": c.read_as} for c in self.corrections]
        if self.explanation:
            data["explain"] = {"terms": list(self.terms),
                               "scores": [{"term": t.term, "idf": round(t.idf, 4), "weight": round(t.weight, 4)}
                                          for t in self.explanation]}
        return data
