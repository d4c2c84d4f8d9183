"""Organizers improve the answers: unanswered questions, curated answers, /reload, /stats."""

from __future__ import annotations

import asyncio

from bot import texts
from knowledge.curated import CURATED_FILE, load_curated
from tests import updates as u
from tests.conftest import ORGANIZER


def buttons(message: dict) -> list[dict]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def organizer_says(standin, text: str, replies: int = 1) -> dict:
    before = len(standin.messages_to(ORGANIZER))
    standin.push(u.message(ORGANIZER, text))
    return await standin.next_message(ORGANIZER, before + replies)


async def test_unanswered_question_gets_a_curated_answer(running_bot, config):
    standin, _, _ = running_bot
    standin.push(u.message(71, "活动期间食堂提供午饭吗"))
    assert texts.NO_ANSWER in (await standin.next_message(71))["text"]
    listing = await organizer_says(standin, "/unanswered")
    assert "活动期间食堂提供午饭吗" in listing["text"]
    add = next(b for b in buttons(listing) if b["callback_data"].startswith("cur:add:"))
    standin.push(u.callback(ORGANIZER, ORGANIZER, add["callback_data"], listing))
    prompt = await standin.next_message(ORGANIZER, len(standin.messages_to(ORGANIZER)) + 1)
    assert "活动期间食堂提供午饭吗" in prompt["text"]
    saved = await organizer_says(standin, "提供，凭工牌在一楼食堂免费领取午餐。")
    assert saved["text"].startswith("已保存主办方答复")
    stored = load_curated(config.knowledge.articles / CURATED_FILE)
    expected = [("活动期间食堂提供午饭吗", "提供，凭工牌在一楼食堂免费领取午餐。")]
    assert [(a.question, a.answer) for a in stored] == expected
    for n, (chat, question) in enumerate([(72, "活动期间食堂提供午饭吗？"), (73, "请问活动期间食堂管午饭吗")]):
        standin.push(u.message(chat, question))
        reply = await standin.next_message(chat)
        assert "凭工牌在一楼食堂免费领取午餐" in reply["text"] and texts.CURATED_SOURCE in reply["text"], n
    standin.push(u.message(74, "鲁班工匠日是哪天"))  # the articles still answer everything else
    assert "6月11日" in (await standin.next_message(74))["text"]


async def test_reload_adds_an_article_and_skips_a_broken_file(running_bot, config):
    standin, _, _ = running_bot
    folder = config.knowledge.articles
    (folder / "sports.txt").write_text("枣庄职工运动会即将举行的长标题新闻\n职工运动会将于9月20日在枣庄体育馆举行。\n",
                                       encoding="utf-8")
    reply = await organizer_says(standin, "/reload")
    assert "2 篇文章（+1）" in reply["text"]
    standin.push(u.message(75, "职工运动会在哪天举行"))
    assert "9月20日" in (await standin.next_message(75))["text"]
    (folder / "broken.txt").write_bytes("标题\n正文".encode("gbk"))
    skipped = await organizer_says(standin, "/reload")  # the broken file is left out, the rest still served
    assert "broken.txt" in skipped["text"] and texts.RELOAD_SKIPPED in skipped["text"]
    standin.push(u.message(75, "职工运动会在哪天举行"))
    assert "9月20日" in (await standin.next_message(75, 2))["text"]


async def test_stats_match_the_known_traffic_and_the_chart_is_a_png(running_bot):
    standin, _, deps = running_bot
    for n, question in enumerate(["鲁班工匠日是哪天", "鲁班工匠日是哪天？", "明天会下雨吗"], 1):
        standin.push(u.message(76, question))
        await standin.next_message(76, n)
    reply = standin.messages_to(76)[0]
    up = next(b["callback_data"] for b in buttons(reply) if b["callback_data"].endswith(":1"))
    standin.push(u.callback(76, 76, up, reply))
    await standin.wait_for(lambda: standin.callback_answers)
    summary = await organizer_says(standin, "/stats")
    assert "近 24 小时 3 条" in summary["text"] and "共 3 条" in summary["text"]
    assert "已回答：67%" in summary["text"] and "👍 1 · 👎 0" in summary["text"]
    assert "2× 鲁班工匠日是哪天" in summary["text"]  # grouped by content words, not raw text
    chart = await standin.wait_for(lambda: next((m for m in standin.messages_to(ORGANIZER) if m.get("photo_bytes")),
                                                None), timeout=20)
    assert chart["photo_bytes"].startswith(b"\x89PNG\r\n\x1a\n")
    assert deps.curation.stats().total == 3


async def test_non_organizers_are_refused_every_curation_action(running_bot):
    standin, _, deps = running_bot
    for n, command in enumerate(["/stats", "/unanswered", "/curated", "/reload"], 1):
        standin.push(u.message(77, command))
        assert (await standin.next_message(77, n))["text"] == texts.NOT_ORGANIZER
    fake = {"message_id": 1, "date": 0, "chat": u.chat(77), "text": "x"}
    standin.push(u.callback(77, 77, "cur:add:1", fake))
    await standin.wait_for(lambda: standin.callback_answers)
    assert standin.callback_answers[-1]["text"] == texts.NOT_ORGANIZER
    standin.push(u.message(77, "这是一个答案"))  # not captured as a curated answer
    await asyncio.sleep(0.3)
    assert deps.curation.curated() == []


async def test_curated_answers_can_be_edited_and_deleted(running_bot, config):
    standin, _, deps = running_bot
    curated_id = deps.curation.save("工匠证书在哪里领", "在市总工会一楼领取。", ORGANIZER)
    await deps.knowledge.reload_async()
    listing = await organizer_says(standin, "/curated")
    edit = next(b for b in buttons(listing) if b["callback_data"] == f"cur:edit:{curated_id}")
    standin.push(u.callback(ORGANIZER, ORGANIZER, edit["callback_data"], listing))
    await standin.next_message(ORGANIZER, len(standin.messages_to(ORGANIZER)) + 1)
    await organizer_says(standin, "在市总工会二楼领取。")
    standin.push(u.message(78, "工匠证书在哪里领"))
    assert "二楼" in (await standin.next_message(78))["text"]
    delete = next(b for b in buttons(listing) if b["callback_data"] == f"cur:del:{curated_id}")
    standin.push(u.callback(ORGANIZER, ORGANIZER, delete["callback_data"], listing))
    await standin.wait_for(lambda: any(a.get("text") == texts.CURATED_DELETED.format(id=curated_id)
                                       for a in standin.callback_answers))
    assert load_curated(config.knowledge.articles / CURATED_FILE) == []
    standin.push(u.message(78, "工匠证书在哪里领"))
    assert "二楼" not in (await standin.next_message(78, 2))["text"]
