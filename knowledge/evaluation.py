"""Quality measurement on a question file in the format of ``shared/eval/dev_questions.yaml``.

In-scope questions pass at sentence level when the answer sentence contains one of the expected
strings, at passage level when its passage does; out-of-scope questions pass when the engine
abstains.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.engine import Engine
from knowledge.normalize import clean_line


@dataclass(frozen=True)
class EvalCase:
    question: str
    expect: tuple[str, ...] = ()  # empty: out of scope, the engine should abstain


@dataclass
class EvalReport:
    in_scope: int = 0
    sentence_hits: int = 0
    passage_hits: int = 0
    out_of_scope: int = 0
    abstained: int = 0
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
    def overall(self) -> float:
        total = self.in_scope + self.out_of_scope
        return (self.sentence_hits + self.abstained) / total if total else 1.0


def load_cases(path: Path) -> list[EvalCase]:
    """Read a question file; raises ValueError naming what is malformed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected keys in_scope and out_of_scope")
    cases: list[EvalCase] = []
    for i, item in enumerate(data.get("in_scope") or []):
        if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not item.get("expect"):
            raise ValueError(f"{path.name}: in_scope item {i + 1} needs q (text) and expect (list)")
        cases.append(EvalCase(item["q"], tuple(str(e) for e in item["expect"])))
    for i, q in enumerate(data.get("out_of_scope") or []):
        if not isinstance(q, str):
            raise ValueError(f"{path.name}: out_of_scope item {i + 1} must be a question string")
        cases.append(EvalCase(q))
    return cases


def evaluate(engine: Engine, cases: list[EvalCase], progress: Callable[[int, int], None] | None = None) -> EvalReport:
    report = EvalReport()
    for n, case in enumerate(cases, 1):
        answer = engine.ask(case.question)
        if case.expect:
            report.in_scope += 1
            expect = [clean_line(e) for e in case.expect]
            sentence = answer.best.sentence if answer.best else ""
            passage = answer.best.passage if answer.best else ""
            if any(e in sentence for e in expect):
                report.sentence_hits += 1
            else:
                got = sentence or f"(no answer, confidence {answer.confidence:.2f})"
                report.failures.append(f"{case.question} -> {got}  [expected: {' / '.join(expect)}]")
            report.passage_hits += any(e in passage for e in expect)
        else:
            report.out_of_scope += 1
            if answer.answered:
                report.failures.append(f"{case.question} -> should abstain, answered: {answer.best.sentence}")
            else:
                report.abstained += 1
        if progress:
            progress(n, len(cases))
    return report
