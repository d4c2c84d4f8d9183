"""Organizers improve the answers: unanswered questions, curated answers, /reload, /stats."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from bot import texts
from knowledge.curated import CURATED_FILE, load_curated
from tests import updates as u
from tests.conftest import ORGANIZER, bot_running


def buttons(message: dict) -> list[dict]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def organizer_says(standin, text: str, replies: int = 1) -> dict:
    before = len(standin.messages_to(ORGANIZER))
    standin.push(u.message(ORGANIZER, text))
    return await standin.next_message(ORGANIZER, before + replies)


def store_path(config) -> Path:
    return config.storage.path.parent / CURATED_FILE


async def press(standin, data: str, message: dict, replies: int = 1) -> dict:
    """An organizer's button press; returns the last of the ``replies`` messages it brings."""
    before = len(standin.messages_to(ORGANIZER))
    standin.push(u.callback(ORGANIZER, ORGANIZER, data, message))
    return await standin.next_message(ORGANIZER, before + replies)


async def capture(standin, listing: dict, answer: str) -> dict:
    """补充答案 on the first question of a listing, the answer typed; returns the preview."""
    add = next(b for b in buttons(listing) if b["callback_data"].startswith("cur:add:"))
    prompt = await press(standin, add["callback_data"], listing)
    assert "补充答案" not in prompt["text"] or "回复" in prompt["text"]
    await asyncio.sleep(0.2)  # an optional "use an existing answer" message
    return await organizer_says(standin, answer, replies=2)


async def test_unanswered_answered_previewed_confirmed_reaches_rewordings_and_tells_the_asker(running_bot, config):
    standin, _, deps = running_bot
    standin.push(u.message(71, "职工食堂几点开饭"))
    assert texts.NO_ANSWER in (await standin.next_message(71))["text"]
    listing = await organizer_says(standin, "/unanswered")
    assert "职工食堂几点开饭" in listing["text"]
    preview = await capture(standin, listing, "早上7点、中午11点半、晚上5点半开饭。")
    assert "早上7点、中午11点半" in preview["text"] and texts.CURATED_SOURCE in preview["text"]
    assert [b["text"] for b in buttons(preview)] == [texts.BUTTON_CURATE_CONFIRM, texts.BUTTON_CURATE_REVISE,
                                                     texts.BUTTON_CURATE_ABORT]
    assert load_curated(store_path(config)) == []  # nothing stored before 确认
    ok = next(b["callback_data"] for b in buttons(preview) if b["text"] == texts.BUTTON_CURATE_CONFIRM)
    saved = await press(standin, ok, preview)
    assert saved["text"].startswith("已保存主办方答复") and "1 位" in saved["text"]
    assert [(a.question, a.answer) for a in load_curated(store_path(config))] == [
        ("职工食堂几点开饭", "早上7点、中午11点半、晚上5点半开饭。")]
    told = await standin.next_message(71, 2)
    assert told["text"] == "您之前问的「职工食堂几点开饭」，主办方答复：早上7点、中午11点半、晚上5点半开饭。"
    # compound split (职工食堂 -> 食堂), another "when" word, a synonym (吃饭 -> 开饭), a same-sound typo (反)
    for chat, question in [(72, "食堂几点开饭"), (73, "食堂什么时候开饭"), (74, "职工食堂几点吃饭"),
                           (76, "职工食堂几点开反")]:
        standin.push(u.message(chat, question))
        reply = await standin.next_message(chat)
        assert "中午11点半" in reply["text"] and texts.CURATED_SOURCE in reply["text"], question
    standin.push(u.message(75, "鲁班工匠日是哪天"))  # the articles still answer everything else
    assert "6月11日" in (await standin.next_message(75))["text"]
    assert "职工食堂" not in (await organizer_says(standin, "/unanswered"))["text"]  # curated: off the list
    question_id = int(next(b for b in buttons(listing) if b["callback_data"].startswith("cur:add:"))
                      ["callback_data"].rsplit(":", 1)[1])
    assert await deps.curation.tell_askers(question_id, "又一条答复") == 0  # a later answer tells nobody again
    await asyncio.sleep(0.3)
    assert len(standin.messages_to(71)) == 2  # told exactly once


