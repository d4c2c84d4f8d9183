"""Date-aware facts: 「离鲁班工匠日还有几天」「今年的工匠日是星期几」「工匠日过了没」.

The knowledge states a date once (「推动设立每年6月11日为“鲁班工匠日”」, an announcement's
「6月10日上午9点集合」); the answer depends on today. Facts are collected at build from every
sentence with a recurring date (每年X月X日) or a full date (the year from the text or from the
article's date), and computed against ``today`` (injected, so tests are deterministic; the bot
passes today in ``config.timezone``). The computed sentence is the engine's output, so its
wording lives here beside the arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

_RECURRING = re.compile(r"每年(\d{1,2})月(\d{1,2})[日号]")
_FULL = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]")
_NAME_AFTER = re.compile(r"^(?:定)?为?[“\"「《]([^”\"」》]{2,12})[”\"」》]")
WEEKDAYS = "一二三四五六日"


class Ask(StrEnum):
    DAYS_LEFT = "days_left"
    WEEKDAY = "weekday"
    PASSED = "passed"


_ASKS: tuple[tuple[Ask, re.Pattern[str]], ...] = (
    (Ask.WEEKDAY, re.compile(r"星期几|周几|礼拜几|周末|星期天|星期六|工作日|礼拜天|双休日|休息日|周六|周日|星期日|"
                             r"(?:星期|礼拜|周)[一二三四五](?![月年])")),  # 「是不是周三」: a weekday guessed
    (Ask.PASSED, re.compile(r"过了没|过了吗|过了不|过去了|过去没|过没过|过没有|到了没|到了吗|到没到|结束了没|已经过了|"
                            r"是今天吗|是不是今天|今天是不是|是今天不|今天是吗|"
                            r"过去(?:几天|多少天|多久)|过了(?:几天|多少天|多久)")),
    (Ask.DAYS_LEFT, re.compile(r"还有几天|还有多少天|还有多久|还得几天|还要几天|还剩几天|还差几天|还剩多少天|多少天到|"
                               r"还得多少天|还要多少天|还差多少天|"
                               r"几天(?:才|能|就)?到|多少天(?:才|能|就)到|多久到|倒计时|(?:还得|还要|要|得)?等(?:几天|多少天)|还有多长时间|(?:等|还得|还要|再等|要等)(?:多久|多长时间)|(?:多久|多长时间)(?:能|才|就)到|"
                               r"(?:这个?|本|下个?)(?:星期|礼拜|周)(?!几)|"
                               r"(?:还有|还剩|还差|再过)?(?:几|多少)个?(?:星期|礼拜|周)|"
                               r"(?:还剩下?|还差|再过)(?:几天|多少天|多久|多长时间|多少时间|多少日子)|"
                               # 「距离下个鲁班工匠日多少天」: how far from here to the day
                               r"(?:距离|离)(?=[^，,。？?！!]{1,14}?(?:多少天|几天|多久|多长时间))")),
)
# words that frame a date question without naming its topic (「今年赶上周末不」, 「落在星期几」)
CUE = re.compile("|".join(p.pattern for _, p in _ASKS)
                 + r"|今年|明年|后年|下一个|下个|下回|下次|下一回|下一次"
                 + r"|离|距离|距|还要|还得|还需|要等|得等|等到|的话|已经|没过"
                 + r"|赶上|碰上|遇上|赶在|落在|正好|刚好|是不是|能不能|会不会|(?:19|20)\d{2}年"
                 + r"|那天|这天|当天|就是|就到|多少天|几天|多久|多长时间"
                 # 「从今天算到下一个鲁班工匠日还差几天」: counting from today is what a countdown does
                 + r"|今天|今儿个?|现在|算到|算起|咋个算|怎么算|咋算")
_WEEKS = re.compile(r"(?:几|多少)个?(?:星期|礼拜|周)")


@dataclass(frozen=True, slots=True)
class DateFact:
    """A date stated in one sentence: every year (month, day) or once (year, month, day)."""

    sentence_id: int
    month: int
    day: int
    year: int | None  # None: every year
    name: str          # what falls on it (鲁班工匠日), or "" when the sentence does not say

    def next_on_or_after(self, today: dt.date) -> dt.date | None:
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        this_year = _safe_date(today.year, self.month, self.day)
        if this_year is None:
            return None
        return this_year if this_year >= today else _safe_date(today.year + 1, self.month, self.day)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def facts_in(sentence_id: int, text: str, article_date: str) -> list[DateFact]:
    """The dates one sentence states; a date without a year takes the article's year."""
    if "月" not in text:  # every date this reads has a month: most sentences skip the regexes
        return []
    facts = []
    recurring = {m.start() for m in _RECURRING.finditer(text)}
    for m in _RECURRING.finditer(text):
        name = _NAME_AFTER.match(text[m.end():])
        facts.append(DateFact(sentence_id, int(m.group(1)), int(m.group(2)), None, name.group(1) if name else ""))
    for m in _FULL.finditer(text):
        if m.start() - 2 in recurring:
            continue
        year = int(m.group(1)) if m.group(1) else (int(article_date[:4]) if article_date[:4].isdigit() else None)
        if year is not None and _safe_date(year, int(m.group(2)), int(m.group(3))):
            facts.append(DateFact(sentence_id, int(m.group(2)), int(m.group(3)), year, ""))
    return facts


