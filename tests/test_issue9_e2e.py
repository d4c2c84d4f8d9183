"""End-to-end for the answer kinds of issue 9: small talk, partial knowledge, countdowns."""

from __future__ import annotations

from bot import texts
from tests import updates as u
from tests.standin import BOT

WORKER = 511
GROUP = -100778


async def test_thanks_in_a_group_reply_gets_a_short_reply_no_apology_and_no_log(running_bot):
    standin, _, deps = running_bot
    standin.push(u.mention(GROUP, "鲁班工匠日是哪天", user_id=611))
    answer = await standin.next_message(GROUP)
    bot_message = {"message_id": answer["message_id"], "date": answer["date"], "chat": answer["chat"], "from": BOT,
                   "text": answer["text"]}
    standin.push(u.message(GROUP, "谢谢", user_id=611, reply_to=bot_message))
    reply = await standin.next_message(GROUP, 2)
    assert reply["text"] == texts.SMALL_TALK["thanks"]
    assert texts.NO_ANSWER not in reply["text"] and "reply_markup" not in reply
    assert deps.questions.question_count() == 1  # only the real question was logged


async def test_partial_answer_is_honest_logged_unanswered_and_shows_the_passage_on_tap(running_bot):
    standin, _, deps = running_bot
    standin.push(u.message(WORKER, "鲁班纪念馆焕新开放是哪一天"))
    reply = await standin.next_message(WORKER)
    assert reply["text"].startswith("资料里提到了鲁班纪念馆焕新开放，但没有说")
    assert deps.questions.question_count() == 1
    assert deps.questions.get(1) is not None and not deps.questions.get(1).answered
    button = reply["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == texts.BUTTON_RELATED
    standin.push(u.callback(WORKER, WORKER, button["callback_data"], reply))
    shown = await standin.next_message(WORKER, 2)
    assert "<b>" in shown["html"] and "焕新开放" in shown["text"]


async def test_countdown_shows_the_computed_fact_and_its_source(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(WORKER, "离鲁班工匠日还有几天"))
    reply = await standin.next_message(WORKER)
    assert "离鲁班工匠日" in reply["text"] and "还有" in reply["text"]
    assert f"{texts.COMPUTED_BASIS}：推动设立每年6月11日" in reply["text"]
