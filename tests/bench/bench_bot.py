"""Bot benchmarks through the Bot API stand-in: question load and a 2,000-subscriber broadcast.

Load: 200 chats send 1,000 questions at a steady 20 per second (open loop), below the 25/s reply
pace: offered at the pace itself the queue would only grow and the latency would measure the run's
length; every question must be answered exactly once; throughput and reply latency are measured
at the stand-in.
Broadcast: 2,000 subscribers through a stand-in that enforces Telegram's limits (429 past 30
messages in any second overall, past 20 a minute into one group).
Reload: /reload of the seed plus 1,000 extra passages while workers ask 20 questions a second
(below the send pace, so any delay is the reload's).
Groups: four workers ask in one group at the same instant, production pacing, Telegram's limits
enforced; the spread of the four replies at the stand-in.
Paid broadcast: 10,000 subscribers with ``allow_paid_broadcast`` through a stand-in enforcing
1,000 paid messages a second, running in its own process so this process is the bot alone.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from pathlib import Path
from types import SimpleNamespace

from bot.cli.progress import Progress
from bot.config import load_config
from bot.telegram.app import assemble
from bot.telegram.pacing import PRODUCTION
from tests import updates as u
from tests.bench.common import header, peak_rss_mb, percentile
from tests.helpers import ORGANIZER, standin_environment, write_project
from tests.standin import StandIn

QUESTIONS = ["鲁班工匠日是哪天", "这次表彰了多少劳动模范", "许振超会来做什么", "工匠家里会收到什么", "明天会下雨吗",
             "一共培育了多少工匠", "鲁班纪念馆得到了哪些支持", "专业技术人员占多大比例", "hello", "工匠日哪天？？"]


async def _started(folder: Path, standin: StandIn | SimpleNamespace, polling: bool, **settings):
    config = load_config(write_project(folder, **settings), standin_environment(standin))
    application, deps = assemble(config)
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
        await application.post_stop(application)  # the broadcasts loop post_init started
    await application.shutdown()
    deps.close()


async def load(root: Path, chats: int = 200, total: int = 1000, rate: float = 20.0) -> dict:
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
        for message in standin.sent:  # in the order they arrived
            latencies.append((message["at"] - pushed[message["chat"]["id"]].popleft()) * 1000)
        replies = Counter(m["chat"]["id"] for m in standin.sent)
        await _stop(deps, application, polling=True)
    await standin.stop()
    exactly_once = replies == asked
    print(f"answered {len(latencies)}/{total}, each exactly once: {exactly_once}")
    print(f"throughput {len(latencies) / elapsed:.1f} replies/s (offered {rate:.0f}/s, below the "
          f"Telegram-safe reply pace of {PRODUCTION.overall_per_second:.0f}/s)")
    print(f"reply latency at the stand-in: median {statistics.median(latencies):.0f} ms, "
          f"p95 {percentile(latencies, 0.95):.0f} ms; peak memory of the process (bot + stand-in) "
          f"{peak_rss_mb():.0f} MB")
    tenth = max(1, len(latencies) // 10)
    print(f"latency median of the first / last {tenth} replies: {statistics.median(latencies[:tenth]):.0f} / "
          f"{statistics.median(latencies[-tenth:]):.0f} ms (a queue growing over the run would show here)")
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
            deps.subscriptions.subscribe(chat_id, "private" if chat_id > 0 else "supergroup")
        draft = service.draft("基准测试通知：明早九点集合。", ORGANIZER)
        service.confirm(draft.confirm_token)
        announcement_id = draft.id
        progress = Progress("broadcast", subscribers)

        async def show(report) -> None:
            progress(report.total - report.pending, report.total)

        started = time.monotonic()
        report = await deps.broadcasts.broadcast(announcement_id, on_progress=show)
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


def _extra_article(shared: Path, passages: int = 1000) -> str:
    """1,000 news-length passages (about three real sentences each), as a scraped article."""
    from knowledge.passages import split_sentences
    from knowledge.squad import load_squad

    sentences: list[str] = []
    contexts = dict.fromkeys(item.context for item in load_squad(shared / "eval" / "cmrc2018_dev.json.gz"))
    for context in contexts:
        context = context.replace("\n", "")
        sentences.extend(context[a:b] for a, b in split_sentences(context))
        if len(sentences) >= passages * 3:
            break
    lines = ["基准测试用的额外资料文章标题"] + ["".join(sentences[i * 3:i * 3 + 3]) for i in range(passages)]
    return "\n".join(lines) + "\n"


async def reload(root: Path, shared: Path) -> dict:
    header("reload: seed corpus + 1,000 extra passages while workers keep asking")
    if not (shared / "eval" / "cmrc2018_dev.json.gz").exists():
        print("skipped: ../shared/eval/cmrc2018_dev.json.gz not found")
        return {}
    standin = await StandIn().start()
    with tempfile.TemporaryDirectory() as folder:
        deps, application = await _started(Path(folder), standin, polling=True)
        (Path(folder) / "articles" / "extra.txt").write_text(_extra_article(shared), encoding="utf-8")
        asked: list[tuple[int, float]] = []
        reload_started = reload_done = 0.0

        async def ask_steadily(seconds: float, every: float = 0.05) -> None:
            end = time.monotonic() + seconds
            n = 0
            while time.monotonic() < end:
                chat = 30_000 + n
                asked.append((chat, time.monotonic()))
                standin.push(u.message(chat, QUESTIONS[n % len(QUESTIONS)]))
                n += 1
                await asyncio.sleep(every)

        asking = asyncio.create_task(ask_steadily(4.0))
        await asyncio.sleep(1.0)
        reload_started = time.monotonic()
        standin.push(u.message(ORGANIZER, "/reload"))
        reply = await standin.next_message(ORGANIZER, timeout=60)
        reload_done = time.monotonic()
        await asking
        await standin.wait_for(lambda: all(standin.messages_to(chat) for chat, _ in asked), timeout=60)
        during = [(standin.messages_to(chat)[0]["at"] - at) * 1000 for chat, at in asked
                  if reload_started <= at <= reload_done]
        every = [(standin.messages_to(chat)[0]["at"] - at) * 1000 for chat, at in asked]
        report = deps.knowledge.last_load
        await _stop(deps, application, polling=True)
    await standin.stop()
    print(f"bot's reply: {reply['text']}")
    print(f"reload built {report.passages} passages / {report.sentences} sentences in {report.seconds:.2f} s "
          f"(round trip through the bot {reload_done - reload_started:.2f} s)")
    print(f"{len(asked)} questions asked meanwhile, all answered; {len(during)} during the reload: "
          f"latency median {statistics.median(during or [0]):.0f} ms, max {max(during or [0]):.0f} ms "
          f"(all questions: max {max(every):.0f} ms)")
    return {"seconds": report.seconds, "during_max_ms": max(during or [0])}


async def groups(root: Path, workers: int = 4, rounds: int = 3) -> dict:
    header(f"group burst: {workers} workers ask in one group at once, production pacing, Telegram's limits enforced")
    spreads, rejected = [], 0
    for n in range(rounds):  # a new group each round: its bucket starts full, as after a quiet minute
        standin = await StandIn(limits=True).start()
        with tempfile.TemporaryDirectory() as folder:
            deps, application = await _started(Path(folder), standin, polling=True)
            group = -100_500 - n
            pushed = time.monotonic()
            for worker in range(workers):
                standin.push(u.mention(group, QUESTIONS[worker], user_id=600 + worker))
            await standin.next_message(group, workers, timeout=60)
            at = [m["at"] for m in standin.messages_to(group)]
            spreads.append((max(at) - min(at), max(at) - pushed))
            rejected += standin.rejected_429
            await _stop(deps, application, polling=True)
        await standin.stop()
    spread = statistics.median(s for s, _ in spreads)
    last = statistics.median(t for _, t in spreads)
    print(f"{workers} replies, medians of {rounds} rounds: spread at the stand-in {spread * 1000:.0f} ms, last reply "
          f"{last:.2f} s after the questions; 429s: {rejected} (before: one message per 3 s into a group, the "
          f"fourth reply 9 s late)")
    return {"spread_s": spread, "last_s": last, "429": rejected}


async def paid_broadcast(root: Path, subscribers: int = 10_000, limit: int = 1000) -> dict:
    header(f"paid broadcast: {subscribers:,} subscribers, allow_paid_broadcast, stand-in (own process) enforcing "
           f"{limit:,}/s")
    server = subprocess.Popen([sys.executable, str(Path(__file__).with_name("standin_server.py")), "--paid-limit",
                               str(limit)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdin is not None and server.stdout is not None
    url = server.stdout.readline().strip()
    standin = SimpleNamespace(token=StandIn.token, base_url=f"{url}/bot")
    with tempfile.TemporaryDirectory() as folder:
        deps, application = await _started(Path(folder), standin, polling=False,
                                           announcements={"paid_broadcast": True})
        rate = deps.config.announcements.paid_rate
        chat_ids = [40_000 + i for i in range(subscribers)]
        with deps.database.db:  # one transaction for the set-up
            for chat_id in chat_ids:
                deps.subscriptions.subscribe(chat_id, "private")
        draft = deps.announcements.draft("付费群发基准测试通知：明早九点集合。", ORGANIZER)
        deps.announcements.confirm(draft.confirm_token)
        plan = deps.announcements.plan(subscribers)
        progress = Progress("paid broadcast", subscribers)

        async def show(report) -> None:
            progress(report.total - report.pending, report.total)

        started, cpu = time.monotonic(), time.process_time()
        report = await deps.broadcasts.broadcast(draft.id, on_progress=show)
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
        await _stop(deps, application, polling=False)
    server.stdin.write("stop\n")
    server.stdin.flush()
    counted = json.loads(server.stdout.readline())
    server.wait()
    copies = Counter({int(k): v for k, v in counted["copies"].items()})
    duplicates = sum(n - 1 for n in copies.values() if n > 1)
    losses = sum(1 for chat_id in chat_ids if copies[chat_id] == 0)
    sustained = counted["paid"] / elapsed
    print(f"configured {rate}/s; sent {counted['paid']:,} paid copies in {elapsed:.1f} s: "
          f"sustained {sustained:.0f} msg/s "
          f"({sustained / limit:.0%} of the stand-in's {limit:,}/s; stand-in span {counted['paid_span_s']:.1f} s)")
    print(f"429s: {counted['rejected_429']}; duplicates: {duplicates}; losses: {losses}; report: sent {report.sent}, "
          f"failed {report.failed}; bot process peak {peak_rss_mb():.0f} MB")
    print(f"CPU: bot process {cpu:.1f} s ({cpu / elapsed:.0%} of a core, "
          f"{cpu / counted['paid'] * 1000:.2f} ms per copy); "
          f"stand-in process {counted['cpu_s']:.1f} s")
    print(f"organizer was told: {plan.rate:.0f}/s, about {plan.seconds:.0f} s, about {plan.stars:,.1f} Stars "
          f"(at most {plan.max_stars:,.1f})")
    return {"rate": sustained, "429": counted["rejected_429"], "duplicates": duplicates, "losses": losses}
