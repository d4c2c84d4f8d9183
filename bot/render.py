"""Render an ``Answer`` for people: HTML for Telegram, plain text for the console and CLI.

The key sentence is highlighted inside its passage. Telegram caps a message at 4096
characters, so a long passage is trimmed around the key sentence, on character boundaries,
before any markup is added; every dynamic string is escaped.
"""

from __future__ import annotations

from html import escape

from bot import texts
from knowledge.answer import Answer, Candidate
from knowledge.articles import Source

TELEGRAM_LIMIT = 4096
PASSAGE_BUDGET = 3000


def source_line(source: Source) -> str:
    """title · source · date, skipping what is unknown."""
    return " · ".join(part for part in (source.title, source.source, source.date) if part)


def trimmed(candidate: Candidate, budget: int = PASSAGE_BUDGET) -> tuple[str, str, str]:
    """(before, sentence, after) with the context cut to fit the budget, marked with …."""
    passage, start, end = candidate.passage, candidate.start, candidate.end
    sentence = passage[start:end][:budget]
    room = max(budget - len(sentence), 0)
    before, after = passage[:start], passage[end:]
    keep_before = min(len(before), room // 2 if len(after) > room // 2 else room - len(after))
    keep_after = min(len(after), room - keep_before)
    before = ("…" + before[len(before) - keep_before:]) if keep_before < len(before) else before
    after = (after[:keep_after] + "…") if keep_after < len(after) else after
    return before, sentence, after


def answer_html(answer: Answer) -> str:
    """The Telegram message for an answer (HTML parse mode), always under 4096 characters."""
    if not answer.answered or answer.best is None:
        return no_answer_html(answer)
    before, sentence, after = trimmed(answer.best)
    body = f"{escape(before)}<b>{escape(sentence)}</b>{escape(after)}"
    message = f"{body}\n\n<i>{texts.SOURCE_LABEL}：{escape(source_line(answer.best.source))}</i>"
    if answer.tied and answer.runners_up:
        message += f"\n\n{texts.MAYBE_LABEL}：{escape(answer.runners_up[0].sentence)}"
    return message[:TELEGRAM_LIMIT]


def no_answer_html(answer: Answer) -> str:
    lines = [texts.NO_ANSWER]
    if answer.suggestions:
        lines.append(texts.NO_ANSWER_SUGGEST)
        lines.extend(f"• {escape(q)}" for q in answer.suggestions)
    lines.append(texts.NO_ANSWER_HELP)
    return "\n".join(lines)


def answer_plain(answer: Answer) -> str:
    """Console / CLI rendering: the key sentence in 【】 inside its passage."""
    if not answer.answered or answer.best is None:
        lines = [texts.NO_ANSWER]
        if answer.suggestions:
            lines.append(texts.NO_ANSWER_SUGGEST)
            lines.extend(f"  • {q}" for q in answer.suggestions)
        return "\n".join(lines)
    before, sentence, after = trimmed(answer.best)
    out = [f"{before}【{sentence}】{after}", f"{texts.SOURCE_LABEL}：{source_line(answer.best.source)}"]
    if answer.tied and answer.runners_up:
        out.append(f"{texts.MAYBE_LABEL}：{answer.runners_up[0].sentence}")
    return "\n".join(out)
