"""Curated answers: an organizer's answer to a question the articles did not cover.

They live in one YAML file (the bot's store, under its storage folder; see the README) as a list
of ``{id, questions, answer, by, updated}`` entries: one answer can carry several phrasings. The
older single ``question`` key is still read. Matching rewordings is ``knowledge.curated_index``;
``CuratedMatcher`` here (whole-word Jaccard) only supplies the grouping key of the question log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.articles import ArticleError
from knowledge.intent import cue_positions, question_intent
from knowledge.normalize import normalize_question
from knowledge.reading import Token
from knowledge.tokenizer import Tokenizer

CURATED_FILE = "curated-answers.yaml"
MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class CuratedAnswer:
    id: int
    question: str
    answer: str
    author: str = ""
    updated: str = ""
    also: tuple[str, ...] = ()   # further phrasings of the same question

    @property
    def phrasings(self) -> tuple[str, ...]:
        return (self.question, *self.also)


def load_curated(path: Path) -> list[CuratedAnswer]:
    """Read the curated answers; raises ArticleError naming the file and entry when malformed."""
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ArticleError(f"{path.name}: not valid UTF-8 YAML ({exc.__class__.__name__})") from None
    if not isinstance(data, list):
        raise ArticleError(f"{path.name}: expected a list of {{id, question, answer}} entries")
    answers = []
    for n, item in enumerate(data, 1):
        questions = item.get("questions", [item.get("question")]) if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(questions, list) or not questions \
                or not all(isinstance(q, str) and q.strip() for q in questions) \
                or not isinstance(item.get("answer"), str) or not isinstance(item.get("id"), int) \
                or isinstance(item.get("id"), bool):
            raise ArticleError(f"{path.name}: entry {n} needs id (number), questions (list of text) and answer (text)")
        answers.append(CuratedAnswer(item["id"], questions[0], item["answer"], str(item.get("by", "")),
                                     str(item.get("updated", "")), tuple(questions[1:])))
    ids = [a.id for a in answers]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise ArticleError(f"{path.name}: id {twice[0]} is used by more than one entry")
    return answers


def dump_curated(answers: list[CuratedAnswer]) -> str:
    """The YAML text of the answers, with a header for people who edit it by hand."""
    data = [{"id": a.id, "questions": list(a.phrasings), "answer": a.answer, "by": a.author, "updated": a.updated}
            for a in answers]
    return ("# Curated answers written by organizers (/unanswered -> 补充答案). Edit freely (keep each id\n"
            "# unique); the bot re-reads this file before every change and on /reload.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def save_curated(path: Path, answers: list[CuratedAnswer]) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a file."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(dump_curated(answers), encoding="utf-8")
    tmp.replace(path)


class CuratedMatcher:
    def __init__(self, answers: list[CuratedAnswer], tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.answers = answers
        self._keys = [self.key(a.question) for a in answers]
        self._intents = [question_intent(normalize_question(a.question)) for a in answers]

    def key(self, question: str) -> frozenset[str]:
        """Content words in the campaign's wording, without question-type words."""
        text = normalize_question(question)
        return self.words_of(self.tokenizer.spans(text), text)

    def words_of(self, spans: Iterable[tuple[str, int, int] | Token], text: str) -> frozenset[str]:
        """The key of a question already segmented (the engine reads each question once)."""
        cues = cue_positions(text)
        words = set()
        for span in spans:
            word, start, end = (span.word, span.start, span.end) if isinstance(span, Token) else span
            word = word.lower()
            if self.tokenizer.is_content(word) and not cues.intersection(range(start, end)):
                words.add(self.tokenizer.synonyms.get(word, word))
        return frozenset(words)

    def match(self, question: str) -> tuple[CuratedAnswer, float] | None:
        return self.match_words(self.key(question), normalize_question(question)) if self.answers else None

    def match_words(self, key: frozenset[str], question: str) -> tuple[CuratedAnswer, float] | None:
        if not key or not self.answers:
            return None
        intent = question_intent(question)
        best, best_score = None, 0.0
        for answer, other, other_intent in zip(self.answers, self._keys, self._intents, strict=True):
            if intent != other_intent and "none" not in (intent, other_intent):
                continue
            score = len(key & other) / len(key | other) if other else 0.0
            if score > best_score:
                best, best_score = answer, score
        return (best, best_score) if best is not None and best_score >= MIN_SIMILARITY else None
