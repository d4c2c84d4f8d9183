"""Organizer-facing edges: forged or stale button data, buttons pressed in the wrong place or
state, and every status an organizer sees coming to an end even when a reload fails."""

from __future__ import annotations

from bot import texts
from bot.models import Status
from bot.services.knowledge import KnowledgeService
from handlers import callback_data as cd
from knowledge.articles import ArticleError
from knowledge.curated import load_curated
from tests import updates as u
from tests.conftest import ORGANIZER
from tests.test_handlers import buttons, in_an_hour, press

GROUP = -100901
WORKER = 4343


def bot_message(chat_id: int) -> dict:
    return {"message_id": 1, "date": 0, "chat": u.chat(chat_id), "text": "旧消息"}


async def test_forged_callback_data_is_answered_as_expired_and_never_raises(harness, caplog):
    forged = ["fb:" + "9" * 40 + ":1", "alt:99999999999999999999999", "ann:recall:١٢", "ask:-1", "nope:1",
              "ann:ok:" + "x" * 200, "cur:del:" + "1" * 30, "fb:12:2", "cur:add:" + "9" * 12]
    for data in forged:
        answer = await press(harness, WORKER, data, bot_message(WORKER))
        assert answer["text"] == texts.EXPIRED_BUTTON, data
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_action_patterns_bound_their_integers():
    assert cd.RECALL.parse_id("ann:recall:123456789") == 123456789
    assert cd.RECALL.parse("ann:recall:1234567890") is None
    assert cd.FEEDBACK.parse("fb:٣:1") is None  # other scripts' digits are not ids


async def test_recall_on_a_scheduled_announcement_does_not_cancel_it(harness):
    preview = (await harness.say(ORGANIZER, f"/schedule {in_an_hour(harness)} 定时通知"))[-1]
    await press(harness, ORGANIZER, buttons(preview)[texts.BUTTON_CONFIRM], preview)
    [scheduled] = harness.deps.announcements.scheduled()
    for action in (cd.RECALL, cd.RECALL_YES):  # 撤回, and a forged 确认撤回
        answer = await press(harness, ORGANIZER, action.data(scheduled.id), bot_message(ORGANIZER))
        assert answer["text"] in (texts.RECALL_NOT_SENT, texts.ALREADY_HANDLED), action
    assert [a.status for a in harness.deps.announcements.scheduled()] == [Status.SCHEDULED]


async def test_the_cancel_button_only_cancels_a_scheduled_announcement(harness):
    preview = (await harness.say(ORGANIZER, "/announce 草稿"))[-1]
    db = harness.deps.database.db
    [(draft_id,)] = db.execute("SELECT id FROM announcements").fetchall()
    answer = await press(harness, ORGANIZER, cd.CANCEL_SCHEDULED.data(draft_id), preview)
    assert answer["text"] == texts.ALREADY_HANDLED
    assert db.execute("SELECT status FROM announcements").fetchone()[0] == Status.DRAFT.value


async def test_an_organizer_button_pressed_in_a_group_is_answered(harness):
    for data in (cd.RECALL.data(1), cd.CANCEL_SCHEDULED.data(1), cd.CURATE_ADD.data(1), cd.CONFIRM.data("a" * 12)):
        answer = await press(harness, ORGANIZER, data, bot_message(GROUP))
        assert answer["text"] == texts.ORGANIZER_PRIVATE_ONLY, data


async def test_a_failed_reindex_after_a_broadcast_still_shows_the_report(harness, monkeypatch):
    deps, standin = harness.deps, harness.standin
    deps.subscriptions.subscribe(31, "private")

    async def broken_reload() -> None:
        raise ArticleError("broken.txt: cannot be read")

    monkeypatch.setattr(deps.knowledge, "reload_async", broken_reload)
    preview = (await harness.say(ORGANIZER, "/announce 今晚停电"))[-1]
    await press(harness, ORGANIZER, buttons(preview)[texts.BUTTON_CONFIRM], preview)
    status = await standin.wait_for(lambda: [m for m in standin.messages_to(ORGANIZER)
                                             if m.get("edited") and "发送完成" in m["text"]])
    assert "送达 1" in status[0]["text"] and texts.BUTTON_RECALL in buttons(status[0])


async def test_a_curated_answer_stored_before_a_failed_reload_is_reported_stored(running_bot, config, monkeypatch):
    from tests import test_curation_e2e as e2e

    standin, _, deps = running_bot
    standin.push(u.message(71, "职工食堂几点开饭"))
    await standin.next_message(71)

    async def broken_reload() -> None:
        raise ArticleError("broken.txt: cannot be read")

    monkeypatch.setattr(deps.knowledge, "reload_async", broken_reload)
    listing = await e2e.organizer_says(standin, "/unanswered")
    preview = await e2e.capture(standin, listing, "中午11点半开饭。")
    ok = next(b["callback_data"] for b in e2e.buttons(preview) if b["text"] == texts.BUTTON_CURATE_CONFIRM)
    saved = await e2e.press(standin, ok, preview)
    assert saved["text"].startswith("已保存主办方答复") and texts.CURATE_SAVED_NOT_LIVE in saved["text"]
    assert texts.ERROR_APOLOGY not in [m["text"] for m in standin.messages_to(ORGANIZER)]
    assert [a.answer for a in load_curated(e2e.store_path(config))] == ["中午11点半开饭。"]


async def test_reload_skips_a_bad_article_and_refuses_an_empty_folder(harness):
    folder = harness.deps.config.knowledge.articles
    (folder / "bad-meta.txt").write_text("标题\n正文里有一句话。\n", encoding="utf-8")
    (folder / "bad-meta.meta.yaml").write_text("title: [1, 2]\n", encoding="utf-8")
    (folder / "gbk.txt").write_bytes("标题\n正文".encode("gbk"))
    [reply] = await harness.say(ORGANIZER, "/reload")
    assert texts.RELOAD_SKIPPED in reply["text"] and "bad-meta.meta.yaml: title must be text" in reply["text"]
    assert "gbk.txt" in reply["text"] and "1 篇文章" in reply["text"]
    assert "6月11日" in (await harness.say(WORKER, "鲁班工匠日是哪天"))[-1]["text"]
    for article in folder.glob("*.txt"):
        article.unlink()
    [refused] = await harness.say(ORGANIZER, "/reload")
    assert "仍在使用原来的资料" in refused["text"] and "no usable article" in refused["text"]
    assert "6月11日" in (await harness.say(WORKER, "鲁班工匠日是哪天"))[-1]["text"]


def test_a_bad_article_at_start_up_is_skipped_with_a_warning(config, tokenizer, caplog):
    (config.knowledge.articles / "unreadable.txt").mkdir()  # reading it fails (IsADirectoryError)
    service = KnowledgeService(config, tokenizer)
    assert service.last_load.articles == 1 and service.ask("鲁班工匠日是哪天").answered
    assert [p for p in service.last_load.skipped if p.startswith("unreadable.txt")]
    assert any("unreadable.txt" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)


async def test_announcement_length_counts_utf16_units_at_preview(harness):
    emoji = "👷" * 3000  # 3,000 code points, 6,000 UTF-16 units
    [refused] = await harness.say(ORGANIZER, f"/announce {emoji}")
    assert refused["text"] == texts.ANNOUNCE_TOO_LONG.format(length=6000, limit=3500)
    assert harness.deps.database.db.execute("SELECT COUNT(*) FROM announcements").fetchone()[0] == 0
    assert len(await harness.say(ORGANIZER, "/announce " + "👷" * 1750)) == 2  # exactly 3,500 units: a preview
