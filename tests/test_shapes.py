"""Issue-9 tuning3 rules: what a question's shape asks that the answer sentence must say.

Questions written for each rule (not taken from a batch): the predicate of a yes/no question,
a place for "where", a count (not an ordinal) for "how many", an ordinal for 「第几」, a name for
"who exactly"; and questions of the same shapes the knowledge does answer.
"""

from __future__ import annotations

import pytest

from knowledge import asks
from knowledge.answer import AnswerKind


@pytest.mark.parametrize("question", [
    "疗休养可以带孩子去吗",            # yes/no: the predicate (带孩子) is not said
    "技能大赛要自己带工具吗",
    "拍全家福需要预约吗",
    "评上工匠能分房子不",
    "全家福管不管冲洗照片",            # A-not-A: 冲洗照片
    "疗休养包不包住宿",
    "交流活动有没有茶歇",
])
def test_yes_no_predicate_must_be_said(engine, question):
    answer = engine.ask(question)
    assert not answer.answered, answer.best


@pytest.mark.parametrize("question", [
    "技能大赛在什么地方举行",          # where: the sentence names no place
    "疗休养活动在哪儿搞",
    "一封信在哪领",
    "工匠创新工作室结对共建在哪里进行",
])
def test_where_needs_a_place_the_question_does_not_name(engine, question):
    assert not engine.ask(question).answered


@pytest.mark.parametrize("question", [
    "第三届枣庄手造工匠选几个人",      # how many: an ordinal is not a count
    "第八届鲁班工匠一共多少名额",
])
def test_how_many_needs_a_count_not_an_ordinal(engine, question):
    assert not engine.ask(question).answered


@pytest.mark.parametrize("question", [
    "初评的评委都是谁",                # who exactly: a post or group is no name
    "结对共建的劳模具体是谁",
    "省内来的那些工匠都叫啥名字",      # a group the sentence leaves vague
])
def test_who_exactly_needs_a_name(engine, question):
    assert not engine.ask(question).answered


@pytest.mark.parametrize(("question", "expected"), [
    ("鲁班纪念馆能得到省总工会支持吗", "政策支持"),        # yes/no whose predicate is said
    ("今年是不是第二个鲁班工匠日", "第二个"),
    ("工匠事迹在哪里宣传", "主流媒体"),                    # 在…: a place
    ("纪念馆改造的钱是从哪来的", "资金扶持"),              # a source: an organization answers
    ("第八届鲁班工匠是第几届", "第八届"),
    ("一共培育了多少名工匠", "1470名"),
    ("要请来的人民工匠叫什么名字", "许振超"),              # who exactly, named
])
def test_same_shapes_answered_when_said(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence, (answer.kind, answer.best)


def test_partial_reply_names_the_predicate(engine):
    answer = engine.ask("疗休养可以带孩子去吗")
    assert answer.kind is AnswerKind.PARTIAL and "带孩子" in answer.focus


@pytest.mark.parametrize(("clause", "predicate"), [
    ("疗休养管不管饭", "饭"), ("拍照要穿工装吗", "穿工装"), ("有没有奖金", "奖金"), ("工匠家里会收到什么", None),
])
def test_yes_no_predicate_shape(tokenizer, clause, predicate):
    from knowledge.reading import Token

    tokens = [Token(w, s, e) for w, s, e in tokenizer.spans(clause)]
    found = asks.yes_no_predicate(clause, tokens, 0)
    assert (found and clause[found[1]:].rstrip("吗")) == predicate or (found is None and predicate is None)


def test_ordinals_and_dates_are_not_counts():
    assert not asks.has_count("对第八届“鲁班工匠”开展培育工作,时间是2025年6月11日")
    assert asks.has_count("打造130余个工匠品牌") and asks.has_ordinal("第三届")
