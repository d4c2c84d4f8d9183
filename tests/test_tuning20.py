"""Session-9 rules, sixth round (batches 120-121, measured untouched, then tuned on): the bot
addressed in a group chat, a location asked as 哪个位置, 出自, and greetings to a room.

Own cases written for each rule (not taken from the batches); each fails without its change.
"""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind
from tests.test_tuning7 import assert_answers


@pytest.mark.parametrize("question", ["@机器人 鲁班工匠日还剩几天", "问一下机器人：工匠日还有多少天到"])
def test_the_bot_addressed_in_a_group(engine, question):
    assert engine.ask(question).kind is AnswerKind.COMPUTED


def test_a_location_asked_as_which_position(engine):
    """「哪个位置」 asks where; the sentence naming 鲁班纪念馆 does not say where it is."""
    assert not engine.ask("鲁班纪念馆在市里哪个位置").answered


def test_where_they_come_from(engine):
    assert_answers(engine.ask("评上的劳模是不是都出自同一个行当"), "近40个")


@pytest.mark.parametrize(("text", "kind"), [("各位师傅们晚上好", "greeting"), ("各位也辛苦了", "thanks")])
def test_greetings_to_a_room(engine, text, kind):
    answer = engine.ask(text)
    assert answer.kind is AnswerKind.SMALL_TALK and answer.small_talk == kind