def asked(question: str) -> Ask | None:
    """Which date computation the question asks for, if any."""
    for ask, pattern in _ASKS:
        if pattern.search(question):
            return ask
    return None


# 「明年6.11星期几」: a month and day written with a dot or slash, read only in a date question
_DOTTED = re.compile(r"(?<![\d.．/])(\d{1,2})[.．/](\d{1,2})(?![\d.．/%])")


def date_in_question(question: str) -> tuple[int, int] | None:
    m = _FULL.search(question)
    if m:
        return int(m.group(2)), int(m.group(3))
    dotted = _DOTTED.search(question)
    if dotted and 1 <= int(dotted.group(1)) <= 12 and 1 <= int(dotted.group(2)) <= 31:
        return int(dotted.group(1)), int(dotted.group(2))
    return None


_YEAR_OFFSETS = (("大后年", 3), ("后年", 2), ("明年", 1), ("下一年", 1), ("来年", 1))


_YEAR = re.compile(r"((?:19|20)\d{2})年(?!\d{1,2}月)")


def year_offset(question: str, this_year: int | None = None) -> int:
    """How many years ahead a recurring date is asked for: 「明年的工匠日是星期几」 is next year's,
    「2028年的工匠日」 that year's (given this year)."""
    named = _YEAR.search(question) if this_year is not None else None
    if named and this_year is not None:
        return int(named.group(1)) - this_year
    return next((offset for word, offset in _YEAR_OFFSETS if word in question), 0)


def _label(fact: DateFact, when: dt.date) -> str:
    return f"{when.year}年{when.month}月{when.day}日，星期{WEEKDAYS[when.weekday()]}"


def compute(ask: Ask, fact: DateFact, today: dt.date, question: str) -> str | None:
    """The computed sentence, e.g. 「离鲁班工匠日（2026年6月11日（星期四））还有12天。」"""
    name = fact.name or f"{fact.month}月{fact.day}日"
    ahead = year_offset(question, today.year)
    if fact.year is None and ahead:
        when = _safe_date(today.year + ahead, fact.month, fact.day)  # 「明年的工匠日」: that year's
    elif ask is Ask.WEEKDAY and fact.year is None and "下" not in question:
        when = _safe_date(today.year, fact.month, fact.day)  # 「今年的…是星期几」: this year's, even if past
    else:
        when = fact.next_on_or_after(today)
    if when is None:
        return None
    days = (when - today).days
    if ask is Ask.WEEKDAY:
        asks_weekend = re.search(r"周末|周六|周日|星期[六天日]|礼拜[六天日]|双休|休息日", question)
        weekend = "，是周末" if when.weekday() >= 5 else "，不是周末" if asks_weekend else ""
        return f"{name}是{_label(fact, when)}{weekend}。"
    if days == 0:
        return f"今天（{_label(fact, when)}）就是{name}。"
    if days < 0:
        return f"{name}（{_label(fact, when)}）已经过去{-days}天了。"
    if ask is Ask.PASSED and fact.year is None and when.year > today.year:
        this_year = _safe_date(today.year, fact.month, fact.day)
        if this_year is None:
            return None
        since = (today - this_year).days  # 「过去几天了」 asks it; the others read it gladly
        return (f"今年的{name}（{this_year.month}月{this_year.day}日）已经过了，过去{since}天了；"
                f"下一个是{_label(fact, when)}，还有{days}天。")
    if ask is Ask.PASSED:
        return f"今年的{name}还没到：{_label(fact, when)}，还有{days}天。"
    if _WEEKS.search(question):
        weeks, rest = divmod(days, 7)
        span = f"{weeks}周" + (f"零{rest}天" if rest else "") if weeks else f"不到一周（{days}天）"
        return f"离{name}（{_label(fact, when)}）还有{span}，共{days}天。"
    return f"离{name}（{_label(fact, when)}）还有{days}天。"
