"""A question over a handful of candidates (the seed article) is ranked in Python lists
(``Ranker._rank_few``); it must rank exactly as the numpy path does, scores to the bit, and
leave the same nearest passages for suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge.postings as postings
from knowledge.evaluation import load_cases
from knowledge.ranking import NEAREST_PASSAGES

ROOT = Path(__file__).resolve().parents[1]


def _questions() -> list[str]:
    cases = load_cases(ROOT / "tests" / "data" / "extra_questions.yaml") \
        + load_cases(ROOT / "tests" / "data" / "batch104_tuning83.yaml")
    return [c.question for c in cases]


@pytest.fixture(scope="module")
def questions() -> list[str]:
    return _questions()


def _numpy_path(engine, monkeypatch) -> None:
    """Make every postings list count as many and every candidate set as large, as at scale:
    the passages are matched, and the sentences scored, by numpy's ``bincount``."""
    monkeypatch.setattr(type(engine.ranker.passages), "matching_few", lambda *_args, **_kw: None)
    monkeypatch.setattr(postings, "_FEW_POSTINGS", -1)
    monkeypatch.setattr(postings, "FEW_DOCS", 0)


def test_the_few_candidates_path_is_taken_on_the_seed_article(engine, questions, monkeypatch):
    taken = []
    original = type(engine.ranker)._rank_few

    def spy(self, *args):
        taken.append(1)
        return original(self, *args)

    monkeypatch.setattr(type(engine.ranker), "_rank_few", spy)
    for q in questions[:50]:
        engine.ranker.rank(engine.analyse(q))
    assert len(taken) >= 40


def test_it_ranks_as_the_numpy_path_to_the_bit(engine, questions, monkeypatch):
    few = []
    for q in questions:
        query = engine.analyse(q)
        few.append((engine.ranker.rank(query), query.memo.get(NEAREST_PASSAGES)))
    _numpy_path(engine, monkeypatch)
    compared = 0
    for q, (ranked, nearest) in zip(questions, few, strict=True):
        query = engine.analyse(q)
        assert engine.ranker.rank(query) == ranked, q  # same ids, same order, same float scores
        expected = query.memo.get(NEAREST_PASSAGES)
        if expected is not None and nearest is not None:
            assert list(nearest[0]) == expected[0].tolist() and list(nearest[1]) == expected[1].tolist(), q
            compared += 1
    assert compared >= len(questions) // 2


def test_suggestions_are_the_same_on_both_paths(engine, questions, monkeypatch):
    unanswered = [q for q in questions if not engine.ask(q).answered]
    assert len(unanswered) >= 10
    few = [engine.ask(q).suggestions for q in unanswered]
    _numpy_path(engine, monkeypatch)
    assert [engine.ask(q).suggestions for q in unanswered] == few
