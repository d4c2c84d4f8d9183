"""Pacing against a stand-in that enforces Telegram's flood limits: group bursts, paid broadcasts.

Assertions are on what the stand-in counted (replies, 429s, the ``allow_paid_broadcast``
parameter) and on the limiter's own intervals, not on wall-clock thresholds; the seconds are
reported by ``make bench`` (``tests/bench/bench_bot.py``).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque

import pytest

from bot.config import ConfigError
from bot.render import duration, stars
from bot.services.announcements import Plan
from bot.telegram.app import Overrides
from bot.telegram.pacing import PRODUCTION, GroupedBucket, Limiter, Pacing
from tests import updates as u
from tests.conftest import ORGANIZER, bot_running
from tests.helpers import project_config, write_project
from tests.standin import StandIn

GROUP = -100300


def test_group_pacing_lets_a_burst_through_and_keeps_every_minute_within_twenty():
    pacing = PRODUCTION
    assert pacing.group_burst >= 4
    per_second = pacing.group_burst / pacing.group_period  # the bucket's drain rate after the burst
    assert pacing.group_burst + 60 * per_second <= 20 + 1e-9
    with pytest.raises(ValueError):
        Pacing(group_burst=20)


async def test_four_simultaneous_group_questions_are_answered_in_one_burst(config, tokenizer):
    """Production pacing, Telegram's limits enforced: the four replies all go out before the group
    bucket would space them (one per group_period / group_burst seconds), and none is refused."""
    standin = await StandIn(limits=True).start()
    try:
        async with bot_running(config, standin, tokenizer, overrides=Overrides(pacing=PRODUCTION)):
            for worker in range(4):
                standin.push(u.mention(GROUP, "鲁班工匠日是哪天", user_id=500 + worker))
            await standin.next_message(GROUP, 4, timeout=30)
            replies = standin.messages_to(GROUP)
    finally:
        await standin.stop()
    assert len(replies) == 4 and standin.rejected_429 == 0
    spread = max(m["at"] for m in replies) - min(m["at"] for m in replies)
    assert spread < PRODUCTION.group_period / PRODUCTION.group_burst  # no reply waited for the group bucket


def test_a_paid_broadcast_is_planned_with_its_rate_and_cost():
    plan = Plan(100_000, paid=True, rate=950)
    assert round(plan.seconds) == 105
    assert round(plan.stars, 1) == 9684.2       # 0.1 Stars for each message above the free 30/s
    assert plan.max_stars == pytest.approx(10_000)
    free = Plan(100_000, paid=False, rate=28)
    assert free.stars == free.max_stars == 0 and duration(free.seconds) == "60 分钟"
    assert stars(9684.21) == "9,684.2" and stars(10_000) == "10,000"


def test_paid_rate_is_range_checked(project):
    for rate in (30, 1001):
        with pytest.raises(ConfigError, match="announcements.paid_rate"):
            project_config(project, announcements={"paid_rate": rate})
    assert project_config(project, announcements={"paid_rate": 1000}).announcements.paid_rate == 1000


def _most_in_any_window(releases: deque[tuple[float, int]], seconds: float) -> int:
    """The most released in any window of ``seconds`` (windows starting at a release are the worst)."""
    most, total, first = 0, 0, 0
    times = list(releases)
    for at, count in times:
        total += count
        while at - times[first][0] >= seconds:
            total -= times[first][1]
            first += 1
        most = max(most, total)
    return most


async def test_the_paid_bucket_releases_whole_bursts_within_its_rate():
    """300 requests at once through the paid bucket at 1,000/s: they leave a burst (10) per timer,
    not one by one, and no window holds more than the bucket allows (two bursts + the drain), on the
    bucket's own release times, whatever the host's load."""
    bucket = GroupedBucket(1000)
    bucket.releases = deque()
    assert Limiter(PRODUCTION, 1000)._apb_limiter is not None
    assert (bucket.burst, bucket.size) == (10, 20)

    async def one() -> None:
        async with bucket:
            pass

    await asyncio.gather(*(one() for _ in range(300)))
    assert sum(n for _, n in bucket.releases) == 300
    # about the first 20 go at once, one by one; then a timer releases a burst at a time
    assert len(bucket.releases) <= bucket.size + math.ceil(300 / bucket.burst) + 2
    for seconds in (0.05, 0.1, 0.2):
        assert _most_in_any_window(bucket.releases, seconds) <= bucket.size + 980 * seconds + 1e-6


async def test_a_stalled_loop_does_not_send_the_capacity_it_missed_at_once():
    """The loop blocked for 0.2 s (a slow disk, a long callback) while copies wait: the release
    after it is at most what the bucket holds, not the 0.2 s of drain it missed."""
    bucket = GroupedBucket(1000)
    bucket.releases = deque()

    async def one() -> None:
        async with bucket:
            pass

    await asyncio.gather(*(one() for _ in range(60)))  # under way: the bucket is full, copies queue
    waiting = [asyncio.ensure_future(one()) for _ in range(100)]
    await asyncio.sleep(0)  # they queue up
    assert len(bucket._queue) >= 80
    time.sleep(0.2)  # the stall is the point
    await asyncio.gather(*waiting)
    assert max(n for _, n in bucket.releases) <= bucket.size
    for seconds in (0.05, 0.1, 0.3):
        assert _most_in_any_window(bucket.releases, seconds) <= bucket.size + 980 * seconds + 1e-6


async def _broadcast(config, tokenizer, standin: StandIn, subscribers: int, **settings) -> list[dict]:
    """Subscribe chats, announce from the organizer's chat, confirm; returns the preview intro."""
    async with bot_running(config, standin, tokenizer, **settings) as (_, _, deps):
        for chat_id in range(20_000, 20_000 + subscribers):
            deps.subscriptions.subscribe(chat_id, "private")
        standin.push(u.message(ORGANIZER, "/announce 付费群发测试通知"))
        intro = await standin.next_message(ORGANIZER, 1)
        preview = await standin.next_message(ORGANIZER, 2)
        data = next(b["callback_data"] for row in preview["reply_markup"]["inline_keyboard"] for b in row
                    if b["callback_data"].startswith("ann:ok:"))
        standin.push(u.callback(ORGANIZER, ORGANIZER, data, preview))
        await standin.wait_for(lambda: sum(m["chat"]["id"] >= 20_000 for m in standin.sent) >= subscribers,
                               timeout=30)
        await deps.broadcasts.stop()
    return [intro]


