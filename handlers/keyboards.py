"""Inline keyboards and their callback-data formats, in one place so producers and parsers agree.

Callback data is at most 64 bytes, so buttons carry ids (question log id, sample index), never text.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from knowledge.answer import Answer

ASK_SAMPLE = "ask"       # ask:<index into the sample questions>
RUNNER_UP = "alt"        # alt:<question id>
FEEDBACK = "fb"          # fb:<question id>:<1|-1>
SUBSCRIBE = "sub"        # sub:on / sub:off


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def samples_keyboard(samples: Sequence[str], all_samples: Sequence[str], *, subscribe: bool = False
                     ) -> InlineKeyboardMarkup:
    """One button per sample question (pressing it asks it), optionally a subscribe button."""
    rows = [[InlineKeyboardButton(_shorten(q), callback_data=f"{ASK_SAMPLE}:{all_samples.index(q)}")]
            for q in samples if q in all_samples]
    if subscribe:
        rows.append([InlineKeyboardButton(texts.BUTTON_SUBSCRIBE, callback_data=f"{SUBSCRIBE}:on")])
    return InlineKeyboardMarkup(rows)


def answer_keyboard(answer: Answer, question_id: int) -> InlineKeyboardMarkup:
    rows = []
    if answer.tied and answer.runners_up:
        rows.append([InlineKeyboardButton(texts.BUTTON_MAYBE, callback_data=f"{RUNNER_UP}:{question_id}")])
    rows.append([InlineKeyboardButton(texts.BUTTON_UP, callback_data=f"{FEEDBACK}:{question_id}:1"),
                 InlineKeyboardButton(texts.BUTTON_DOWN, callback_data=f"{FEEDBACK}:{question_id}:-1")])
    return InlineKeyboardMarkup(rows)


def parse(data: str | None) -> tuple[str, list[str]]:
    """Split callback data into its kind and arguments; unknown data gives ("", [])."""
    if not data or ":" not in data:
        return "", []
    kind, *args = data.split(":")
    return kind, args
