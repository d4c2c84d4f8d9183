"""Session-9 rules, third round (batch 111, measured untouched, then tuned on): a span of years is
no stated count, who pairs with whom, a holiday said in two words, and the words the set showed.

Own cases written for each rule (not taken from the batch); each fails without its change.
"""

from __future__ import annotations

import pytest

from tests.test_tuning7 import assert_answers


def test_a_span_of_years_states_no_count(engine):
    """「这几年都做了哪些事」 asks what was done, not the names of a counted list."""
    assert_answers(engine.ask("工会这几年为工匠都干了哪些事，成立了啥"), "成立多个联盟")


def test_a_counted_list_still_asks_for_names(engine):
    assert not engine.ask("那几个联盟都有哪些").answered


def test_who_pairs_with_whom(engine):
    assert_answers(engine.ask("创新工作室结对共建具体是谁和谁结对"), "非公企业")


def test_named_members_are_still_asked_for(engine):
    assert not engine.ask("结对共建的工作室具体都有谁").answered


def test_a_holiday_said_in_two_words(engine):
    assert_answers(engine.ask("鲁班工匠日就是五一劳动节吗"), "6月11日")


@pytest.mark.parametrize(("question", "expected"), [
    ("这回请来讲课的大咖是哪个", "许振超"),                     # 大咖; 讲课 for 分享
    ("工匠之城这个口号是哪年喊出来的", "2023年"),               # 口号 pointed at
    ("评上的人都来自几个行业", "近40个"),                       # 来自
    ("quanjiafu shi shenme yisi", "全家福"),                    # 什么意思, not 仪式
])
def test_words_of_this_round(engine, question, expected):
    assert_answers(engine.ask(question), expected)
