"""Session-7 rules (fresh batches 79-82): the article pointed at in a clause before the one asking
who wrote it, 工作者 not read as 作者, 他 glued to a verb, English for invite, share, celebrate,
aspects and purpose, 「just X?」 after a question as a guess, a share of women or men, and whom a
selection favors.

Own cases written for each rule (not taken from the batches); each fails without its change,
except the guards, which check that a rule does not overreach.
"""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind
from tests.test_tuning7 import assert_answers


def test_who_wrote_the_article_pointed_at_in_an_earlier_clause(engine):
    # the asking clause asks for the writer; the article itself is named in the clause before
    assert_answers(engine.ask("这条鲁班工匠日的新闻我只看了一半,请问是哪个记者写的"), "田国垒")


@pytest.mark.parametrize("question", ["我常看这方面的消息，想问今年一共表彰了多少名劳动模范和先进工作者",
                                      "这篇报道里说，今年表彰了多少名劳动模范和先进工作者"])
def test_a_worker_is_not_an_author(engine, question):
    # guard: 「先进工作者」 holds 作者, and 「这方面的消息」 is news of a kind, not this article
    assert_answers(engine.ask(question), "197名")


def test_he_glued_to_a_verb_is_the_person_named_before(engine):
    # jieba cuts 他来 as one word; it is 他 (许振超) and 来
    assert_answers(engine.ask("工友都说许振超要来枣庄，他来主要图个啥"), "许振超")


@pytest.mark.parametrize(("question", "expected"), [
    ("Which 人民工匠 will they invite?", "许振超"),
    ("鲁班工匠日 celebration 分哪几个 aspects", "三个方面"),
    ("How many aspects does the celebration have", "三个方面"),
])
def test_english_invite_celebrate_and_aspects(engine, question, expected):
    assert_answers(engine.ask(question), expected)


def test_for_what_asks_a_purpose(engine):
    # guard: 「for」 is now a function word, but 「for what」 still asks what something is for
    assert_answers(engine.ask("疗休养活动是 for what?"), "放松身心")


@pytest.mark.parametrize("question", ["疗休养是干啥的，就是去景点逛逛吗？", "组织工匠疗休养图个啥，光是旅游吗？"])
def test_just_x_after_a_question_is_a_guess(engine, question):
    # 「光是…吗」 offers an answer to the question before it; that question is the one asked
    assert_answers(engine.ask(question), "放松身心")


def test_a_guess_needs_a_question_before_it(engine):
    # guard: 「光是…吗」 alone is the question itself (and the knowledge does not say it)
    answer = engine.ask("疗休养光是休息吗")
    assert answer.kind is not AnswerKind.ANSWER or "放松身心" in answer.best.sentence


@pytest.mark.parametrize("question", ["197名劳模里女士占多少", "评上劳模的男的多还是女的多"])
def test_a_share_of_women_or_men_must_be_stated(engine, question):
    answer = engine.ask(question)
    assert not answer.answered, answer


@pytest.mark.parametrize("question", ["评劳模是不是偏向机关干部", "劳模评选是不是优先照顾一线的"])
def test_whom_a_selection_favors_is_answered_by_what_it_leans_to(engine, question):
    assert_answers(engine.ask(question), "倾斜")


def test_favoring_needs_a_sentence_that_leans(engine):
    # guard: a contest's favorites are stated nowhere; the leaning of the 劳模 selection is not it
    answer = engine.ask("技能大赛是不是偏向年轻人")
    assert not answer.answered or "倾斜" not in answer.best.sentence, answer
