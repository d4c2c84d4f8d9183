"""Answerability: a topic match alone is not an answer; partial knowledge is said honestly."""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind
from knowledge.focus import asks_enumeration


@pytest.mark.parametrize(("question", "topic", "focus"), [
    ("鲁班纪念馆焕新开放是哪一天", "鲁班纪念馆焕新开放", "哪一天"),   # a "when" focus needs a date
    ("鲁班纪念馆几点开门", "鲁班纪念馆", "几点开门"),                  # focus word (data/focus.yaml)
    ("鲁班工匠日放假吗", "鲁班工匠日", "是否放假"),                    # yes/no focus
    ("徐婷副主席的电话是多少", "徐婷", "电话"),
    ("许振超哪天来枣庄", "许振超", "哪天来"),  # 枣庄 is said by the announcement of the item
])
def test_topic_without_focus_is_a_partial_answer(engine, question, topic, focus):
    answer = engine.ask(question)
    assert answer.kind is AnswerKind.PARTIAL and not answer.answered and answer.best is None
    assert answer.topic.startswith(topic) and answer.focus.startswith(focus)
    assert answer.related is not None and answer.runners_up == (answer.related,)


@pytest.mark.parametrize("question", [
    "130多个工匠品牌都有哪些",              # the asker knows the count: a list is asked
    "197名劳模都是谁，能把名单发我吗",       # focus in a second question clause
    "工匠疗休养去哪里，去几天",             # "where" needs a place
    "鲁班工匠每个月有多少补贴",             # the counted noun is not in the passage
])
def test_questions_the_article_does_not_answer_are_not_answered(engine, question):
    assert not engine.ask(question).answered


@pytest.mark.parametrize(("question", "expected"), [
    ("非公企业的工作室跟谁结对", "结对共建"),   # "who" is answered by a group, not only a name
    ("全家福是谁拍的", "全家福"),              # ... or by a body (各级工会)
    ("劳动模范选拔的条件", "条件和程序"),
    ("鲁班工匠的评选要经过哪些程序", "专家评审"),  # 哪些 without a stated count: the list answers
])
def test_focus_rules_keep_real_answers(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence


def test_enumeration_is_asked_only_after_a_stated_count():
    assert asks_enumeration("130多个工匠品牌都有哪些")
    assert asks_enumeration("那几个联盟都叫啥")
    assert not asks_enumeration("评选要经过哪些程序")


def test_runner_up_with_the_asked_kind_of_fact_wins(engine):
    answer = engine.ask("今年咱枣庄评上劳模的有多少人")  # the best BM25 sentence has no count
    assert answer.answered and "197名" in answer.best.sentence
