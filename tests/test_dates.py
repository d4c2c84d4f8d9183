"""Countdown and date-aware facts, computed from a stated date and an injected today."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.answer import AnswerKind
from knowledge.articles import Article, Source, load_folder
from knowledge.engine import Engine
from tests.conftest import SEED_DIR


@pytest.fixture(scope="module")
def on_june_1(tokenizer):
    return Engine(load_folder(SEED_DIR), tokenizer, today=lambda: dt.date(2026, 6, 1))


def test_days_left(on_june_1):
    answer = on_june_1.ask("离鲁班工匠日还有几天")
    assert answer.kind is AnswerKind.COMPUTED and answer.answered
    assert "还有10天" in answer.computed and "2026年6月11日，星期四" in answer.computed
    assert answer.best.sentence.startswith("推动设立每年6月11日")
    data = answer.as_dict()
    assert data["sentence"] == answer.computed and "每年6月11日" in data["passage"]


@pytest.mark.parametrize(("question", "expected"), [
    ("今年的工匠日是星期几", "星期四"),
    ("工匠日过了没", "还没到"),
    ("今年6月11号是礼拜几", "星期四"),
    ("俺算算还得几天到工匠日", "还有10天"),
    ("鲁班工匠日今年是周末不", "不是周末"),
])
def test_date_questions(on_june_1, question, expected):
    answer = on_june_1.ask(question)
    assert answer.kind is AnswerKind.COMPUTED and expected in answer.computed


def test_after_the_day_the_next_one_counts(tokenizer):
    engine = Engine(load_folder(SEED_DIR), tokenizer, today=lambda: dt.date(2026, 6, 12))
    assert "已经过了" in engine.ask("工匠日过了没").computed
    assert "2027年6月11日" in engine.ask("离工匠日还有几天").computed
    today = Engine(load_folder(SEED_DIR), tokenizer, today=lambda: dt.date(2026, 6, 11))
    assert "就是鲁班工匠日" in today.ask("离鲁班工匠日还有几天").computed


def test_any_article_with_a_recurring_date(tokenizer):
    article = Article("x", Source("职工节"), ("市总工会决定，每年9月20日为“职工运动日”。",))
    engine = Engine([article], tokenizer, today=lambda: dt.date(2026, 9, 10))
    answer = engine.ask("离职工运动日还有几天")
    assert answer.kind is AnswerKind.COMPUTED and "职工运动日" in answer.computed and "还有10天" in answer.computed


def test_a_countdown_about_something_unknown_is_not_computed(on_june_1):
    assert on_june_1.ask("离春节还有几天").kind is not AnswerKind.COMPUTED
