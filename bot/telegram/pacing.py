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
  overall and group buckets (as PTB's limiter does), so every second stays at or under the paid rate.

Tests pass a fast :class:`Pacing` so replies do not wait.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

from bot.config import FREE_PACE, PAID_RATE_LIMIT

GROUP_PER_MINUTE = 20      # Telegram's limit into one group


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
        # A bucket of one at 1/950 s tops out near 480/s (aiolimiter wakes one waiter per timer
        # tick), so the bucket holds a hundredth of a second's worth and drains at the rest:
        # burst + one second's drain = paid_per_second, never more in any second.
        burst = max(1, round(paid_per_second / 100))
        self._apb_limiter = AsyncLimiter(max_rate=burst, time_period=burst / (paid_per_second - burst))
        self.paid_per_second = paid_per_second


PRODUCTION = Pacing()
