"""The reply path to workers (``handlers.replying`` and the question log off the event loop):
transient faults on the answer's ``sendMessage`` are retried without a second copy, the apology
comes only when the answer finally failed, and a locked or full database never costs an answer."""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from dataclasses import replace

from bot import texts
from handlers.replying import POLICY_KEY
from tests import updates as u
from tests.standin import Fault

WORKER = 7101
GROUP = -100710
QUESTION = "鲁班工匠日是哪天"


def answers_in(messages: list[dict]) -> list[dict]:
    return [m for m in messages if "6月11日" in m["text"]]


async def test_a_500_a_dropped_connection_and_a_timeout_each_cost_nothing(harness):
    standin = harness.standin
    harness.application.bot_data[POLICY_KEY] = replace(harness.application.bot_data[POLICY_KEY], read_timeout=0.3)
    faults = {"500": Fault(500), "502": Fault(502, "Bad Gateway"), "drop": Fault(drop=True),
              "timeout": Fault(delay=1.0, drop=True)}
    for n, (name, fault) in enumerate(faults.items()):
        chat = WORKER + n
        standin.fail("sendMessage", chat, fault)
        replies = await harness.say(chat, QUESTION)
        assert len(answers_in(replies)) == 1, name
        assert texts.ERROR_APOLOGY not in [m["text"] for m in replies], name
    assert sum(1 for method, _ in standin.calls if method == "sendMessage") == 2 * len(faults)


async def test_the_apology_comes_only_when_the_answer_finally_failed(harness):
    standin = harness.standin
    standin.fail("sendMessage", WORKER, *[Fault(500)] * 4)
    replies = await harness.say(WORKER, QUESTION)
    assert [m["text"] for m in replies] == [texts.ERROR_APOLOGY]
    attempts = [p for m, p in standin.calls if m == "sendMessage" and p.get("chat_id") == WORKER]
    assert len(attempts) == 5  # four tries of the answer, then the apology


async def test_after_an_unknown_outcome_only_one_more_try(harness):
    """A dropped response may mean Telegram delivered it: a second retry could make a third copy."""
    standin = harness.standin
    standin.fail("sendMessage", WORKER, Fault(drop=True), Fault(drop=True), Fault(drop=True))
    await harness.say(WORKER, QUESTION)
    answer_tries = [p for m, p in standin.calls if m == "sendMessage" and "6月11日" in p.get("text", "")]
    assert len(answer_tries) == 2


async def test_twenty_percent_faults_nearly_everyone_gets_the_answer(harness):
    """20% of sendMessage calls fail (half 500, half dropped connections), decided per chat and
    attempt with a fixed seed so the run is repeatable whatever order the replies go in."""
    standin = harness.standin
    attempts: dict[int, int] = {}

    def rule(method: str, params: dict) -> Fault | None:
        chat = params.get("chat_id")
        if method != "sendMessage" or not isinstance(chat, int):
            return None
        attempts[chat] = attempts.get(chat, 0) + 1
        draw = random.Random(f"seed-12:{chat}:{attempts[chat]}").random()
        return Fault(500) if draw < 0.1 else Fault(drop=True) if draw < 0.2 else None

    standin.fault_rule = rule
    workers = range(8001, 8031)
    await asyncio.gather(*(harness.feed(u.message(chat, QUESTION)) for chat in workers))
    got = [chat for chat in workers if answers_in(standin.messages_to(chat))]
    assert len(got) >= 29, f"{len(got)}/30 got the answer"
    assert sum(1 for method, _ in standin.calls if method == "sendMessage") > 30 * 1.1  # faults did happen


async def test_a_deleted_group_question_is_answered_in_the_same_thread(harness):
    standin = harness.standin
    update = u.mention(GROUP, QUESTION, user_id=601)
    update["message"].update(message_thread_id=77, is_topic_message=True)
    standin.gone.add((GROUP, update["message"]["message_id"]))
    await harness.feed(update)
    replies = standin.messages_to(GROUP)
    assert len(answers_in(replies)) == 1 and texts.ERROR_APOLOGY not in [m["text"] for m in replies]
    assert replies[0]["message_thread_id"] == 77


