"""Natural times for /schedule and ``run.py announce --at``, each phrase with an injected "now"."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.services.when import Ambiguous, InThePast, resolve, shown, split_time

TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 6, 3, 15, 0, tzinfo=TZ)  # a Wednesday afternoon


@pytest.mark.parametrize(("phrase", "expected"), [
    ("明天上午9点", "2026-06-04 09:00（星期四）"),
    ("6月10日 9:00", "2026-06-10 09:00（星期三）"),
    ("下周一下午两点", "2026-06-08 14:00（星期一）"),
    ("今晚8点", "2026-06-03 20:00（星期三）"),
    ("2026-06-10 09:00", "2026-06-10 09:00（星期三）"),
])
def test_organizers_phrases_resolve_in_the_configured_zone(phrase, expected):
    moment = resolve(phrase, TZ, NOW)
    assert shown(moment) == expected and moment.utcoffset() == dt.timedelta(hours=8)


@pytest.mark.parametrize("phrase", ["明天", "明天上午", "6月10日", "两点"])
def test_a_span_or_an_unclear_hour_is_ambiguous(phrase):
    with pytest.raises(Ambiguous):
        resolve(phrase, TZ, NOW)


def test_past_and_nonsense():
    with pytest.raises(InThePast):
        resolve("今天上午9点", TZ, NOW)
    with pytest.raises(InThePast):
        resolve("2026-06-01 09:00", TZ, NOW)
    with pytest.raises(ValueError):
        resolve("通知内容", TZ, NOW)


def test_the_time_is_split_from_the_text():
    assert split_time("6月10日 9:00 全体集合".split(), TZ, NOW) == (dt.datetime(2026, 6, 10, 9, 0, tzinfo=TZ), 2)
    assert split_time("明天上午9点 全体 集合".split(), TZ, NOW) == (dt.datetime(2026, 6, 4, 9, 0, tzinfo=TZ), 1)
    assert split_time("明天 上午9点 集合".split(), TZ, NOW)[1] == 2
