"""Handlers with real services on a temporary SQLite database, one update at a time: each update
is built offline and processed to completion (no polling, no waiting), replies go to the stand-in.
Each test here guards a rule that once broke without any test noticing."""

from __future__ import annotations

import datetime as dt

from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.storage.database import Database
from tests import updates as u
from tests.conftest import ORGANIZER

GROUP = -100900
WORKER = 4242424
ANONYMOUS_ADMIN_BOT = 1087968824  # Telegram's GroupAnonymousBot


def buttons(message: dict) -> dict[str, str]:
    """Button text -> callback data."""
    return {b["text"]: b["callback_data"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row}


def drafts(harness) -> list[tuple[str, str]]:
    return [tuple(r) for r in harness.deps.database.db.execute("SELECT text, status FROM announcements ORDER BY id")]


async def press(harness, user_id: int, data: str, message: dict) -> dict:
    """Press a button as ``user_id``; returns the bot's answer to the press."""
    before = len(harness.standin.callback_answers)
    await harness.feed(u.callback(message["chat"]["id"], user_id, data, message))
    return harness.standin.callback_answers[before]


def in_an_hour(harness) -> str:
    return f"{dt.datetime.now(harness.deps.config.tz) + dt.timedelta(hours=1):%Y-%m-%d %H:%M}"


async def test_a_failing_handler_gets_one_polite_apology(harness):
    async def boom(update, context):
        raise RuntimeError("a bug")

    harness.application.add_handler(MessageHandler(filters.Regex("^出错$"), boom), group=-5)
    harness.application.add_handler(CallbackQueryHandler(boom, pattern="^boom$"), group=-5)
    replies = [m["text"] for m in await harness.say(WORKER, "出错")]
    assert replies.count(texts.ERROR_APOLOGY) == 1
    answer = await press(harness, WORKER, "boom", {"message_id": 1, "date": 0, "chat": u.chat(WORKER), "text": "x"})
    assert answer["text"] == texts.ERROR_APOLOGY and answer["show_alert"] in (True, "true")
    assert [m["text"] for m in harness.standin.messages_to(WORKER)].count(texts.ERROR_APOLOGY) == 1  # no message


async def test_organizer_commands_work_only_in_a_private_chat(harness):
    for command in ("/announce 明天停电", f"/schedule {in_an_hour(harness)} 明天停电", "/stats"):
        replies = await harness.say(GROUP, command, user_id=ORGANIZER)
        assert [m["text"] for m in replies] == [texts.ORGANIZER_PRIVATE_ONLY], command
    assert drafts(harness) == []
    assert len(await harness.say(ORGANIZER, "/announce 明天停电")) == 2  # preview intro and preview


async def test_a_schedule_in_the_past_is_refused(harness):
    replies = await harness.say(ORGANIZER, "/schedule 2020-01-01 09:00 过去的通知")
    assert [m["text"] for m in replies] == [texts.SCHEDULE_PAST]
    assert drafts(harness) == []
    replies = await harness.say(ORGANIZER, f"/schedule {in_an_hour(harness)} 将来的通知")
    assert "将来的通知" in replies[-1]["text"] and drafts(harness) == [("将来的通知", "draft")]


async def test_announcement_length_limit(harness):
    longest = "通" * 3500
    assert len(await harness.say(ORGANIZER, f"/announce {longest}")) == 2
    replies = await harness.say(ORGANIZER, f"/announce {longest}通")
    assert [m["text"] for m in replies] == [texts.ANNOUNCE_TOO_LONG.format(length=3501, limit=3500)]
    assert drafts(harness) == [(longest, "draft")]


async def test_cancel_button_discards_the_draft_for_good(harness):
    harness.deps.subscriptions.subscribe(11, "private")
    preview = (await harness.say(ORGANIZER, "/announce 要取消的通知"))[-1]
    keys = buttons(preview)  # the stand-in removes them from the message when the bot does
    assert (await press(harness, ORGANIZER, keys[texts.BUTTON_CANCEL], preview))["text"] == texts.CANCELLED
    assert drafts(harness) == [("要取消的通知", "cancelled")] and buttons(preview) == {}
    again = await press(harness, ORGANIZER, keys[texts.BUTTON_CONFIRM], preview)
    assert again["text"] == texts.ALREADY_HANDLED
    assert harness.standin.messages_to(11) == [] and drafts(harness) == [("要取消的通知", "cancelled")]


async def test_cancel_button_of_a_scheduled_announcement(harness):
    preview = (await harness.say(ORGANIZER, f"/schedule {in_an_hour(harness)} 定时通知"))[-1]
    await press(harness, ORGANIZER, buttons(preview)[texts.BUTTON_CONFIRM], preview)
    listing = (await harness.say(ORGANIZER, "/scheduled"))[-1]
    (label, data), = buttons(listing).items()
    assert (await press(harness, ORGANIZER, data, listing))["text"] == texts.CANCELLED
    assert harness.deps.announcements.scheduled() == [] and drafts(harness) == [("定时通知", "cancelled")]
    assert listing["text"] == texts.NO_SCHEDULED and buttons(listing) == {}  # the list is redrawn
    assert (await press(harness, ORGANIZER, data, listing))["text"] == texts.ALREADY_HANDLED


async def test_schedule_reads_natural_times_and_shows_the_weekday(harness):
    tomorrow = dt.datetime.now(harness.deps.config.tz).date() + dt.timedelta(days=1)
    replies = await harness.say(ORGANIZER, "/schedule 明天上午9点 全体集合")
    weekday = "一二三四五六日"[tomorrow.weekday()]
    assert f"{tomorrow:%Y-%m-%d} 09:00（星期{weekday}）" in replies[0]["text"] and "全体集合" in replies[-1]["text"]
    replies = await harness.say(ORGANIZER, "/schedule 明天 全体集合")
    assert [m["text"] for m in replies] == [texts.SCHEDULE_AMBIGUOUS.format(value="明天")]
    assert drafts(harness) == [("全体集合", "draft")]


async def test_non_organizers_are_refused_every_new_button_and_command(harness):
    for command in ("/unanswered", "/curated", "/scheduled", "/announcements", "/schedule 明天上午9点 通知"):
        assert [m["text"] for m in await harness.say(WORKER, command)] == [texts.NOT_ORGANIZER], command
    fake = {"message_id": 1, "date": 0, "chat": u.chat(WORKER), "text": "x"}
    for data in ("cur:add:1", "cur:edit:1", "cur:del:1", "cur:use:1:1", "cur:ok:1", "cur:again:1", "cur:no:1",
                 "page:un:1", "page:sc:0", "full:cu:1", "full:an:1", "ann:recall:1", "ann:recall:yes:1",
                 "ann:recall:no:1"):
        assert (await press(harness, WORKER, data, fake))["text"] == texts.NOT_ORGANIZER, data
    assert (await harness.say(WORKER, "这是一个答案"))[-1]["text"].startswith(texts.NO_ANSWER)
    assert harness.deps.curation.curated() == []


async def test_anonymous_group_admin_may_subscribe_the_group(harness):
    group_itself = {"id": GROUP, "type": "supergroup", "title": "一车间"}
    replies = await harness.say(GROUP, "/subscribe", user_id=ANONYMOUS_ADMIN_BOT, sender_chat=group_itself)
    assert [m["text"] for m in replies] == [texts.GROUP_SUBSCRIBED]
    assert harness.deps.subscriptions.is_subscribed(GROUP)
    channel = {"id": -100555, "type": "channel", "title": "别的频道"}  # speaks in the group, is no admin of it
    replies = await harness.say(GROUP, "/unsubscribe", user_id=ANONYMOUS_ADMIN_BOT, sender_chat=channel)
    assert [m["text"] for m in replies] == [texts.GROUP_ADMIN_ONLY]
    assert harness.deps.subscriptions.is_subscribed(GROUP)


async def test_user_ids_are_stored_only_as_salted_hashes(harness, tmp_path):
    answer = (await harness.say(WORKER, "鲁班工匠日是哪天"))[-1]
    await press(harness, WORKER, buttons(answer)[texts.BUTTON_UP], answer)
    await harness.say(ORGANIZER, "/announce 通知")
    harness.deps.curation.save("问题", "答案", ORGANIZER)
    db = harness.deps.database.db
    cells = {str(value) for table in ("questions", "feedback", "announcements", "curated")
             for row in db.execute(f"SELECT * FROM {table}") for value in tuple(row)}
    assert cells and not {str(WORKER), str(ORGANIZER)} & cells
    hashed = harness.deps.user_hash(WORKER)
    stored = db.execute("SELECT user_hash FROM questions UNION SELECT user_hash FROM feedback")
    assert {r[0] for r in stored} == {hashed}
    assert [a.author for a in harness.deps.curation.curated()] == [harness.deps.user_hash(ORGANIZER)[:8]]
    assert str(ORGANIZER) not in harness.deps.curation.store.path.read_text(encoding="utf-8")
    other = Database(tmp_path / "other.sqlite3")  # another database has another salt
    assert other.user_hash(WORKER) != hashed and other.user_hash(WORKER) == other.user_hash(WORKER)
    other.close()
