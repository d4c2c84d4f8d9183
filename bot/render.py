"""Render for people: answers as HTML for Telegram and plain text for the console and CLI, and
announcements with their delivery reports.

The key sentence is highlighted inside its passage. Telegram caps a message at 4096
characters, so a long passage is trimmed around the key sentence, on character boundaries,
before any markup is added; every dynamic string is escaped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from html import escape

from bot import texts
from bot.models import Report
from bot.textlimits import clip, fit, units
from knowledge.answer import Answer, AnswerKind, Candidate
from knowledge.articles import Source

PASSAGE_BUDGET = 3400       # UTF-16 units of passage shown; with the source line (≤ 200 units)
MAYBE_BUDGET = 200          # and the runner-up (≤ 200 units) the message stays under TELEGRAM_LIMIT


_HAN = "\u3400-\u9fff“”‘’《》"
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_NEXT_TO_HAN = re.compile(f"(?<=[{_HAN}])[,:;!?)]|[,:;!?(](?=[{_HAN}])")


def display(text: str) -> str:
    """Full-width punctuation next to Chinese characters (「6月6日，记者从…」), as readers expect;
    numbers such as 65.6% or 6+3 are left alone. Display only: the index never sees this."""
    return _NEXT_TO_HAN.sub(lambda m: _FULL_WIDTH[m.group(0)], text)


def source_line(source: Source) -> str:
    """title · source · date, skipping what is unknown."""
    return " · ".join(part for part in (source.title, source.source, source.date) if part)


def trimmed(candidate: Candidate, budget: int = PASSAGE_BUDGET) -> tuple[str, str, str]:
    """(before, sentence, after) with the context cut to fit ``budget`` UTF-16 units, marked with …;
    the room is shared evenly and whatever one side does not need goes to the other."""
    passage, start, end = candidate.passage, candidate.start, candidate.end
    sentence = fit(passage[start:end], budget, keep_end=False)
    room = max(budget - units(sentence) - 2, 0)  # two for the … marks
    before, after = passage[:start], passage[end:]
    before_room = max(room // 2, room - units(after))
    kept_before = fit(before, before_room, keep_end=True)
    kept_after = fit(after, room - units(kept_before), keep_end=False)
    before = kept_before if kept_before == before else "…" + kept_before
    after = kept_after if kept_after == after else kept_after + "…"
    return before, sentence, after


def small_talk_text(answer: Answer) -> str:
    return texts.SMALL_TALK.get(answer.small_talk, texts.SMALL_TALK["greeting"])


def partial_text(answer: Answer) -> str:
    """「资料里提到了鲁班纪念馆焕新开放，但没有说几点开门。」"""
    return texts.PARTIAL.format(topic=display(answer.topic), focus=display(answer.focus))


def computed_html(answer: Answer) -> str:
    """The computed fact in bold, the sentence it was computed from, and its source."""
    assert answer.best is not None
    basis = escape(display(answer.best.sentence))
    source = escape(clip(source_line(answer.best.source), 200))
    return (f"<b>{escape(display(answer.computed))}</b>\n\n{texts.COMPUTED_BASIS}：{basis}\n\n"
            f"<i>{texts.SOURCE_LABEL}：{source}</i>")


def answer_html(answer: Answer) -> str:
    """The Telegram message for an answer (HTML parse mode), always under 4096 characters."""
    if answer.kind is AnswerKind.SMALL_TALK:
        return escape(small_talk_text(answer))
    if answer.kind is AnswerKind.PARTIAL:
        return f"{escape(partial_text(answer))}\n{texts.PARTIAL_HINT}"
    if answer.kind is AnswerKind.COMPUTED and answer.best is not None:
        return computed_html(answer)
    if not answer.answered or answer.best is None:
        return no_answer_html(answer)
    before, sentence, after = (display(part) for part in trimmed(answer.best))
    body = f"{escape(before)}<b>{escape(sentence)}</b>{escape(after)}"
    message = f"{body}\n\n<i>{texts.SOURCE_LABEL}：{escape(clip(source_line(answer.best.source), 200))}</i>"
    if answer.tied and answer.runners_up:
        runner = display(clip(answer.runners_up[0].sentence, MAYBE_BUDGET))
        message += f"\n\n{texts.MAYBE_LABEL}：{escape(runner)}"
    return message


def no_answer_html(answer: Answer) -> str:
    lines = [texts.NO_ANSWER]
    if answer.suggestions:
        lines.append(texts.NO_ANSWER_SUGGEST)
        lines.extend(f"• {escape(q)}" for q in answer.suggestions)
    lines.append(texts.NO_ANSWER_HELP)
    return "\n".join(lines)


def answer_plain(answer: Answer) -> str:
    """Console / CLI rendering: the key sentence in 【】 inside its passage."""
    if answer.kind is AnswerKind.SMALL_TALK:
        return small_talk_text(answer)
    if answer.kind is AnswerKind.PARTIAL and answer.related is not None:
        before, sentence, after = (display(part) for part in trimmed(answer.related))
        source = source_line(answer.related.source)
        return f"{partial_text(answer)}\n{before}【{sentence}】{after}\n{texts.SOURCE_LABEL}：{source}"
    if answer.kind is AnswerKind.COMPUTED and answer.best is not None:
        return (f"【{display(answer.computed)}】\n{texts.COMPUTED_BASIS}：{display(answer.best.sentence)}\n"
                f"{texts.SOURCE_LABEL}：{source_line(answer.best.source)}")
    if not answer.answered or answer.best is None:
        lines = [texts.NO_ANSWER]
        if answer.suggestions:
            lines.append(texts.NO_ANSWER_SUGGEST)
            lines.extend(f"  • {q}" for q in answer.suggestions)
        return "\n".join(lines)
    before, sentence, after = (display(part) for part in trimmed(answer.best))
    out = [f"{before}【{sentence}】{after}", f"{texts.SOURCE_LABEL}：{source_line(answer.best.source)}"]  # no limit
    if answer.tied and answer.runners_up:
        out.append(f"{texts.MAYBE_LABEL}：{display(answer.runners_up[0].sentence)}")
    return "\n".join(out)


# -- announcements ---------------------------------------------------------------------------------

def announcement_html(text: str) -> str:
    """The announcement exactly as subscribers see it (HTML, the organizer's text escaped)."""
    return f"{texts.ANNOUNCEMENT_HEADER}\n\n{escape(text)}"


def report_text(announcement_id: int, report: Report) -> str:
    text = texts.REPORT.format(id=announcement_id, total=report.total, sent=report.sent, blocked=report.blocked,
                               failed=report.failed)
    if report.possible_repeats:
        text += "\n" + texts.REPORT_REPEATS.format(repeats=report.possible_repeats)
    return text


def duration(seconds: float) -> str:
    """「40 秒」, 「55 分钟」: how long a broadcast will take, rounded up."""
    if seconds < 60:
        return texts.DURATION_SECONDS.format(n=max(1, math.ceil(seconds)))
    return texts.DURATION_MINUTES.format(n=math.ceil(seconds / 60))


def stars(amount: float) -> str:
    """Stars to one decimal, without a trailing .0 (「99.7」, 「10」)."""
    return f"{amount:,.1f}".removesuffix(".0")


def when(timestamp: float, tz: dt.tzinfo) -> str:
    """A moment as organizers write it in /schedule: 2026-06-10 09:00."""
    return dt.datetime.fromtimestamp(timestamp, tz).strftime("%Y-%m-%d %H:%M")
