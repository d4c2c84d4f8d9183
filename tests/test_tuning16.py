"""Session-9 rules, second round (batches 108-110, measured untouched, then tuned on): a focus
word pointed at as the thing just named (这种待遇), how often something recurs, 哪家工会, a
date denied as a guess (不是…吧), a person named by surname (姓徐的), a number guessed after the
question, and the words these sets showed.

Own cases written for each rule (not taken from the batches); each fails without its change.
"""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind
from tests.test_tuning7 import assert_answers


def test_a_focus_word_pointed_at_is_the_thing_named(engine):
    """「疗休养这类待遇」: the 待遇 is the 疗休养, not money asked about."""
    assert_answers(engine.ask("工匠有没有疗休养这类待遇"), "疗休养")


def test_money_asked_as_a_benefit_still_needs_an_amount(engine):
    assert not engine.ask("工匠疗休养有啥待遇").answered


def test_how_often_needs_a_recurrence(engine):
    """「几年评一回」 is not answered by a sentence saying the selection was done this year."""
    assert not engine.ask("劳模几年评一回啊").answered


def test_how_often_a_yearly_day_recurs(engine):
    assert_answers(engine.ask("鲁班工匠日多久搞一次"), "每年6月11日")


def test_which_union_asks_for_a_body(engine):
    assert_answers(engine.ask("哪家工会按名额层层选出的劳模"), "市总工会严格遵循")


def test_a_date_denied_as_a_guess(engine):
    """「不是6月6号吧」 checks the day's date: the sentence naming the day answers, not 6月6日's."""
    assert_answers(engine.ask("鲁班工匠日不是6月6号吧？我记得新闻是那天发的"), "6月11日")


@pytest.mark.parametrize(("question", "expected"), [("姓许的那位是干啥的", "许振超"),
                                                    ("发布会上那个姓徐的领导是啥职务", "副主席")])
def test_a_person_named_by_surname(engine, question, expected):
    assert_answers(engine.ask(question), expected)


def test_a_surname_nobody_has_names_no_one(engine):
    assert not engine.ask("姓王的那位是干啥的").answered


def test_a_number_guessed_after_the_question(engine):
    """「…多少劳模，有两百个不」: the guess asks nothing; the question before it is asked (and
    俺们市, the worker's own city, frames it)."""
    assert_answers(engine.ask("俺们市这回评了多少劳模，有两百个不？"), "197名")
    assert_answers(engine.ask("咱区这几年培养了多少工匠啊，有一千多个不？"), "1470名")


@pytest.mark.parametrize(("question", "expected"), [
    ("工匠日每年都过一次不", "每年6月11日"),                   # 一次: how often, said by 每年
    ("拍全家福光拍工匠本人不", "全家福"),                      # 本人
    ("评上的劳模是不是都集中在少数几个行业", "近40个"),        # 集中
    ("民营的厂子能参加结对共建吗", "非公企业"),                # 民营 for 非公企业
    ("私人厂子的工作室能跟劳模工作室搭个伙不", "结对共建"),     # 搭个伙 for 结对
    ("鲁班工匠日前夕搞不搞大比武", "职业技能大赛"),             # 大比武 for 技能大赛
    ("这回评选涉及的行当多不多哇", "近40个"),                  # 哇
])
def test_words_of_this_round(engine, question, expected):
    assert_answers(engine.ask(question), expected)


@pytest.mark.parametrize("text", ["你好啊老弟", "谢了老哥"])
def test_small_talk_to_a_mate(engine, text):
    assert engine.ask(text).kind is AnswerKind.SMALL_TALK
