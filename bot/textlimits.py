"""Telegram's length rules, in the units Telegram counts: UTF-16 code units of the visible text.

Python's ``len`` counts code points, so an emoji (two UTF-16 units) passes a code-point check
at half its real length: 3,000 emoji "fit" 3,500 characters and then every delivery fails with
"message is too long". Every length check and cut before sending goes through here.
"""

from __future__ import annotations

TELEGRAM_LIMIT = 4096        # a message's visible text
CALLBACK_ANSWER_LIMIT = 200  # the text of answerCallbackQuery


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, budget: int, *, keep_end: bool = False) -> str:
    """The longest start (or end) of ``text`` within ``budget`` UTF-16 units, never half a character."""
    if units(text) <= budget:
        return text
    out, used = [], 0
    for ch in (reversed(text) if keep_end else text):
        used += units(ch)
        if used > budget:
            break
        out.append(ch)
    return "".join(reversed(out)) if keep_end else "".join(out)


def clip(text: str, limit: int) -> str:
    """At most ``limit`` UTF-16 units, ending in … when cut."""
    return text if units(text) <= limit else fit(text, limit - 1) + "…"
