"""``run.py`` as real processes: one bot per database, one sender and one pace per database,
bad articles and unusable databases as one clear line, and the token never printed, even when
the Bot API address answers with an error page that echoes the URL."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from aiohttp import web

from bot.config import Config
from bot.storage.database import Database
from bot.storage.subscribers import SubscriberRepository
from tests import updates as u
from tests.conftest import ORGANIZER
from tests.helpers import write_project
from tests.test_process import env_for, spawn

TOKEN = "123456:TEST-TOKEN"


async def stop(process: asyncio.subprocess.Process) -> tuple[str, str]:
    """Interrupt a running bot (Ctrl-C) and collect what it printed."""
    if process.returncode is None:
        process.send_signal(signal.SIGINT)
    return await finish(process)


async def finish(process: asyncio.subprocess.Process) -> tuple[str, str]:
    """Wait for a command that ends by itself."""
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return out.decode(), err.decode()


async def test_a_second_bot_exits_2_and_a_bad_article_is_skipped_at_start(project: Path, standin):
    write_project(project, telegram={"poll_timeout": 1})
    (project / "articles" / "unreadable.txt").mkdir()  # reading it fails like an unreadable file
    env = env_for(standin)
    first = await spawn(project / "config.yaml", env)
    try:
        await standin.wait_for(lambda: standin.commands, timeout=30)
        standin.push(u.message(821, "鲁班工匠日是哪天"))
        assert "6月11日" in (await standin.next_message(821, timeout=15))["text"]
        second = await spawn(project / "config.yaml", env)
        out, err = await asyncio.wait_for(second.communicate(), 30)
        assert second.returncode == 2
        assert err.decode().strip().count("\n") == 0 and "already running" in err.decode(), err.decode()
    finally:
        _, first_err = await stop(first)
    assert first.returncode == 0
    assert "unreadable.txt" in first_err and "WARNING" in first_err


async def test_an_unusable_database_is_one_line_and_status_2(project: Path, standin):
    write_project(project)
    database = project / "data" / "bot.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    database.write_bytes(b"this is not a database, just some text\n" * 200)
    for args in (["export", str(project / "q.csv")], []):
        process = await spawn(project / "config.yaml", env_for(standin), *args)
        _, err = await finish(process)
        assert process.returncode == 2, (args, err)
        assert err.count("\n") == 1 and "cannot be used" in err and "Traceback" not in err, err


class EchoingProxy:
    """A Bot API address that answers every call with an error page echoing the requested URL."""

    def __init__(self, status: int, json_body: bool) -> None:
        self.status, self.json_body = status, json_body

    async def handle(self, request: web.Request) -> web.Response:
        if self.json_body:
            return web.json_response({"ok": False, "error_code": self.status,
                                      "description": f"upstream failed for {request.url}"}, status=self.status)
        return web.Response(status=self.status, content_type="text/html",
                            text=f"<html><body>Bad gateway: {request.url}</body></html>")

    async def __aenter__(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        return f"http://127.0.0.1:{self.runner.addresses[0][1]}/bot"

    async def __aexit__(self, *exc: object) -> None:
        await self.runner.cleanup()


async def test_a_proxy_echoing_the_url_never_shows_the_token(project: Path, standin):
    write_project(project)
    cases = {(500, False): ([], ["announce", "明天停电"]), (502, True): (["-v", "announce", "--resume"],)}
    for (status, json_body), commands in cases.items():
        async with EchoingProxy(status, json_body) as base_url:
            env = env_for(standin) | {"TELEGRAM_API_BASE_URL": base_url}
            for args in commands:
                process = await spawn(project / "config.yaml", env, *args)
                out, err = await finish(process)
                assert process.returncode == 2, (status, args, err)
                assert TOKEN not in out + err and "TEST-TOKEN" not in out + err, (status, args, out + err)
                assert "Traceback" not in err


async def test_a_shell_announce_during_a_bot_broadcast_keeps_one_pace(project: Path, config: Config, standin):
    """An organizer's broadcast is under way in the bot when the shell announces: the shell hands
    its announcement to the bot, so one sender keeps one budget.

    The stand-in records arrivals without enforcing limits, and the budget is checked over 3 s
    windows: two senders (the old behaviour) put ~60 messages/s on the wire, while one sender at
    25/s stays under Telegram's 30/s on average even when a starved test process reads a burst of
    evenly sent requests at once (which made a 1-second window, and so a 429, flaky on 2 cores)."""
    write_project(project, telegram={"poll_timeout": 1})
    database = Database(config.storage.path)
    chats = list(range(6001, 6101))
    store = SubscriberRepository(database)
    for chat_id in chats:
        store.subscribe(chat_id, "private")
    database.close()
    env = env_for(standin)

    def copies() -> list[dict]:
        return [m for m in standin.sent if m["chat"]["id"] in chats and "通知：" in m["text"]]

    bot = await spawn(project / "config.yaml", env)
    try:
        await standin.wait_for(lambda: standin.commands, timeout=30)
        standin.push(u.message(ORGANIZER, "/announce 第一条通知：今晚停电"))
        preview = await standin.next_message(ORGANIZER, 2, timeout=15)
        confirm = next(b["callback_data"] for row in preview["reply_markup"]["inline_keyboard"] for b in row
                       if b["callback_data"].startswith("ann:ok:"))
        standin.push(u.callback(ORGANIZER, ORGANIZER, confirm, preview))
        shell = await spawn(project / "config.yaml", env, "announce", "第二条通知：明早恢复")
        await standin.wait_for(lambda: any("第一条" in m["text"] for m in standin.sent), timeout=15)
        out, err = await finish(shell)
        assert shell.returncode == 0 and "handed to the running bot" in out, err
        await standin.wait_for(lambda: len(copies()) >= 2 * len(chats), timeout=60)
    finally:
        await stop(bot)
    times = sorted(m["at"] for m in standin.sent)
    busiest, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] > 3.0:
            start += 1
        busiest = max(busiest, end - start + 1)
    assert busiest <= 3 * 30, busiest
    for marker in ("第一条", "第二条"):
        assert sorted(m["chat"]["id"] for m in copies() if marker in m["text"]) == chats
