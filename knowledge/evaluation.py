"""Quality measurement on a question file in the format of ``shared/eval/dev_questions.yaml``.

In-scope questions pass at sentence level when the engine answers and its sentence contains one
of the expected strings, at passage level when its passage does; they may carry a ``kind:`` so
accuracy is reported per kind of question. Off-topic (``out_of_scope``) and "hard" off-topic
questions (``hard_out_of_scope``: they reuse the article's words but ask what it does not say)
pass when the engine does not answer. ``small_talk`` lines pass when recognized as small talk,
``countdown`` lines when answered with a computed date fact. Precision when answered is the
share of answered questions that were answered right: a confident wrong answer is the costliest
failure, so it is reported on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.answer import AnswerKind
from knowledge.engine import Engine
from knowledge.normalize import clean_line

GROUPS = ("in_scope", "out_of_scope", "hard_out_of_scope", "small_talk", "countdown")


@dataclass(frozen=True)
class EvalCase:
    question: str
    expect: tuple[str, ...] = ()  # empty: the engine should not answer from the articles
    kind: str = ""
    group: str = "in_scope"


@dataclass
class EvalReport:
    in_scope: int = 0
    sentence_hits: int = 0
    passage_hits: int = 0
    out_of_scope: int = 0
    abstained: int = 0
    hard_out_of_scope: int = 0
    hard_abstained: int = 0
    small_talk: int = 0
    small_talk_hits: int = 0
    countdown: int = 0
    countdown_hits: int = 0
    answered: int = 0
    answered_right: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [hits, total]
    failures: list[str] = field(default_factory=list)

    @property
    def sentence_accuracy(self) -> float:
        return self.sentence_hits / self.in_scope if self.in_scope else 1.0

    @property
    def passage_accuracy(self) -> float:
        return self.passage_hits / self.in_scope if self.in_scope else 1.0

    @property
    def abstention_accuracy(self) -> float:
        return self.abstained / self.out_of_scope if self.out_of_scope else 1.0

    @property
    def hard_abstention_accuracy(self) -> float:
        return self.hard_abstained / self.hard_out_of_scope if self.hard_out_of_scope else 1.0

    @property
    def precision(self) -> float:
        return self.answered_right / self.answered if self.answered else 1.0

    @property
    def overall(self) -> float:
        total = self.in_scope + self.out_of_scope + self.hard_out_of_scope + self.small_talk + self.countdown
        hits = (self.sentence_hits + self.abstained + self.hard_abstained + self.small_talk_hits
                + self.countdown_hits)
        return hits / total if total else 1.0

    def kind_accuracy(self) -> dict[str, float]:
        return {kind: hits / total for kind, (hits, total) in sorted(self.kinds.items())}

    def summary(self) -> dict[str, object]:
        """The figures as plain data (``run.py eval --json``)."""
        return {
            "in_scope": self.in_scope, "out_of_scope": self.out_of_scope,
            "hard_out_of_scope": self.hard_out_of_scope, "small_talk": self.small_talk,
            "countdown": self.countdown,
            "sentence_accuracy": round(self.sentence_accuracy, 4),
            "passage_accuracy": round(self.passage_accuracy, 4),
            "abstention_accuracy": round(self.abstention_accuracy, 4),
            "hard_abstention_accuracy": round(self.hard_abstention_accuracy, 4),
            "small_talk_accuracy": round(self.small_talk_hits / self.small_talk, 4) if self.small_talk else 1.0,
            "countdown_accuracy": round(self.countdown_hits / self.countdown, 4) if self.countdown else 1.0,
            "precision_when_answered": round(self.precision, 4),
            "answered": self.answered,
            "kinds": {k: round(v, 4) for k, v in self.kind_accuracy().items()},
            "overall": round(self.overall, 4),
        }


def load_cases(path: Path) -> list[EvalCase]:
    """Read a question file; raises ValueError naming what is malformed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected keys {', '.join(GROUPS)}")
    cases: list[EvalCase] = []
    for i, item in enumerate(data.get("in_scope") or []):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not item.get("expect"):
            raise ValueError(f"{path.name}: in_scope item {i + 1} needs q (text) and expect (list)")
        cases.append(EvalCase(item["q"], tuple(str(e) for e in item["expect"]), str(item.get("kind") or "")))
    for group in GROUPS[1:]:
        for i, q in enumerate(data.get(group) or []):
            if not isinstance(q, str):
                raise ValueError(f"{path.name}: {group} item {i + 1} must be a question string")
            cases.append(EvalCase(q, group=group))
    return cases


def evaluate(engine: Engine, cases: list[EvalCase], progress: Callable[[int, int], None] | None = None) -> EvalReport:
    report = EvalReport()
    for n, case in enumerate(cases, 1):
        answer = engine.ask(case.question)
        sentence = answer.best.sentence if answer.answered and answer.best else ""
        if answer.answered:
            report.answered += 1
        if case.group == "in_scope":
            report.in_scope += 1
            expect = [clean_line(e) for e in case.expect]
            hit = any(e in sentence for e in expect) and answer.kind is AnswerKind.ANSWER
            report.sentence_hits += hit
            report.answered_right += hit
            kind = report.kinds.setdefault(case.kind or "unlabelled", [0, 0])
            kind[0] += hit
            kind[1] += 1
            if not hit:
                got = sentence or f"(no answer: {answer.kind.value}, confidence {answer.confidence:.2f})"
                report.failures.append(f"{case.question} -> {got}  [expected: {' / '.join(expect)}]")
            passage = answer.best.passage if answer.answered and answer.best else ""
            report.passage_hits += any(e in passage for e in expect)
        elif case.group == "countdown":
            report.countdown += 1
            hit = answer.answered and answer.kind is AnswerKind.COMPUTED
            report.countdown_hits += hit
            report.answered_right += hit
            if not hit:
                report.failures.append(f"{case.question} -> should compute a date, got: {sentence or answer.kind}")
        elif case.group == "small_talk":
            report.small_talk += 1
            hit = answer.kind is AnswerKind.SMALL_TALK
            report.small_talk_hits += hit
            if not hit:
                report.failures.append(f"{case.question} -> should be small talk, got: {sentence or answer.kind}")
        else:
            hard = case.group == "hard_out_of_scope"
            report.hard_out_of_scope += hard
            report.out_of_scope += not hard
            if answer.answered:
                report.failures.append(f"{case.question} -> should not answer, answered: {sentence}")
            elif hard:
                report.hard_abstained += 1
            else:
                report.abstained += 1
        if progress:
            progress(n, len(cases))
    return report
