"""Times as organizers type them: 「明天上午9点」, 「6月10日 9:00」, 「下周一下午两点」, 「今晚8点」, ISO.

ISO (``2026-06-10 09:00``) is read directly; everything else goes through JioNLP's time parser
(``jionlp.parse_time``), the maintained Chinese time-expression parser that reads all of the
forms above, given "now" in the configured time zone. It is imported on first use (about half a
second, and it prints a banner we silence), so start-up and the shell commands pay nothing.

A time is accepted only when it names a moment to the minute or hour: 「明天上午」 or 「6月10日」
span hours and are refused as ambiguous, and so is a bare 1-6 o'clock without 上午/下午/凌晨 (「两点」
is read as 02:00, rarely what an organizer means). A moment not in the future is ``InThePast``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

ISO_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")
MAX_SPAN = dt.timedelta(hours=1)
_DAYPART = re.compile(r"上午|下午|中午|早|晚|凌晨|夜|傍晚|午")
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")
_SMALL_HOUR = range(1, 7)


class InThePast(ValueError):
    pass


class Ambiguous(ValueError):
    """The words name a span (a day, a morning) or an unclear hour, not one moment."""


_parser: Callable[..., dict[str, Any]] | None = None


def _parse_time() -> Callable[..., dict[str, Any]]:
    global _parser
    if _parser is None:
        with contextlib.redirect_stdout(io.StringIO()):  # jionlp greets on import
            import jionlp
        _parser = jionlp.parse_time
    return _parser


def _iso(value: str, tz: dt.tzinfo) -> dt.datetime | None:
    for pattern in ISO_FORMATS:
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(value.strip(), pattern).replace(tzinfo=tz)
    return None


def resolve(value: str, tz: dt.tzinfo, now: dt.datetime) -> dt.datetime:
    """The moment ``value`` names, in ``tz``; ValueError (Ambiguous, InThePast) otherwise."""
    value = value.strip()
    moment = _iso(value, tz)
    if moment is None:
        if not value or not re.search(r"\d|[一二三四五六七八九十两今明后昨周星礼]", value):
            raise ValueError(value)
        base = now.astimezone(tz).replace(tzinfo=None)
        try:
            parsed = _parse_time()(value, time_base=base)
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise ValueError(value) from exc
        if parsed.get("type") != "time_point" or len(parsed.get("time", ())) != 2:
            raise Ambiguous(value)
        start, end = (dt.datetime.strptime(t, "%Y-%m-%d %H:%M:%S") for t in parsed["time"])
        if parsed.get("definition") != "accurate" or end - start >= MAX_SPAN:
            raise Ambiguous(value)
        if start.hour in _SMALL_HOUR and not _DAYPART.search(value) and not _CLOCK.search(value):
            raise Ambiguous(value)
        moment = start.replace(tzinfo=tz)
    if moment <= now:
        raise InThePast(value)
    return moment


def split_time(words: list[str], tz: dt.tzinfo, now: dt.datetime) -> tuple[dt.datetime, int]:
    """The moment at the start of ``words`` and how many words it took (at most three): the
    fewest words that give the same moment as the most, so 「6月10日 9:00 通知」 takes two and
    「明天上午9点 通知」 one. Errors as ``resolve``, past before ambiguous, the fewest words first."""
    longest = min(3, len(words))
    readings: dict[int, dt.datetime] = {}
    errors: dict[int, ValueError] = {}
    for k in range(1, longest + 1):
        try:
            readings[k] = resolve(" ".join(words[:k]), tz, now)
        except ValueError as exc:
            errors[k] = exc
    if not readings:  # say what is wrong with the fewest words that say something specific
        for kind in (InThePast, Ambiguous):
            for error in errors.values():
                if isinstance(error, kind):
                    raise error
        raise ValueError(" ".join(words))
    best = readings[max(readings)]
    return best, min(k for k, moment in readings.items() if moment == best)


WEEKDAYS = "一二三四五六日"


def shown(moment: dt.datetime) -> str:
    """2026-06-10 09:00（星期三）: the absolute time and weekday, so a misreading shows."""
    return f"{moment:%Y-%m-%d %H:%M}（星期{WEEKDAYS[moment.weekday()]}）"