async def test_a_command_during_the_capture_is_not_stored(running_bot, config):
    standin, _, deps = running_bot
    standin.push(u.message(71, "活动期间停车场收费吗"))
    await standin.next_message(71)
    listing = await organizer_says(standin, "/unanswered")
    add = next(b for b in buttons(listing) if b["callback_data"].startswith("cur:add:"))
    await press(standin, add["callback_data"], listing)
    await organizer_says(standin, "/stats", replies=3)  # ends the capture, then runs (text and chart)
    words = [m["text"] for m in standin.messages_to(ORGANIZER)[-3:]]
    assert texts.CURATE_COMMAND in words[0] and "使用统计" in words[1]
    await organizer_says(standin, "免费停车。")  # now just a question, not an answer
    await press(standin, add["callback_data"], listing)
    cancelled = await organizer_says(standin, "/cancel")
    assert cancelled["text"] == texts.CURATE_CANCELLED
    await asyncio.sleep(0.3)
    assert load_curated(store_path(config)) == [] and deps.curation.curated() == []


async def test_revise_then_abort_and_the_capture_times_out(config, standin, tokenizer):
    async with bot_running(config, standin, tokenizer, curation={"capture_timeout_seconds": 1}) as (_, _, deps):
        standin.push(u.message(71, "活动期间停车场收费吗"))
        await standin.next_message(71)
        listing = await organizer_says(standin, "/unanswered")
        preview = await capture(standin, listing, "收费。")
        again = next(b["callback_data"] for b in buttons(preview) if b["text"] == texts.BUTTON_CURATE_REVISE)
        assert (await press(standin, again, preview))["text"] == texts.CURATE_REVISE
        preview = await organizer_says(standin, "免费。", replies=2)
        assert "免费。" in preview["text"]
        no = next(b["callback_data"] for b in buttons(preview) if b["text"] == texts.BUTTON_CURATE_ABORT)
        assert (await press(standin, no, preview))["text"] == texts.CURATE_CANCELLED
        assert deps.curation.curated() == []
        add = next(b for b in buttons(listing) if b["callback_data"].startswith("cur:add:"))
        await press(standin, add["callback_data"], listing)
        timeout = await standin.wait_for(lambda: next((m for m in standin.messages_to(ORGANIZER)
                                                       if m["text"] == texts.CURATE_TIMEOUT), None), timeout=8)
        assert timeout


async def test_a_new_phrasing_joins_an_existing_answer(running_bot, config):
    standin, _, deps = running_bot
    curated_id = deps.curation.save("工匠证书在哪里领", "在市总工会一楼领取。", ORGANIZER)
    await deps.knowledge.reload_async()
    standin.push(u.message(71, "荣誉证书找谁拿"))
    assert texts.NO_ANSWER in (await standin.next_message(71))["text"]
    listing = await organizer_says(standin, "/unanswered")
    add = next(b for b in buttons(listing) if b["callback_data"].startswith("cur:add:"))
    offer = await press(standin, add["callback_data"], listing, replies=2)
    use = next(b["callback_data"] for b in buttons(offer) if b["callback_data"].endswith(f":{curated_id}"))
    attached = await press(standin, use, offer)
    assert attached["text"].startswith(texts.CURATE_ATTACHED.format(id=curated_id))
    assert load_curated(store_path(config))[0].phrasings == ("工匠证书在哪里领", "荣誉证书找谁拿")
    assert "一楼" in (await standin.next_message(71, 2))["text"]  # the asker is told
    standin.push(u.message(72, "荣誉证书找谁拿"))
    assert "一楼" in (await standin.next_message(72))["text"]