async def test_paid_broadcast_sends_allow_paid_broadcast_at_its_pace_and_a_free_one_does_not(config, tokenizer,
                                                                                              tmp_path):
    """Paid: every copy carries allow_paid_broadcast, the organizer was told the rate and the cost,
    and the stand-in (paid limit 100/s) refuses nothing at a configured 95/s, which PTB's own
    bucket (a burst of 1,000) would not keep to. Free: no copy carries it."""
    paid = await StandIn(limits=True, paid_limit=100).start()
    try:
        (intro,) = await _broadcast(config, tokenizer, paid, 150,
                                    announcements={"paid_broadcast": True, "paid_rate": 95})
    finally:
        await paid.stop()
    copies = [m for m in paid.sent if m["chat"]["id"] >= 20_000]
    assert len(copies) == 150 and all(m["paid"] for m in copies) and paid.rejected_429 == 0
    assert not any(m["paid"] for m in paid.messages_to(ORGANIZER))
    assert "每秒约 95 条" in intro["text"] and "0.1 Telegram Stars" in intro["text"]
    assert "预计约 10.3 Stars，最多 15 Stars" in intro["text"]  # 0.1 × 150 × (1 − 30/95); 0.1 × 150

    free = await StandIn().start()
    try:
        write_project(tmp_path / "free")
        (intro,) = await _broadcast(project_config(tmp_path / "free"), tokenizer, free, 3)
    finally:
        await free.stop()
    assert [m["paid"] for m in free.sent if m["chat"]["id"] >= 20_000] == [False] * 3
    assert not any(name == "sendMessage" and "allow_paid_broadcast" in params for name, params in free.calls)
    assert "Stars" not in intro["text"]
