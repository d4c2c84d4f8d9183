"""Bot benchmarks through the Bot API stand-in: question load and a 2,000-subscriber broadcast.

Load: 200 chats send 1,000 questions at a steady 25 per second (open loop); every question must
be answered exactly once; throughput and reply latency are measured at the stand-in.
Broadcast: 2,000 subscribers through a stand-in that enforces Telegram's limits (429 past 30
messages in any second overall, past 20 a minute into one group).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections import Counter, defaultdict, deque
from pathlib import Path

from bot.app import OVERALL_PER_SECOND, build_application
from bot.config import load_config
from bot.progress import Progress
from bot.runner import make_deps
from tests import updates as u
from tests.bench.common import header, peak_rss_mb, percentile
from tests.helpers import ORGANIZER, write_project
from tests.standin import StandIn

QUESTIONS = ["鲁班工匠日是哪天", "这次表彰了多少劳动模范", "许振超会来做什么", "工匠家里会收到什么", "明天会下雨吗",
             "一共培育了多少工匠", "鲁班纪念馆得到了哪些支持", "专业技术人员占多大比例", "hello", "工匠日哪天？？"]


async def _started(folder: Path, standin: StandIn, polling: bool):
    deps = make_deps(load_config(write_project(folder)))
    application = build_application(deps, standin.token, base_url=standin.base_url)
    await application.initialize()
    if polling:
        await application.post_init(application)
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=1)
    return deps, application


async def _stop(deps, application, polling: bool) -> None:
    if polling:
        await application.updater.stop()
        await application.stop()
    await application.shutdown()
    deps.storage.close()


async def load(root: Path, chats: int = 200, total: int = 1000, rate: float = 25.0) -> dict:
    header(f"bot load: {chats} chats, {total} questions at {rate:.0f}/s through the stand-in")
    standin = await StandIn().start()
    with tempfile.TemporaryDirectory() as folder:
        deps, application = await _started(Path(folder), standin, polling=True)
        pushed: dict[int, deque[float]] = defaultdict(deque)
        asked: Counter[int] = Counter()
        progress = Progress("questions answered", total)
        started = time.monotonic()
        for n in range(total):
            chat = 10_000 + n % chats
            pushed[chat].append(time.monotonic())
            asked[chat] += 1
            standin.push(u.message(chat, QUESTIONS[n % len(QUESTIONS)]))
            await asyncio.sleep(max(0.0, started + (n + 1) / rate - time.monotonic()))
            progress(len(standin.sent))
        await standin.wait_for(lambda: len(standin.sent) >= total, timeout=300)
        elapsed = time.monotonic() - started
        await asyncio.sleep(1.0)  # anything extra would show up now
        progress(len(standin.sent))
        latencies = []
        for message in standin.sent:
            latencies.append((message["at"] - pushed[message["chat"]["id"]].popleft()) * 1000)
        replies = Counter(m["chat"]["id"] for m in standin.sent)
        await _stop(deps, application, polling=True)
    await standin.stop()
    exactly_once = replies == asked
    print(f"answered {len(latencies)}/{total}, each exactly once: {exactly_once}")
    print(f"throughput {len(latencies) / elapsed:.1f} replies/s (offered {rate:.0f}/s; "
          f"Telegram-safe pace capped at {OVERALL_PER_SECOND}/s)")
    print(f"reply latency at the stand-in: median {statistics.median(latencies):.0f} ms, "
          f"p95 {percentile(latencies, 0.95):.0f} ms; peak memory (bot + stand-in) {peak_rss_mb():.0f} MB")
    return {"exactly_once": exactly_once, "throughput": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies), "p95_ms": percentile(latencies, 0.95)}


async def broadcast(root: Path, subscribers: int = 2000, groups: int = 20) -> dict:
    header(f"broadcast: {subscribers} subscribers ({groups} groups), stand-in enforcing Telegram's limits")
    standin = await StandIn(limits=True).start()
    with tempfile.TemporaryDirectory() as folder:
        deps, application = await _started(Path(folder), standin, polling=False)
        service = deps.announcements
        chat_ids = [20_000 + i for i in range(subscribers - groups)] + [-1_000_000 - i for i in range(groups)]
        for chat_id in chat_ids:
            service.store.subscribe(chat_id, "private" if chat_id > 0 else "supergroup")
        announcement_id, token = service.store.create_draft("基准测试通知：明早九点集合。", ORGANIZER)
        service.store.confirm(token)
        progress = Progress("broadcast", subscribers)

        async def show(report) -> None:
            progress(report.total - report.pending, report.total)

        started = time.monotonic()
        report = await service.broadcast(application.bot, announcement_id, on_progress=show)
        elapsed = time.monotonic() - started
        copies = Counter(m["chat"]["id"] for m in standin.sent)
        await _stop(deps, application, polling=False)
    await standin.stop()
    duplicates = sum(n - 1 for n in copies.values() if n > 1)
    losses = sum(1 for chat_id in chat_ids if copies[chat_id] == 0)
    rate = len(standin.sent) / elapsed
    print(f"sent {len(standin.sent)} in {elapsed:.1f} s: sustained {rate:.1f} msg/s "
          f"({rate / 30:.0%} of Telegram's 30/s)")
    print(f"429s provoked: {standin.rejected_429}; duplicates: {duplicates}; losses: {losses}; "
          f"report: sent {report.sent}, blocked {report.blocked}, failed {report.failed}")
    return {"rate": rate, "429": standin.rejected_429, "duplicates": duplicates, "losses": losses}
