"""Typed results of the engine: what the bot, the console and the JSON output all render."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.articles import Source


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

    def as_dict(self) -> dict[str, object]:
        best = self.best
        data: dict[str, object] = {
            "question": self.question,
            "answered": self.answered,
            "sentence": best.sentence if best else None,
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
        if self.explanation:
            data["explain"] = {"terms": list(self.terms),
                               "scores": [{"term": t.term, "idf": round(t.idf, 4), "weight": round(t.weight, 4)}
                                          for t in self.explanation]}
        return data
