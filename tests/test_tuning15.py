"""Session-9 rules (batches 104-106, measured untouched, then tuned on): a kind pointed at
(这种, 那种…啥的), being included (有份), eligibility (有没有资格参加), adverbs and modals jieba
glues to a verb, a choice naming the deputy post, inviting someone (请…来), a later year or
round than the article's, a call to whoever reads, trying the bot out.

Own cases written for each rule (not taken from the batches); each fails without its change.
"""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind
from tests.test_tuning7 import assert_answers


@pytest.mark.parametrize(("question", "expected"), [
    ("有没有疗休养这类好事", "疗休养"),                       # 这类 + a vague noun names a kind
    ("劳模工匠有没有那种交流活动啥的", "交流活动"),           # 那种 … 啥的: and such
    ("俺们非公企业的工匠有没有份参加结对", "非公企业"),       # 有份: being included
    ("俺们私人厂有没有资格参加结对共建", "非公企业"),         # 有资格参加: may, not what it takes
    ("工匠家属有份没，会不会给家里人做点啥", "全家福"),       # 做点啥: doing something
])
def test_yes_no_questions_about_a_kind_or_being_included(engine, question, expected):
    assert_answers(engine.ask(question), expected)


def test_what_it_takes_is_still_asked_for(engine):
    """「要啥资格」 asks for the requirements, which the article does not state."""
    answer = engine.ask("非公企业的工作室参加结对共建要啥资格")
    assert not answer.answered


@pytest.mark.parametrize(("question", "expected"), [
    ("工会是不是也管给工匠家里拍照", "全家福"),               # 也管: an adverb glued to the verb
    ("鲁班纪念馆是不是改造完要重新开放", "焕新开放"),         # 完要: a modal glued to the verb before
])
def test_words_glued_by_jiebas_guess(engine, question, expected):
    assert_answers(engine.ask(question), expected)


def test_a_choice_naming_the_deputy_post(engine):
    assert_answers(engine.ask("徐婷到底是主席还是副主席"), "副主席")


def test_inviting_someone(engine):
    """「请…来」 is 邀请: the sentence that invites answers, not the one where 徐婷 speaks."""
    assert_answers(engine.ask("俺师傅问，这回工会请谁来给他们讲讲"), "许振超")


@pytest.mark.parametrize("question", ["明年还给工匠家庭拍全家福吗", "下一届还评劳动模范不", "下回还有交流活动吗"])
def test_a_later_year_the_article_says_nothing_of(engine, question):
    assert not engine.ask(question).answered


def test_a_recurring_day_answers_for_any_year(engine):
    assert_answers(engine.ask("明年的鲁班工匠日还是6月11日吗"), "6月11日")


def test_a_call_to_whoever_reads(engine):
    assert_answers(engine.ask("家人们谁懂啊，工匠日到底是几号"), "6月11日")


def test_the_day_pointed_at_with_its_owner(engine):
    """「枣庄那个工匠日」: the title's 枣庄 owns the day; the press conference's 6月6日 is no answer."""
    assert_answers(engine.ask("枣庄那个工匠日是几号"), "6月11日")


def test_trying_the_bot_out(engine):
    assert_answers(engine.ask("试一下，鲁班工匠日是哪天"), "6月11日")
    answer = engine.ask("孙子教俺用的这个，试试灵不灵")
    assert answer.kind is AnswerKind.SMALL_TALK


@pytest.mark.parametrize("question", ["是不是整整表彰了200名劳模", "全市这回评上的劳模多不多"])
def test_exactly_and_the_whole_city(engine, question):
    assert_answers(engine.ask(question), "197名")