async def test_a_photo_with_a_question_in_its_caption_is_answered(harness):
    photo = [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]
    await harness.feed(u.message(WORKER, None, photo=photo, caption=QUESTION))
    replies = harness.standin.messages_to(WORKER)
    assert len(answers_in(replies)) == 1 and texts.NON_TEXT not in [m["text"] for m in replies]
    await harness.feed(u.message(WORKER + 1, None, photo=photo))
    assert [m["text"] for m in harness.standin.messages_to(WORKER + 1)] == [texts.NON_TEXT]


async def test_a_full_disk_costs_the_log_row_not_the_answer(harness, caplog):
    """SQLITE_FULL, as on a full disk (max_page_count caps the writer's file)."""
    database = harness.deps.database

    def fill(db: sqlite3.Connection) -> None:
        """Cap the file a few pages above its size and write until SQLite reports it full."""
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0] + 4}")
        for size in (300, 30, 1):  # smaller and smaller rows, until not even one character fits
            try:
                while True:
                    db.execute("INSERT INTO questions(ts, user_hash, chat_type, question, answered, score,"
                               " confidence) VALUES (0, 'filler', 'private', ?, 0, 0, 0)", ("填" * size,))
            except sqlite3.OperationalError as exc:
                assert "full" in str(exc)

    await database.writer.run(fill)
    logged = harness.deps.questions.question_count()
    replies = await harness.say(WORKER, QUESTION)
    assert len(answers_in(replies)) == 1 and texts.ERROR_APOLOGY not in [m["text"] for m in replies]
    assert harness.deps.questions.question_count() == logged
    assert any("question not logged" in r.getMessage() for r in caplog.records)


async def test_a_held_write_lock_neither_blocks_the_answer_nor_start(harness, caplog):
    holder = sqlite3.connect(str(harness.deps.database.path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing (a backup, a stuck shell)
    try:
        async def timed(update: dict) -> float:
            started = time.monotonic()
            await harness.feed(update)
            return time.monotonic() - started

        question = asyncio.create_task(timed(u.message(WORKER, QUESTION)))
        await asyncio.sleep(0.05)  # the question's log write is now waiting for the lock
        start_took = await timed(u.message(WORKER + 1, "/start"))
        answered_in = await question
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(answers_in(harness.standin.messages_to(WORKER))) == 1
    assert len(harness.standin.messages_to(WORKER + 1)) == 1
    assert answered_in < 2.0 and start_took < 1.0
    assert any("question not logged" in r.getMessage() for r in caplog.records)
    assert await harness.say(WORKER, QUESTION)  # and the log works again once the lock is gone
    assert harness.deps.questions.question_count() == 1


async def test_an_old_maybe_button_after_a_reload_shows_its_own_sentence(harness):
    """Button data and log rows name sentences by stable key, not by index position."""
    standin, deps = harness.standin, harness.deps
    [reply] = await harness.say(WORKER, "劳模")
    alt = next(b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row
               if b["text"] == texts.BUTTON_MAYBE)
    offered = reply["text"].split(f"{texts.MAYBE_LABEL}：")[1]
    articles = deps.config.knowledge.articles
    (articles / "0-first.txt").write_text("新增文章\n\n" + "".join(f"第{n}条新闻说劳模很多。" for n in range(40)),
                                          encoding="utf-8")  # sorts first: every old position moves
    before = deps.knowledge.last_load.sentences
    await deps.knowledge.reload_async()
    assert deps.knowledge.last_load.sentences > before
    await harness.feed(u.callback(WORKER, WORKER, alt, reply))
    shown = standin.messages_to(WORKER)[-1]
    bold = shown["html"].split("<b>")[1].split("</b>")[0]
    assert bold == offered
