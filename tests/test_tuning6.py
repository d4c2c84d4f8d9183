"""Tuning6 rules: the speaker's own city, relayed requests, a clause asked only by a closing 不,
dialect 恁 and 「…不」 in small talk.

Own cases written for each rule (not taken from a batch).
"""

from __future__ import annotations

import pytest

from knowledge.smalltalk import SmallTalk
from tests.helpers import ROOT


@pytest.mark.parametrize(("question", "expected"), [
    # 咱/俺们 + place + 这/那: where the worker stands, not what is asked
    ("俺们枣庄这鲁班工匠日定在几号", "6月11日"),
    ("咱们枣庄那个鲁班工匠日是几月几号", "6月11日"),
])
def test_the_speakers_own_city_is_not_the_topic(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence, answer


@pytest.mark.parametrize(("question", "expected"), [
    # a relayed request (领导让我了解一下) frames the question; 领导 is not asked about
    ("我在车间当班长，主任叫我问问。劳模一共表彰了多少名？", "197名"),
    ("师傅让我打听一下，鲁班工匠这回评到第几届了？", "第八届"),
])
def test_a_relayed_request_is_not_the_question(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence, answer
    reading = engine.reader.read(question)
    relayed = next(t.clause for t in reading.tokens if t.word in ("主任", "师傅"))
    assert relayed not in reading.context and relayed != reading.main


def test_a_clause_asked_only_by_a_closing_bu_is_a_tag(engine):
    """「市里关心工匠不，有没有X」: the first clause is a tag; the second names what is asked."""
    question = "市里关心工匠不，有没有给拍全家福"
    assert engine.reader.read(question).main == 1
    answer = engine.ask(question)
    assert answer.answered and "全家福" in answer.best.sentence, answer


@pytest.mark.parametrize(("text", "kind"), [
    ("多谢恁了", "thanks"),
    ("恁好", "greeting"),
    ("你是不是机器人啊", "identity"),
    ("恁是真人不", "identity"),
    ("你是机器人不，鲁班工匠日是哪天", None),
])
def test_dialect_small_talk(text, kind):
    assert SmallTalk(ROOT / "knowledge" / "data" / "smalltalk.yaml").kind(text) == kind
