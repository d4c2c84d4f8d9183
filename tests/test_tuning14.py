"""Session-8 rules, third round (batches 95-98, measured untouched, then tuned on): countdowns
with the worker's own plans around them, weekday guesses, English small talk and questions,
watching it live, the unit that held a press conference, doubts, 我寻思, 真 before a verb.

Own cases written for each rule (not taken from the batches); each fails without its change.
"""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind
from tests.test_tuning7 import assert_answers


@pytest.mark.parametrize("question", [
    "明年鲁班工匠日星期几 我看看能不能调休",         # a later clause about the worker's own shifts
    "俺们车间想在鲁班工匠日搞个聚餐，算算还剩几天",     # the day named in the worker's own clause
    "今年鲁班工匠日是不是周二",                       # a weekday guessed
])
def test_countdowns_among_the_workers_own_plans(engine, question):
    answer = engine.ask(question)
    assert answer.kind is AnswerKind.COMPUTED and "鲁班工匠日" in answer.computed


@pytest.mark.parametrize(("question", "kind"), [("Hello, who are you", "identity"), ("打扰一下", "greeting"),
                                                ("这个靠谱不", "abilities")])
def test_more_small_talk(engine, question, kind):
    answer = engine.ask(question)
    assert answer.kind is AnswerKind.SMALL_TALK and answer.small_talk == kind


@pytest.mark.parametrize(("question", "expected"), [
    ("What is Xu Ting's position?", "副主席"),
    ("Which reporter wrote the article?", "田国垒"),
    ("How many craftsmen trained so far", "1470名"),
])
def test_english_questions(engine, question, expected):
    assert_answers(engine.ask(question), expected)


def test_watching_it_live_needs_a_broadcast(engine):
    assert not engine.ask("鲁班工匠日当天有直播吗，在哪能看").answered


def test_the_unit_that_held_the_press_conference(engine):
    assert_answers(engine.ask("这消息是哪个单位开的发布会上说的"), "新闻办")


@pytest.mark.parametrize(("question", "expected"), [
    ("听说培育了一千多名工匠，真有那么多？到底多少", "1470名"),     # a doubt lends no topic
    ("我在工地上白班 一起干活的老哥说他被安排去疗休养了 我寻思这疗休养到底是干啥的", "放松身心"),  # 我寻思 asks
    ("市里会不会真给工匠家里拍全家福", "全家福"),                   # 真 only stresses the verb
])
def test_doubts_wonders_and_stress(engine, question, expected):
    assert_answers(engine.ask(question), expected)


@pytest.mark.parametrize(("question", "expected"), [
    ("What day is Luban Day held on each year?", "6月11日"),
    ("How many advanced workers were honored?", "197名"),
    ("Who introduced the selection at the press conference?", "徐婷"),
    ("Can private companies pair up with other studios?", "非公企业"),
])
def test_the_campaign_in_english(engine, question, expected):
    assert_answers(engine.ask(question), expected)


@pytest.mark.parametrize("question", ["Is Luban Day a public holiday?", "How do I sign up for the 技能大赛?"])
def test_english_asks_the_knowledge_does_not_answer(engine, question):
    # what the knowledge covers is said, and that it does not say this (a holiday, how to sign up)
    assert engine.ask(question).kind is AnswerKind.PARTIAL


@pytest.mark.parametrize(("question", "kind"), [("hi there", "greeting"), ("xie xie", "thanks"), ("zai ma", "greeting"),
                                                ("ok bye, see you", "bye"), ("zai ma? anyone here", "greeting")])
def test_small_talk_in_english_and_pinyin(engine, question, kind):
    # 「zai ma」 holds the letters ai, which alone would read as asking whether this is an AI
    answer = engine.ask(question)
    assert answer.kind is AnswerKind.SMALL_TALK and answer.small_talk == kind


def test_an_english_weekend_countdown(engine):
    answer = engine.ask("Does Luban Day fall on a weekend next year?")
    assert answer.kind is AnswerKind.COMPUTED and "周末" in answer.computed


@pytest.mark.parametrize("question", ["Does Luban Day fall on a weekend next year?", "Who is the boss of the union?",
                                      "这条新闻几号的消息"])
def test_the_question_is_echoed_as_written(engine, question):
    # computed, unanswered and dateline answers alike: the worker and the organizers see the words
    # the worker wrote, not the engine's reading of them
    assert engine.ask(question).question == question
