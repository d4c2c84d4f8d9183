"""How fast the bot may talk to Telegram, as data a test can override.

Telegram's limits: ~30 messages/s overall, 20/min into one group. aiolimiter is a leaky bucket
whose burst equals max_rate, so "25 per second" could emit 50 within one sliding second; a
bucket of one message per 1/25 s (and per 3 s into a group) keeps every window under the limit.
25, not 29: requests leave evenly spaced but can arrive bunched (a stalled connection, a busy
host), and Telegram counts arrivals; the headroom keeps those bunches under 30 as well.
Tests pass a fast :class:`Pacing` so group replies do not wait three seconds each.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import AIORateLimiter


@dataclass(frozen=True)
class Pacing:
    overall_per_second: float = 25
    group_period: float = 3.0       # seconds between two messages into one group
    max_retries: int = 3            # flood-control waits the limiter absorbs before giving up

    def limiter(self) -> AIORateLimiter:
        return AIORateLimiter(overall_max_rate=1, overall_time_period=1 / self.overall_per_second,
                              group_max_rate=1, group_time_period=self.group_period, max_retries=self.max_retries)


PRODUCTION = Pacing()