async def test_hand_edits_survive_a_save_and_a_lost_database_loses_nothing(config, standin, tokenizer):
    path = store_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("- id: 7\n  questions: [纪念馆停车场在哪]\n  answer: 在纪念馆东门。\n", encoding="utf-8")
    async with bot_running(config, standin, tokenizer) as (_, _, deps):
        deps.curation.save("工匠证书在哪里领", "在市总工会一楼领取。", ORGANIZER)
        # a hand edit while the bot runs, then a save through the bot
        path.write_text(path.read_text(encoding="utf-8")
                        + "- id: 20\n  questions: [颁奖典礼几点开始]\n  answer: 上午9点。\n", encoding="utf-8")
        await deps.knowledge.reload_async()
        listing = await organizer_says(standin, "/curated")
        edit = next(b["callback_data"] for b in buttons(listing) if b["callback_data"] == "cur:edit:7")
        await press(standin, edit, listing)
        preview = await organizer_says(standin, "在纪念馆东门，免费。", replies=2)
        ok = next(b["callback_data"] for b in buttons(preview) if b["text"] == texts.BUTTON_CURATE_CONFIRM)
        await press(standin, ok, preview)
    assert sorted(a.id for a in load_curated(path)) == [7, 8, 20]
    assert "git" not in str(path) and not (config.knowledge.articles / CURATED_FILE).exists()
    for suffix in ("", "-wal", "-shm"):  # the database is lost
        Path(f"{config.storage.path}{suffix}").unlink(missing_ok=True)
    async with bot_running(config, standin, tokenizer) as (_, _, deps):
        assert sorted(a.id for a in deps.curation.curated()) == [7, 8, 20]
        standin.push(u.message(79, "颁奖典礼几点开始"))
        assert "上午9点" in (await standin.next_message(79))["text"]
        standin.push(u.message(80, "纪念馆停车场在哪"))
        assert "免费" in (await standin.next_message(80))["text"]


async def test_unanswered_with_twenty_long_questions_pages_within_limits(running_bot):
    standin, _, deps = running_bot
    for n in range(20):
        deps.questions.log(deps.knowledge.ask(f"{n}号问题" + "长" * 494 + "&<>"), 500 + n, "private", 500 + n)
    deps.questions.log(deps.knowledge.ask("你好"), 600, "private", 600)  # small talk is not listed
    listing = await organizer_says(standin, "/unanswered")
    seen = []
    for _ in range(4):
        assert len(listing["text"].encode("utf-16-le")) // 2 <= 4096
        assert sum(1 for _ in buttons(listing)) <= 100
        seen += [int(n) for n in re.findall(r"(\d+)号问题", listing["text"])]
        nxt = next((b["callback_data"] for b in buttons(listing) if b["text"] == texts.BUTTON_NEXT), None)
        if nxt is None:
            break
        edits = sum(1 for c in standin.calls if c[0] == "editMessageText")
        standin.push(u.callback(ORGANIZER, ORGANIZER, nxt, listing))
        await standin.wait_for(lambda n=edits: sum(1 for c in standin.calls if c[0] == "editMessageText") > n)
        listing = next(m for m in standin.messages_to(ORGANIZER) if m["message_id"] == listing["message_id"])
    assert sorted(seen) == list(range(20)) and "你好" not in str(seen)
    full = next(b["callback_data"] for b in buttons(listing) if b["callback_data"].startswith("full:un:"))
    whole = await press(standin, full, listing)
    assert whole["text"].count("长") == 494


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
    preview = await organizer_says(standin, "在市总工会二楼领取。", replies=2)
    ok = next(b["callback_data"] for b in buttons(preview) if b["text"] == texts.BUTTON_CURATE_CONFIRM)
    await press(standin, ok, preview)
    standin.push(u.message(78, "工匠证书在哪里领"))
    assert "二楼" in (await standin.next_message(78))["text"]
    delete = next(b for b in buttons(listing) if b["callback_data"] == f"cur:del:{curated_id}")
    standin.push(u.callback(ORGANIZER, ORGANIZER, delete["callback_data"], listing))
    await standin.wait_for(lambda: any(a.get("text") == texts.CURATED_DELETED.format(id=curated_id)
                                       for a in standin.callback_answers))
    assert load_curated(store_path(config)) == []
    standin.push(u.message(78, "工匠证书在哪里领"))
    assert "二楼" not in (await standin.next_message(78, 2))["text"]
