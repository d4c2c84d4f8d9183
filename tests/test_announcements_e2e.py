"""Subscriptions and announcements end to end, with faults injected at the Bot API stand-in."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot import texts
from tests import updates as u
from tests.conftest import ORGANIZER, ORGANIZER_2, bot_running
from tests.standin import Fault

GROUP = -100200


def buttons(message: dict) -> list[dict]:
    return [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def subscribe(standin, *chat_ids: int) -> None:
    for chat_id in chat_ids:
        before = len(standin.messages_to(chat_id))
        if chat_id < 0:
            standin.chat_admins[chat_id].add(700)
            standin.push(u.message(chat_id, "/subscribe", user_id=700))
        else:
            standin.push(u.message(chat_id, "/subscribe"))
        await standin.next_message(chat_id, before + 1)


async def announce(standin, text: str, organizer: int = ORGANIZER) -> dict:
    """Send /announce as the organizer; returns the preview message with its buttons."""
    before = len(standin.messages_to(organizer))
    standin.push(u.message(organizer, f"/announce {text}"))
    return await standin.next_message(organizer, before + 2)


def confirm_data(preview: dict) -> str:
    return next(b["callback_data"] for b in buttons(preview) if b["callback_data"].startswith("ann:ok:"))


def copies(standin, chat_id: int, marker: str) -> int:
    return sum(marker in m["text"] for m in standin.messages_to(chat_id))


async def test_subscribe_unsubscribe_and_group_admin_check(running_bot):
    standin, _, deps = running_bot
    store = deps.subscriptions
    standin.push(u.message(11, "/subscribe"))
    assert (await standin.next_message(11))["text"] == texts.SUBSCRIBED
    standin.push(u.message(11, "/subscribe"))
    assert (await standin.next_message(11, 2))["text"] == texts.ALREADY_SUBSCRIBED
    standin.push(u.message(11, "/unsubscribe"))
    assert (await standin.next_message(11, 3))["text"] == texts.UNSUBSCRIBED
    standin.push(u.message(GROUP, "/subscribe", user_id=55))
    assert (await standin.next_message(GROUP))["text"] == texts.GROUP_ADMIN_ONLY
    standin.chat_admins[GROUP].add(56)
    standin.push(u.message(GROUP, "/subscribe", user_id=56))
    assert (await standin.next_message(GROUP, 2))["text"] == texts.GROUP_SUBSCRIBED
    assert store.subscriber_counts() == (1, 1)


async def test_non_organizer_is_refused_every_organizer_action(running_bot):
    standin, _, deps = running_bot
    await subscribe(standin, 12)
    for n, command in enumerate(["/announce 明天停电", "/schedule 2030-01-01 09:00 明天停电", "/scheduled",
                                 "/announcements"], 1):
        standin.push(u.message(13, command))
        assert (await standin.next_message(13, n))["text"] == texts.NOT_ORGANIZER
    preview = await announce(standin, "真正的通知")
    standin.push(u.callback(13, 13, confirm_data(preview), preview))
    await standin.wait_for(lambda: standin.callback_answers)
    assert standin.callback_answers[-1]["text"] == texts.NOT_ORGANIZER
    await asyncio.sleep(0.3)
    assert copies(standin, 12, "真正的通知") == 0 and copies(standin, 12, "明天停电") == 0
    assert deps.announcements.recent() == []


async def test_preview_confirm_delivers_once_with_report_and_becomes_knowledge(running_bot):
    standin, _, deps = running_bot
    await subscribe(standin, 21, 22, GROUP)
    preview = await announce(standin, "鲁班纪念馆焕新开放仪式改在6月12日上午9点举行")
    assert preview["text"].startswith("📢 鲁班工匠日活动通知")
    assert {b["text"] for b in buttons(preview)} == {texts.BUTTON_CONFIRM, texts.BUTTON_CANCEL}
    await asyncio.sleep(0.2)
    assert copies(standin, 21, "焕新开放仪式") == 0  # nothing before confirmation
    standin.push(u.callback(ORGANIZER, ORGANIZER, confirm_data(preview), preview))
    await standin.wait_for(lambda: all(copies(standin, c, "焕新开放仪式") for c in (21, 22, GROUP)))
    status = await standin.wait_for(lambda: next((m for m in standin.messages_to(ORGANIZER)
                                                  if "发送完成" in m["text"]), None))
    assert "共 3 位订阅者" in status["text"] and "送达 3" in status["text"]
    assert any(b["callback_data"].startswith("ann:recall:") for b in buttons(status))
    assert all(b["callback_data"] == "sub:off" for b in buttons(standin.messages_to(21)[-1]))
    standin.push(u.message(21, "纪念馆开放仪式哪天举行"))
    answer = await standin.next_message(21, 3)
    assert "6月12日" in answer["text"] and "通知" in answer["text"]


async def test_double_confirm_and_two_organizers_give_one_broadcast(running_bot):
    standin, _, _ = running_bot
    await subscribe(standin, 31, 32)
    preview = await announce(standin, "双击测试通知")
    data = confirm_data(preview)
    standin.push(u.callback(ORGANIZER, ORGANIZER, data, preview))
    standin.push(u.callback(ORGANIZER, ORGANIZER, data, preview))
    standin.push(u.callback(ORGANIZER_2, ORGANIZER_2, data, preview))
    await standin.wait_for(lambda: copies(standin, 31, "双击测试") and copies(standin, 32, "双击测试"))
    await asyncio.sleep(0.5)
    assert copies(standin, 31, "双击测试") == 1 and copies(standin, 32, "双击测试") == 1
    assert sum(a.get("text") == texts.ALREADY_HANDLED for a in standin.callback_answers) == 2


async def test_faults_blocked_gone_flood_5xx_dropped_and_migrated(running_bot, monkeypatch):
    monkeypatch.setattr("bot.services.delivery.BACKOFF_SECONDS", (0.05, 0.1))  # the retry logic, not the waiting
    standin, _, deps = running_bot
    await subscribe(standin, 41, 42, 43, 44, 45, 46, -100300)
    standin.fail("sendMessage", 41, Fault(403, "Forbidden: bot was blocked by the user"))
    standin.fail("sendMessage", 42, Fault(400, "Bad Request: chat not found"))
    standin.fail("sendMessage", 43, Fault(429, "Too Many Requests: retry after 1", retry_after=1))
    standin.fail("sendMessage", 44, Fault(500), Fault(502, "Bad Gateway"))
    standin.fail("sendMessage", 45, Fault(drop=True))
    standin.fail("sendMessage", 46, *[Fault(500)] * 6)
    standin.fail("sendMessage", -100300, Fault(400, "Bad Request: group chat was upgraded to a supergroup chat",
                                              migrate_to=-1000300))
    preview = await announce(standin, "故障注入测试通知")
    standin.push(u.callback(ORGANIZER, ORGANIZER, confirm_data(preview), preview))
    status = await standin.wait_for(lambda: next((m for m in standin.messages_to(ORGANIZER)
                                                  if "发送完成" in m["text"]), None), timeout=60)
    for chat_id in (43, 44, 45, -1000300):
        assert copies(standin, chat_id, "故障注入") == 1, chat_id
    for chat_id in (41, 42, 46, -100300):
        assert copies(standin, chat_id, "故障注入") == 0, chat_id
    assert "共 7 位订阅者" in status["text"]
    assert "送达 4" in status["text"] and "已屏蔽/不存在 2" in status["text"] and "多次重试仍失败 1" in status["text"]
    store = deps.subscriptions
    assert not store.is_subscribed(41) and not store.is_subscribed(42) and store.is_subscribed(46)
    assert store.is_subscribed(-1000300) and not store.is_subscribed(-100300)


async def test_recall_deletes_delivered_copies(running_bot):
    standin, _, _ = running_bot
    await subscribe(standin, 51, 52)
    preview = await announce(standin, "要撤回的通知")
    standin.push(u.callback(ORGANIZER, ORGANIZER, confirm_data(preview), preview))
    status = await standin.wait_for(lambda: next((m for m in standin.messages_to(ORGANIZER)
                                                  if "发送完成" in m["text"]), None))
    recall = next(b["callback_data"] for b in buttons(status) if b["callback_data"].startswith("ann:recall:"))
    standin.push(u.callback(ORGANIZER, ORGANIZER, recall, status))  # 撤回 only asks
    await standin.wait_for(lambda: any(a.get("text", "").startswith("确定要撤回") for a in standin.callback_answers))
    await asyncio.sleep(0.2)
    assert standin.deleted == []
    yes = recall.replace("ann:recall:", "ann:recall:yes:")
    standin.push(u.callback(ORGANIZER, ORGANIZER, yes, status))
    await standin.wait_for(lambda: len(standin.deleted) == 2)
    assert {chat for chat, _ in standin.deleted} == {51, 52}
    await standin.wait_for(lambda: any("已撤回通知" in m["text"] for m in standin.messages_to(ORGANIZER)))
    standin.push(u.callback(ORGANIZER, ORGANIZER, yes, status))  # a second tap deletes nothing more
    await standin.wait_for(lambda: standin.callback_answers[-1].get("text") == texts.ALREADY_HANDLED)
    assert len(standin.deleted) == 2


async def test_scheduled_announcement_survives_a_restart(config, standin, tokenizer):
    when = dt.datetime.now(config.tz) + dt.timedelta(seconds=4)
    async with bot_running(config, standin, tokenizer) as (_, _, deps):
        await subscribe(standin, 61)
        standin.push(u.message(ORGANIZER, f"/schedule {when:%Y-%m-%d %H:%M:%S} 明早八点集合"))
        preview = await standin.next_message(ORGANIZER, 2)
        standin.push(u.callback(ORGANIZER, ORGANIZER, confirm_data(preview), preview))
        await standin.wait_for(lambda: deps.announcements.scheduled())
        await standin.next_message(ORGANIZER, 3)  # where its progress and report will come
        standin.push(u.message(ORGANIZER, "/scheduled"))
        listing = await standin.next_message(ORGANIZER, 4)
        assert "明早八点集合" in listing["text"]
    assert copies(standin, 61, "明早八点集合") == 0
    async with bot_running(config, standin, tokenizer):
        await standin.wait_for(lambda: copies(standin, 61, "明早八点集合"), timeout=15)
        await asyncio.sleep(0.3)
        assert copies(standin, 61, "明早八点集合") == 1
        # the organizer who scheduled it gets the report with 撤回, as for an immediate one
        report = await standin.wait_for(lambda: next((m for m in standin.messages_to(ORGANIZER)
                                                      if "发送完成" in m["text"]), None))
        assert "送达 1" in report["text"]
        assert any(b["callback_data"].startswith("ann:recall:") for b in buttons(report))


async def test_announce_as_a_reply_sends_the_replied_message_text(running_bot):
    standin, _, _ = running_bot
    draft = {"message_id": 5, "date": 0, "chat": u.chat(ORGANIZER), "from": u.user(ORGANIZER),
             "text": "周五下午三点在工人文化宫彩排"}
    standin.push(u.message(ORGANIZER, "/announce", reply_to=draft))
    preview = await standin.next_message(ORGANIZER, 2)
    assert "周五下午三点在工人文化宫彩排" in preview["text"]
    assert {b["text"] for b in buttons(preview)} == {texts.BUTTON_CONFIRM, texts.BUTTON_CANCEL}


async def test_blocked_bot_or_removal_from_a_group_deactivates_the_subscriber(running_bot):
    standin, _, deps = running_bot
    await subscribe(standin, 81, -100810)
    for chat_id, status in ((81, "kicked"), (-100810, "left")):
        standin.push({"my_chat_member": {
            "chat": u.chat(chat_id), "from": u.user(81), "date": 0,
            "old_chat_member": {"status": "member", "user": {"id": 7000001, "is_bot": True, "first_name": "b"}},
            "new_chat_member": {"status": status, "user": {"id": 7000001, "is_bot": True, "first_name": "b"},
                                **({"until_date": 0} if status == "kicked" else {})}}})
    store = deps.subscriptions
    await standin.wait_for(lambda: not store.is_subscribed(81) and not store.is_subscribed(-100810))
