"""Session-8 rules, second round (fresh batches 91-94): settled plans, office jobs, steps and
site visits, a mate addressed and laughter, papers and money asked, names of a kind, the article's own
date, dialect when, fixed days, years so far, vague counts,
a guess checked before the question, being part of something.

Own cases written for each rule (not taken from the batches); each fails without its change,
except the guards, which check that a rule does not overreach.
"""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind
from tests.test_tuning7 import assert_answers


@pytest.mark.parametrize(("question", "expected"), [
    ("许振超来枣庄是不是已经定了", "拟邀请"),                       # 定 asks whether it is settled
    ("选劳模是不是偏向坐办公室的", "基层一线"),                     # 坐办公室 is a job, not an address
    ("评鲁班工匠得过专家评审这一关吗", "专家评审"),                  # 这一关 is a step
    ("评工匠的时候会到现场实地看看不", "实地考察"),                  # 实地看看 is 实地考察
    ("兄弟 鲁班工匠日具体哪天来着", "6月11日"),                     # a mate addressed names nothing
    ("手造工匠评到第几届了 hhh", "第三届"),                         # laughter carries no topic
    ("鲁班纪念馆改造的钱 from where", "省总工会"),                   # from where is 从哪来
    ("职工技能大赛多咱比啊", "前夕"),                              # 多咱 is one word: when
    ("鲁班工匠日是不是固定这一天", "6月11日"),                      # a fixed day asks when
    ("工匠之城这个提法有几年了", "2023年"),                         # years so far: the year it began
    ("听说枣庄培育了好多工匠，一共多少名", "1470名"),                 # what was counted vaguely
    ("都说评了二百多个劳模，到底多少个", "197名"),                    # an approximate count stated before
    ("工匠疗休养是不是就是旅游 干啥用的", "放松身心"),                # a guess checked, then the question
    ("俺们民营厂的工作室能沾上边不", "非公企业"),                     # 沾上边: being part of it
    ("非公企业的 studio 能结对吗", "非公企业"),                     # studio is 工作室
    ("市总工会在评选上有啥新花样", "创新评选模式"),                   # 新花样 is 创新
])
def test_words_and_shapes_workers_use(engine, question, expected):
    assert_answers(engine.ask(question), expected)


@pytest.mark.parametrize("question", [
    "手艺人报鲁班工匠得交啥材料",            # papers to hand in
    "疗休养的钱工会出不出",                   # money asked as 的钱
    "有哪些民营企业参加了结对共建",            # names of a kind, with a modifier
])
def test_what_the_knowledge_does_not_say(engine, question):
    assert not engine.ask(question).answered


def test_preparing_is_no_topic(engine):
    # guard: 准备 (拟 by synonym) alone must not make a school question a partial answer
    answer = engine.ask("孩子上幼儿园要准备哪些东西")
    assert not answer.answered and answer.kind is AnswerKind.NONE


@pytest.mark.parametrize(("question", "kind"), [("你真不孬", "thanks"), ("886", "bye"), ("你能干么", "abilities"),
                                                ("你是哪个单位弄的", "identity"), ("早 上班去了", "bye")])
def test_more_small_talk(engine, question, kind):
    answer = engine.ask(question)
    assert answer.kind is AnswerKind.SMALL_TALK and answer.small_talk == kind


def test_a_unit_owning_a_press_conference_is_no_article_source(engine):
    assert_answers(engine.ask("这个消息是哪个单位的发布会上公布的"), "新闻办")


def test_a_unit_owning_a_reporter_still_is(engine):
    # guard: 「哪家报社的记者」 asks the article's byline
    assert_answers(engine.ask("这条新闻是哪家报社的记者写的"), "田国垒")


@pytest.mark.parametrize("question", ["第三个特点是啥", "我要写个学习材料，听说选树有三个特点，第三个特点是啥"])
def test_a_listed_item_by_its_ordinal(engine, question):
    assert_answers(engine.ask(question), "三是")


def test_the_articles_own_date(engine):
    assert_answers(engine.ask("这篇报道是啥时候发的"), "6月6日")


def test_the_days_date_is_not_the_articles(engine):
    # guard: the day the article names is asked, not the day the article came out
    assert_answers(engine.ask("这篇报道里说的鲁班工匠日是哪天"), "6月11日")
