"""End-to-end: the real Application polls the Bot API stand-in over HTTP; we push updates the
way Telegram would and assert what the bot sent back."""

from __future__ import annotations

import asyncio

from bot import texts
from tests import updates as u
from tests.standin import BOT

WORKER = 501
GROUP = -100777


async def test_private_question_card_example(running_bot):
    standin, _, deps = running_bot
    standin.push(u.message(WORKER, "鲁班工匠日是哪天"))
    reply = await standin.next_message(WORKER)
    assert "<b>推动设立每年6月11日为“鲁班工匠日”" in reply["html"]
    assert "来源：山东枣庄将启动第二个“鲁班工匠日”活动 · 工人日报客户端" in reply["text"]
    buttons = [b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert any(b.startswith("fb:") and b.endswith(":1") for b in buttons)
    assert any(b.startswith("fb:") and b.endswith(":-1") for b in buttons)
    assert deps.questions.question_count() == 1


async def test_no_answer_suggests_three_questions(running_bot):
    standin, _, deps = running_bot
    standin.push(u.message(WORKER, "明天会下雨吗"))
    reply = await standin.next_message(WORKER)
    assert texts.NO_ANSWER in reply["text"] and "/help" in reply["text"]
    buttons = [b for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == 3 and all(b["callback_data"].startswith("ask:") for b in buttons)
    row = deps.database.db.execute("SELECT answered, question FROM questions").fetchone()
    assert row["answered"] == 0 and row["question"] == "明天会下雨吗"


async def test_start_buttons_ask_the_sample_question(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(WORKER, "/start"))
    reply = await standin.next_message(WORKER)
    assert texts.BOT_NAME in reply["text"]
    rows = reply["reply_markup"]["inline_keyboard"]
    samples = [b for row in rows for b in row if b["callback_data"].startswith("ask:")]
    assert 3 <= len(samples) <= 4
    assert any(b["callback_data"] == "sub:on" for row in rows for b in row)
    standin.push(u.callback(WORKER, WORKER, samples[0]["callback_data"], reply))
    answer = await standin.next_message(WORKER, 2)
    assert "<b>" in answer["html"]
    assert standin.callback_answers  # the button press was acknowledged


async def test_feedback_is_recorded_and_acknowledged(running_bot):
    standin, _, deps = running_bot
    standin.push(u.message(WORKER, "许振超会来做什么"))
    reply = await standin.next_message(WORKER)
    down = next(b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row
                if b["callback_data"].endswith(":-1"))
    standin.push(u.callback(WORKER, WORKER, down, reply))
    await standin.wait_for(lambda: standin.callback_answers)
    assert standin.callback_answers[-1]["text"] == texts.FEEDBACK_DOWN_THANKS
    assert deps.questions.feedback_counts() == {-1: 1}


async def test_runner_up_button_when_top_two_are_close(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(WORKER, "劳模"))
    reply = await standin.next_message(WORKER)
    alt = [b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row
           if b["text"] == texts.BUTTON_MAYBE]
    assert alt, "a near tie should offer the runner-up"
    standin.push(u.callback(WORKER, WORKER, alt[0], reply))
    second = await standin.next_message(WORKER, 2)
    assert "<b>" in second["html"] and second["text"] != reply["text"]


async def test_group_chatter_ignored_mention_and_reply_answered(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(GROUP, "今天食堂吃什么", user_id=601))
    standin.push(u.message(GROUP, "鲁班工匠日是哪天", user_id=601))
    await asyncio.sleep(0.5)
    assert standin.messages_to(GROUP) == []
    standin.push(u.mention(GROUP, "鲁班工匠日是哪天", user_id=601))
    reply = await standin.next_message(GROUP)
    assert "6月11日" in reply["text"] and reply.get("reply_to_message_id")
    bot_message = {"message_id": reply["message_id"], "date": reply["date"], "chat": reply["chat"], "from": BOT,
                   "text": reply["text"]}
    standin.push(u.message(GROUP, "那许振超会来做什么", user_id=602, reply_to=bot_message))
    second = await standin.next_message(GROUP, 2)
    assert "许振超" in second["text"]


async def test_group_ask_command_with_and_without_botname(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(GROUP, "/ask@luban_test_bot 表彰了多少劳动模范", user_id=603))
    first = await standin.next_message(GROUP)
    assert "197名" in first["text"]
    standin.push(u.message(GROUP, "/ask@some_other_bot 表彰了多少劳动模范", user_id=603))
    standin.push(u.message(GROUP, "/ask", user_id=603))
    usage = await standin.next_message(GROUP, 2)
    assert usage["text"] == texts.ASK_USAGE


async def test_inline_query_offers_answers(running_bot):
    standin, _, _ = running_bot
    standin.push(u.inline(WORKER, "鲁班工匠日是哪天"))
    await standin.wait_for(lambda: standin.inline_answers)
    results = standin.inline_answers[-1]["results"]
    assert 1 <= len(results) <= 3
    assert results[0]["title"].startswith("推动设立每年6月11日")
    assert "<b>" in results[0]["input_message_content"]["message_text"]
    standin.push(u.inline(WORKER, "hello"))
    await standin.wait_for(lambda: len(standin.inline_answers) == 2)
    assert standin.inline_answers[-1]["results"][0]["title"] == texts.INLINE_NO_ANSWER_TITLE


async def test_html_special_characters_are_escaped(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(WORKER, "<b>鲁班工匠日</b> & 哪天"))
    reply = await standin.next_message(WORKER)  # the stand-in rejects unparseable HTML
    assert "6月11日" in reply["text"]
    standin.push(u.message(WORKER, "<script>&amp;"))
    second = await standin.next_message(WORKER, 2)
    assert texts.NO_ANSWER in second["text"]


async def test_four_thousand_character_question(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(WORKER, "鲁班工匠日是哪天" + "啊" * 4000))
    reply = await standin.next_message(WORKER)
    assert reply["text"].startswith("问题有点长") and len(reply["text"]) <= 4096


async def test_bad_input_is_handled(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(WORKER, None, sticker={"file_id": "s", "file_unique_id": "s", "type": "regular",
                                                  "width": 1, "height": 1, "is_animated": False,
                                                  "is_video": False}))
    assert (await standin.next_message(WORKER))["text"] == texts.NON_TEXT
    standin.push(u.message(WORKER, "/frobnicate"))
    assert (await standin.next_message(WORKER, 2))["text"] == texts.UNKNOWN_COMMAND
    standin.push(u.message(WORKER, "😀😀😀"))  # emoji only: a reaction, answered as small talk
    assert (await standin.next_message(WORKER, 3))["text"] == texts.SMALL_TALK["ack"]
    edited = u.message(WORKER, "鲁班工匠日是哪天")
    standin.push({"edited_message": edited["message"] | {"edit_date": 1}})
    standin.push({"channel_post": u.message(-100555, "鲁班工匠日是哪天")["message"]})
    standin.push(u.message(GROUP, "/frobnicate", user_id=604))
    await asyncio.sleep(0.5)
    assert len(standin.messages_to(WORKER)) == 3 and standin.messages_to(-100555) == []
    assert standin.messages_to(GROUP) == []


async def test_help_lists_the_registered_commands(running_bot):
    standin, _, _ = running_bot
    standin.push(u.message(WORKER, "/help"))
    reply = await standin.next_message(WORKER)
    for name in texts.COMMANDS:
        assert f"/{name}" in reply["text"]
    assert "/announce" not in reply["text"]  # organizer commands only for organizers
    menu = {c["command"] for c in standin.commands[0]["commands"]}
    assert menu == set(texts.COMMANDS)
