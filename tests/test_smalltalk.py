"""Small talk is recognized only when a message holds nothing else."""

from __future__ import annotations

import pytest

from knowledge.answer import AnswerKind


@pytest.mark.parametrize(("message", "kind"), [
    ("你好", "greeting"), ("在吗？", "greeting"), ("谢谢您啊！", "thanks"), ("辛苦了", "thanks"),
    ("拜拜", "bye"), ("你是谁", "identity"), ("你能干啥", "abilities"), ("嗯嗯知道了", "ack"),
    ("好的谢谢", "thanks"),
])
def test_small_talk_kinds(engine, message, kind):
    answer = engine.ask(message)
    assert answer.kind is AnswerKind.SMALL_TALK and answer.small_talk == kind
    assert not answer.answered and answer.suggestions == ()


@pytest.mark.parametrize("message", ["你好，鲁班工匠日是哪天", "谢谢，劳模有多少名", "你是哪个单位的记者"])
def test_a_question_with_a_greeting_is_still_a_question(engine, message):
    assert engine.ask(message).kind is not AnswerKind.SMALL_TALK
