"""Inline keyboards: which buttons a message carries, with data from ``callback_data``."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.models import Announcement
from handlers import callback_data as cd
from knowledge.answer import Answer


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def samples_keyboard(samples: Sequence[str], all_samples: Sequence[str], *, subscribe: bool = False
                     ) -> InlineKeyboardMarkup:
    """One button per sample question (pressing it asks it), optionally a subscribe button."""
    rows = [[InlineKeyboardButton(_shorten(q), callback_data=cd.ASK_SAMPLE.data(all_samples.index(q)))]
            for q in samples if q in all_samples]
    if subscribe:
        rows.append([InlineKeyboardButton(texts.BUTTON_SUBSCRIBE, callback_data=cd.SUBSCRIBE.data("on"))])
    return InlineKeyboardMarkup(rows)


def answer_keyboard(answer: Answer, question_id: int) -> InlineKeyboardMarkup:
    rows = []
    if answer.tied and answer.runners_up:
        rows.append([InlineKeyboardButton(texts.BUTTON_MAYBE, callback_data=cd.RUNNER_UP.data(question_id))])
    rows.append([InlineKeyboardButton(texts.BUTTON_UP, callback_data=cd.FEEDBACK.data(question_id, 1)),
                 InlineKeyboardButton(texts.BUTTON_DOWN, callback_data=cd.FEEDBACK.data(question_id, -1))])
    return InlineKeyboardMarkup(rows)


def related_keyboard(question_id: int) -> InlineKeyboardMarkup:
    """Under a partial answer: the related passage (logged as the runner-up) one tap away."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_RELATED,
                                                       callback_data=cd.RUNNER_UP.data(question_id))]])


def unsubscribe_keyboard() -> InlineKeyboardMarkup:
    off = InlineKeyboardButton(texts.BUTTON_UNSUBSCRIBE, callback_data=cd.SUBSCRIBE.data("off"))
    return InlineKeyboardMarkup([[off]])


def confirm_keyboard(draft: Announcement) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.BUTTON_CONFIRM, callback_data=cd.CONFIRM.data(draft.confirm_token)),
        InlineKeyboardButton(texts.BUTTON_CANCEL, callback_data=cd.DISCARD.data(draft.confirm_token))]])


def recall_keyboard(announcement_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_RECALL,
                                                       callback_data=cd.RECALL.data(announcement_id))]])


def recall_confirm_keyboard(announcement_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.BUTTON_RECALL_YES, callback_data=cd.RECALL_YES.data(announcement_id)),
        InlineKeyboardButton(texts.BUTTON_RECALL_NO, callback_data=cd.RECALL_NO.data(announcement_id))]])
