"""A question as read once: its tokens (with the clause each belongs to) and which clause asks.

Plain data, shared by every step after reading (ranking, confidence, focus, curated matching,
dates); :mod:`knowledge.query` makes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.answer import Correction


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int
    typed: str = ""      # the text as typed, when the word was read by sound
    clause: int = 0


@dataclass(frozen=True)
class Reading:
    """A question after one pass of jieba."""

    text: str
    tokens: tuple[Token, ...]
    main: int                      # index of the clause carrying the question
    context: tuple[int, ...]       # other clauses that are not preamble
    asking: tuple[int, ...]        # the main clause and other clauses with question words
    corrections: tuple[Correction, ...]
    asked: int | None = None       # the question clause when the main one only lends it its topic

    def clause_tokens(self, clauses: tuple[int, ...]) -> list[Token]:
        return [t for t in self.tokens if t.clause in clauses]
