"""Tuning4 rules: answerable questions the strict shape rules declined.

Own cases written for each rule (not taken from a batch): a yes/no predicate the article says
in other words (generic verbs, a number, shared characters, a focus word's class, a date unit);
the name of a thing asked with 叫啥 (not a person); a time in the past (前几天) that is not a
how-many question; a name read by sound when its given name is typed right.
"""

from __future__ import annotations

import pytest

from knowledge import asks
from knowledge.intent import Intent, asked_thing, question_intent


@pytest.mark.parametrize(("word", "sentence", "said"), [
    ("安排", "开展工匠专题疗休养活动。", True),         # a generic verb
    ("三百个", "共表彰197名劳动模范。", True),          # any count says yes or no to a number
    ("三百个", "表彰劳动模范和先进工作者。", False),
    ("寄信", "送上《致全市工匠的一封信》。", True),       # half its characters
    ("冲洗照片", "为工匠家庭拍摄全家福。", False),
    ("号", "推动设立每年6月11日为鲁班工匠日。", True),   # 11号 is said by 11日
    ("号", "推动设立鲁班工匠日。", False),
])
def test_predicate_said_loosely(word, sentence, said):
    assert asks.said_loosely(word, sentence) is said


@pytest.mark.parametrize("question", [
    "工匠日是不是6月11号",
    "省总工会有没有给纪念馆出钱",
    "会不会组织工匠去疗休养",
])
def test_yes_no_said_in_other_words_is_answered(engine, question):
    assert engine.ask(question).answered


@pytest.mark.parametrize(("question", "thing"), [
    ("培养青年工匠的计划叫什么", "计划"),
    ("那个交流活动的名字是啥", "活动"),
    ("工会寄给工匠的信叫啥", "信"),
    ("那个领导叫啥", None),
    ("总工会副主席叫什么名字", None),
    ("这个计划是谁提出的", None),
])
def test_name_of_a_thing_is_not_a_person(question, thing):
    assert asked_thing(question) == thing
    assert (question_intent(question) is Intent.WHO) is (thing is None)


def test_name_of_a_thing_needs_the_name_said():
    assert asks.names_thing("实施“未来工匠”培育计划。", "计划", "那个计划叫啥")
    assert asks.names_thing("开展结对共建活动。", "活动", "那个活动叫啥")
    assert not asks.names_thing("开展系列活动。", "活动", "那个系列活动叫啥")


def test_time_ago_is_not_a_count():
    assert question_intent("这几年工会为工匠做了啥") is Intent.NONE
    assert question_intent("评了几年") is Intent.HOW_MANY


def test_days_ago_is_no_duration_focus(engine):
    rules = engine.tokenizer.focus
    assert [f.word for f in rules.lexical("前几天听说疗休养", [(0, 8)])] == []
    assert [f.word for f in rules.lexical("疗休养去几天", [(0, 6)])] == ["几天"]


def test_name_read_by_sound_with_its_given_name_typed_right(engine):
    assert "徐婷" in engine.ask("许婷是干啥的").best.sentence
