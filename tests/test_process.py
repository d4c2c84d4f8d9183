"""``python run.py`` as real processes against the stand-in: the bot's start-up, a bad token, and
a broadcast killed with SIGKILL halfway and resumed."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from pathlib import Path

from bot.config import Config
from bot.services.delivery import CONCURRENCY
from bot.storage.database import Database
from bot.storage.deliveries import DeliveryRepository
from bot.storage.subscribers import SubscriberRepository
from tests import updates as u
from tests.conftest import ROOT
from tests.helpers import write_project


def env_for(standin, token: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    env.update(TELEGRAM_BOT_TOKEN=token or standin.token, TELEGRAM_API_BASE_URL=standin.base_url,
               PYTHONUNBUFFERED="1")
    return env


async def spawn(config_path: Path, env: dict, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "run.py"), "--config", str(config_path),
                                                *args, env=env, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)


async def test_run_py_runs_the_bot_and_never_logs_the_token(project: Path, standin):
    write_project(project, telegram={"poll_timeout": 1})
    process = await spawn(project / "config.yaml", env_for(standin))
    try:
        await standin.wait_for(lambda: standin.commands, timeout=30)
        standin.push(u.message(801, "鲁班工匠日是哪天"))
        reply = await standin.next_message(801, timeout=15)
        assert "6月11日" in reply["text"]
    finally:
        process.send_signal(signal.SIGINT)
        out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0
    assert standin.token not in (out + err).decode()
    assert {c["command"] for c in standin.commands[0]["commands"]} >= {"start", "help", "ask"}


async def test_bad_token_is_one_clear_line_and_status_2(project: Path, standin):
    process = await spawn(project / "config.yaml", env_for(standin, token="999:WRONG"))
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    assert "rejected the token" in err.decode() and "999:WRONG" not in (out + err).decode()
    assert "Traceback" not in err.decode()


async def test_sigkill_mid_broadcast_then_resume_loses_and_repeats_nothing(project: Path, config: Config, standin):
    database = Database(config.storage.path)
    store = SubscriberRepository(database)
    chats = list(range(5001, 5081))
    for chat_id in chats:
        store.subscribe(chat_id, "private")
    database.close()
    standin.response_delay = 0.02
    env = env_for(standin)
    first = await spawn(project / "config.yaml", env, "announce", "今晚停电检修,明早恢复")
    await standin.wait_for(lambda: len(standin.sent) >= 30, timeout=60)
    first.kill()  # SIGKILL: no cleanup, no finally blocks
    await first.wait()
    sent_before = len(standin.sent)
    assert sent_before < len(chats), "the broadcast should have been interrupted halfway"
    second = await spawn(project / "config.yaml", env, "announce", "--resume")
    out, err = await asyncio.wait_for(second.communicate(), 120)
    assert second.returncode == 0, err.decode()
    per_chat = Counter(m["chat"]["id"] for m in standin.sent if "停电检修" in m["text"])
    assert set(per_chat) == set(chats)  # nobody missed it
    repeats = sum(n - 1 for n in per_chat.values())
    database = Database(config.storage.path)
    report = DeliveryRepository(database).report(1)
    database.close()
    assert report.total == len(chats) and report.sent == len(chats) and report.pending == 0
    assert repeats <= report.possible_repeats <= CONCURRENCY  # only sends in flight at the kill
    assert f"送达 {len(chats)}" in out.decode()


async def test_webhook_mode_behind_a_reverse_proxy(project: Path, standin):
    import socket

    import aiohttp

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    write_project(project, telegram={"mode": "webhook", "webhook": {"port": port, "url": "https://bot.example.org"}})
    env = env_for(standin) | {"TELEGRAM_WEBHOOK_SECRET": "s3cret-token"}
    process = await spawn(project / "config.yaml", env)
    try:
        await standin.wait_for(lambda: standin.webhook, timeout=30)
        assert standin.webhook["url"] == "https://bot.example.org/telegram"
        assert standin.webhook["secret_token"] == "s3cret-token"
        update = {"update_id": 1, **u.message(811, "鲁班工匠日是哪天")}
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/telegram"
            for _ in range(100):  # setWebhook can come before the listener accepts (a loaded host)
                try:
                    async with session.get(url):
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.1)
            async with session.post(url, json=update) as forged:  # no secret header
                assert forged.status == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
            async with session.post(url, json=update, headers=headers) as real:
                assert real.status == 200
        reply = await standin.next_message(811, timeout=15)
        assert "6月11日" in reply["text"]
    finally:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0
