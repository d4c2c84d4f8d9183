"""Issue-9 follow-up rules, each on questions written for the rule (not taken from a batch):
vague references, long self-introductions, names read by sound, places and names the knowledge
does not break down, the letter's content, capability small talk, emoji, weeks and weekends."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.answer import AnswerKind
from knowledge.articles import load_folder
from knowledge.engine import Engine
from tests.conftest import SEED_DIR


@pytest.mark.parametrize(("question", "expected"), [
    ("给工匠家里拍照片的那个活动叫啥来着", "全家福"),                 # vague reference + 叫啥来着
    ("发布会上是哪位领导介绍的情况", "徐婷"),                          # 领导 asks; a name beats 记者
    ("枣庄这些年培养了多少名工匠", "1470名"),                         # the sentence counting 工匠 wins
    ("我是一名焊工,非常崇拜大国工匠。听说鲁班纪念馆要重新开放,请问是谁去参加?", "工匠代表"),  # remark dropped,
    ("许镇超要来分享啥", "许振超"),                                   # topic clause before 请问是谁
    ("田国磊是干啥的", "田国垒"),                                     # a name read by sound, surname typed
    ("手造工匠现在评到第几届了", "第三届"),                           # 评到: resultative complement
])
def test_colloquial_and_vague_questions(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence, answer.best


def test_a_name_is_read_by_sound_only_with_its_surname(engine):
    assert not engine.ask("何振超会来枣庄吗").answered


@pytest.mark.parametrize("question", [
    "滕州市评了多少劳模",            # a place the knowledge never names
    "山亭区的工匠能去疗休养吗",
    "哪些公司参加了结对共建",        # names of organizations, not a description
    "那封信上写了什么",              # what a document says
    "总工会办公室在哪",              # an office is an address
])
def test_what_the_knowledge_does_not_break_down_is_not_answered(engine, question):
    assert not engine.ask(question).answered


def test_focus_label_keeps_question_words(engine):
    answer = engine.ask("那封信上写了什么")
    assert answer.kind is AnswerKind.PARTIAL and answer.focus == "写了什么"


@pytest.mark.parametrize(("message", "kind"), [
    ("你都能做些什么", "abilities"), ("你有什么功能", "abilities"), ("能帮我干点啥", None),
    ("呵呵", "ack"), ("hhhh", "ack"), ("🙏", "thanks"), ("👌👌", "ack"), ("👋", "bye"),
])
def test_capability_laughter_and_emoji_are_small_talk(engine, message, kind):
    answer = engine.ask(message)
    if kind is None:
        assert answer.kind is not AnswerKind.SMALL_TALK or answer.small_talk == "abilities"
    else:
        assert answer.kind is AnswerKind.SMALL_TALK and answer.small_talk == kind


@pytest.mark.parametrize("message", ["工会能帮我干啥", "？？", "👍鲁班工匠日是哪天"])
def test_a_question_or_bare_punctuation_is_not_small_talk(engine, message):
    assert engine.ask(message).kind is not AnswerKind.SMALL_TALK


@pytest.fixture(scope="module")
def on_may_1(tokenizer):
    return Engine(load_folder(SEED_DIR), tokenizer, today=lambda: dt.date(2026, 5, 1))


@pytest.mark.parametrize(("question", "expected"), [
    ("离工匠日还有几周", "还有5周零6天，共41天"),
    ("how many weeks until 工匠日", "5周零6天"),
    ("鲁班工匠日还剩多少个礼拜", "5周零6天"),
    ("工匠日碰上周末吗", "不是周末"),
    ("鲁班工匠日周六还是周日", "不是周末"),
    ("is 鲁班工匠日 on a weekend", "不是周末"),
    ("鲁班工匠日 countdown", "还有41天"),
    ("how many days left until luban craftsman day", "还有41天"),
])
def test_countdown_variants(on_may_1, question, expected):
    answer = on_may_1.ask(question)
    assert answer.kind is AnswerKind.COMPUTED and expected in answer.computed, answer.computed
