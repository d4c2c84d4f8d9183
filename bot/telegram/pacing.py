"""How fast the bot may talk to Telegram, as data a test can override.

Telegram's limits: ~30 messages/s overall, 20 a minute into one group, and up to 1,000/s for
messages sent with ``allow_paid_broadcast`` (0.1 Stars each). aiolimiter is a leaky bucket: a
burst of ``max_rate`` goes out at once, then it drains at ``max_rate / time_period``, so in any
window of T seconds it lets through at most ``burst + rate * T``. Hence:

- overall: a bucket of one message per 1/25 s, so every second stays under 30. 25, not 29:
  requests leave evenly spaced but can arrive bunched (a stalled connection, a busy host), and
  Telegram counts arrivals; the headroom keeps those bunches under 30 as well;
- groups: a burst of ``group_burst`` (five workers asking at once are answered at once), then
  ``(20 - burst) / 60`` per second, so every 60 s window holds at most 20 messages into one group;
- paid broadcasts: a burst of a hundredth of ``paid_per_second``, draining at the rest, past the
  overall and group buckets (as PTB's limiter does), so every second stays at or under the paid
  rate. The waiters leave in groups (:class:`GroupedBucket`): at 950/s a request waking alone
  cost more CPU than building it.

Tests pass a fast :class:`Pacing` so replies do not wait.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

from bot.config import FREE_PACE, PAID_RATE_LIMIT

GROUP_PER_MINUTE = 20      # Telegram's limit into one group
EPSILON = 1e-6             # of one message: float rounding in the paid bucket's level


@dataclass(frozen=True)
class Pacing:
    overall_per_second: float = FREE_PACE
    group_burst: int = 5              # messages into one group that go out at once
    group_per_minute: float = GROUP_PER_MINUTE
    max_retries: int = 3              # flood-control waits the limiter absorbs before giving up

    def __post_init__(self) -> None:
        if not 1 <= self.group_burst < self.group_per_minute:
            raise ValueError("group_burst must be at least 1 and below group_per_minute")

    @property
    def group_period(self) -> float:
        """Seconds for the group bucket to drain a full burst: burst + drained in 60 s = the limit."""
        return self.group_burst * 60 / (self.group_per_minute - self.group_burst)

    def limiter(self, paid_per_second: float = PAID_RATE_LIMIT) -> AIORateLimiter:
        return Limiter(self, paid_per_second)


class Limiter(AIORateLimiter):
    """PTB's limiter, with paid broadcasts paced at the configured rate.

    PTB paces ``allow_paid_broadcast`` requests with a bucket of 1,000 per second, which lets
    2,000 through in the first second; this one keeps every second at ``paid_per_second``.
    """

    def __init__(self, pacing: Pacing, paid_per_second: float):
        if not 1 < paid_per_second <= PAID_RATE_LIMIT:
            raise ValueError(f"paid_per_second must be above 1 and at most {PAID_RATE_LIMIT}")
        super().__init__(overall_max_rate=1, overall_time_period=1 / pacing.overall_per_second,
                         group_max_rate=pacing.group_burst, group_time_period=pacing.group_period,
                         max_retries=pacing.max_retries)
        self._apb_limiter = GroupedBucket(paid_per_second)
        self.paid_per_second = paid_per_second


class GroupedBucket(AsyncLimiter):
    """The paid broadcasts' bucket, released a burst at a time: it holds two bursts (a burst is a
    hundredth of a second's worth) and drains at the rest, so no second holds more than
    ``per_second`` (what the bucket holds + one second's drain).

    aiolimiter wakes its waiters one at a time (a timer, a future and a loop turn per request; a
    bucket of one at 1/950 s topped out near 480/s); here one timer releases a whole burst once
    the bucket has room for it, so at 950/s the loop wakes about 95 times a second instead of
    950. The level is kept on the times of the releases: a timer that fires late (the event loop
    waits in whole milliseconds, more on a busy host) catches up with the second burst's room,
    and a loop stalled for longer loses the capacity it missed instead of sending it later at once.
    """

    __slots__ = ("burst", "size", "per_second", "_drain", "_fill", "_at", "_queue", "_timer", "releases")

    def __init__(self, per_second: float):
        burst = max(1, round(per_second / 100))
        size, drain = 2 * burst, per_second - 2 * burst
        if drain <= 0:
            raise ValueError(f"per_second must be above {size}")
        super().__init__(max_rate=size, time_period=size / drain)
        self.burst, self.size, self.per_second, self._drain = burst, size, per_second, drain
        self._fill, self._at = 0.0, 0.0     # the bucket's level when last measured, and when
        self._queue: deque[asyncio.Future[None]] = deque()
        self._timer: asyncio.TimerHandle | None = None
        self.releases: deque[tuple[float, int]] | None = None  # (time, how many): set to a deque to record

    def _measure(self, now: float) -> float:
        self._fill, self._at = max(0.0, self._fill - (now - self._at) * self._drain), now
        return self._fill

    def has_capacity(self, amount: float = 1) -> bool:
        return not self._queue and self._measure(asyncio.get_running_loop().time()) + amount <= self.size + EPSILON

    async def acquire(self, amount: float = 1) -> None:
        loop = asyncio.get_running_loop()
        if self.has_capacity():
            self._fill += 1
            self._record(self._at, 1)
            return
        waiter = loop.create_future()
        self._queue.append(waiter)
        if self._timer is None:
            self._schedule(loop)
        await waiter

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        """Wake when the bucket has room for a whole burst (or for all that wait, if fewer)."""
        wanted = min(len(self._queue), self.burst)
        wait = (self._measure(loop.time()) + wanted - self.size) / self._drain
        self._timer = loop.call_at(self._at + max(wait, 0.0), self._release, loop)

    def _release(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        level, released = self._measure(loop.time()), 0
        while self._queue and level + 1 <= self.size + EPSILON:  # EPSILON: a timer may fire a hair early
            waiter = self._queue.popleft()
            if waiter.done():  # its request was cancelled while waiting
                continue
            waiter.set_result(None)
            level, released = level + 1, released + 1
        self._fill = level
        self._record(self._at, released)
        if self._queue:
            self._schedule(loop)

    def _record(self, now: float, released: int) -> None:
        if self.releases is not None and released:
            self.releases.append((now, released))


PRODUCTION = Pacing()
