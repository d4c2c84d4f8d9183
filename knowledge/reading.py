"""A question as read once: its tokens (with the clause each belongs to) and which clause asks.

Plain data, shared by every step after reading (ranking, confidence, focus, curated matching,
dates); :mod:`knowledge.query` makes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from knowledge.answer import Correction


class Token(NamedTuple):
    """One word of a question (immutable; a named tuple, not a dataclass: a question makes a few
    dozen of them, and a tuple is made in half the time)."""

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
    _clauses: dict[tuple[int, ...], tuple[Token, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def read_text(self) -> str:
        """The text with words typed by sound replaced by what they were read as, where that keeps
        every position (「一封性叫什么名字」 -> 一封信…: the question words then see the thing asked)."""
        if not self.corrections:
            return self.text
        text = self.text
        for t in self.tokens:
            if t.typed and len(t.typed) == len(t.word) == t.end - t.start:
                text = text[:t.start] + t.word + text[t.end:]
        return text

    def clause_tokens(self, clauses: tuple[int, ...]) -> list[Token]:
        """The tokens of the given clauses, in order (a fresh list; an ask asks for the same few
        clauses about ten times, so the tuples are kept)."""
        found = self._clauses.get(clauses)
        if found is None:
            found = self._clauses[clauses] = tuple(t for t in self.tokens if t.clause in clauses)
        return list(found)
