"""Organizer lists that always fit one Telegram message: /unanswered, /curated, /scheduled and
/announcements show ``PER_PAGE`` items a page with 上一页/下一页, each item clipped to
``ITEM_UNITS`` UTF-16 units (escaped) with a 全文 button for the whole text. Five items of at most
300 units plus the title stay far below 4096 units, and at most 3 buttons an item plus the
navigation stay far below Telegram's 100 buttons; ``paginate`` asserts both.

A page is built from the current state every time it is shown, so after an action (取消, 删除,
撤回) the same message is redrawn and shows what is left.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import texts
from bot.container import Deps, get_deps
from bot.render import report_text, when
from bot.textlimits import TELEGRAM_LIMIT, clip, units
from handlers import callback_data as cd
from handlers.access import require_organizer

PER_PAGE = 5
ITEM_UNITS = 300
MAX_BUTTONS = 100
KINDS = ("un", "cu", "sc", "an")
EMPTY = {"un": texts.UNANSWERED_NONE, "cu": texts.CURATED_NONE, "sc": texts.NO_SCHEDULED,
         "an": texts.NO_ANNOUNCEMENTS}


@dataclass(frozen=True)
class Item:
    id: int
    html: str                                   # escaped and clipped
    clipped: bool
    buttons: tuple[InlineKeyboardButton, ...] = ()


@dataclass(frozen=True)
class Page:
    text: str
    markup: InlineKeyboardMarkup


def clip_html(text: str, limit: int) -> tuple[str, bool]:
    """``text`` escaped, at most ``limit`` UTF-16 units once escaped; True when something was cut."""
    if units(escape(text)) <= limit:
        return escape(text), False
    budget = limit
    while units(escape(cut := clip(text, budget))) > limit:
        budget -= max(1, (units(escape(cut)) - limit))
    return escape(cut), True


def paginate(kind: str, title: str, items: Sequence[Item], page: int) -> Page:
    pages = max(1, math.ceil(len(items) / PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = items[page * PER_PAGE:(page + 1) * PER_PAGE]
    parts = [title, *(item.html for item in shown)]
    if pages > 1:
        parts.append(texts.PAGE_FOOTER.format(page=page + 1, pages=pages))
    rows: list[list[InlineKeyboardButton]] = []
    for n, item in enumerate(shown, page * PER_PAGE + 1):
        row = list(item.buttons)
        if item.clipped:
            row.append(InlineKeyboardButton(texts.BUTTON_FULL.format(n=n), callback_data=cd.FULL.data(kind, item.id)))
        if row:
            rows.append(row)
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(texts.BUTTON_PREV, callback_data=cd.PAGE.data(kind, page - 1)))
    if page < pages - 1:
        nav.append(InlineKeyboardButton(texts.BUTTON_NEXT, callback_data=cd.PAGE.data(kind, page + 1)))
    if nav:
        rows.append(nav)
    text = "\n\n".join(parts)
    assert units(text) <= TELEGRAM_LIMIT and sum(map(len, rows)) <= MAX_BUTTONS
    return Page(text, InlineKeyboardMarkup(rows))


def _unanswered(deps: Deps) -> list[Item]:
    items = []
    for n, g in enumerate(deps.curation.unanswered(), 1):
        question, cut = clip_html(g.question, ITEM_UNITS)
        down = f"{texts.UNANSWERED_DOWN} {g.thumbs_down}" if g.thumbs_down else ""
        add = InlineKeyboardButton(texts.BUTTON_ADD_ANSWER.format(n=n), callback_data=cd.CURATE_ADD.data(g.question_id))
        items.append(Item(g.question_id, texts.UNANSWERED_ITEM.format(n=n, question=question, count=g.count,
                                                                        down=down), cut, (add,)))
    return items


def _curated(deps: Deps) -> list[Item]:
    items = []
    for a in deps.curation.curated():
        question, cut_q = clip_html(" / ".join(a.phrasings), ITEM_UNITS // 2)
        answer, cut_a = clip_html(a.answer, ITEM_UNITS // 2)
        buttons = (InlineKeyboardButton(texts.BUTTON_EDIT.format(id=a.id), callback_data=cd.CURATE_EDIT.data(a.id)),
                   InlineKeyboardButton(texts.BUTTON_DELETE.format(id=a.id), callback_data=cd.CURATE_DELETE.data(a.id)))
        items.append(Item(a.id, texts.CURATED_ITEM.format(id=a.id, question=question, answer=answer),
                          cut_q or cut_a, buttons))
    return items


def _scheduled(deps: Deps) -> list[Item]:
    items = []
    for a in deps.announcements.scheduled():
        preview, cut = clip_html(a.text, ITEM_UNITS)
        cancel = InlineKeyboardButton(texts.BUTTON_CANCEL_SCHEDULED.format(id=a.id),
                                      callback_data=cd.CANCEL_SCHEDULED.data(a.id))
        items.append(Item(a.id, texts.SCHEDULED_ITEM.format(id=a.id, when=when(a.send_at or a.created, deps.config.tz),
                                                            preview=preview), cut, (cancel,)))
    return items


def _announcements(deps: Deps) -> list[Item]:
    items = []
    for listed in deps.announcements.recent(limit=50):
        a = listed.announcement
        preview, cut = clip_html(a.text, ITEM_UNITS)
        block = texts.ANNOUNCEMENT_ITEM.format(id=a.id, when=when(a.shown_at, deps.config.tz), preview=preview,
                                               status=texts.STATUS_NAMES.get(a.status.value, a.status.value))
        if listed.report:
            block += "\n" + report_text(a.id, listed.report)
        items.append(Item(a.id, block, cut))
    return items


TITLES = {"un": texts.UNANSWERED_TITLE, "cu": texts.CURATED_TITLE, "sc": texts.SCHEDULED_TITLE,
          "an": texts.ANNOUNCEMENTS_TITLE}
BUILDERS = {"un": _unanswered, "cu": _curated, "sc": _scheduled, "an": _announcements}


def listing(deps: Deps, kind: str, page: int = 0) -> Page | None:
    """The page of the list ``kind`` as things are now; None when the list is empty."""
    items = BUILDERS[kind](deps)
    return paginate(kind, TITLES[kind], items, page) if items else None


def full_text(deps: Deps, kind: str, item_id: int) -> str | None:
    """One item's whole text (escaped, within one message), or None when it is gone."""
    text: str | None = None
    if kind == "un":
        text = deps.curation.question_of(item_id)
    elif kind == "cu":
        found = deps.curation.get(item_id)
        text = f"{' / '.join(found.phrasings)}\n\n{found.answer}" if found else None
    else:
        found_a = next((a for a in deps.announcements.recent(limit=50) if a.announcement.id == item_id), None)
        scheduled = next((a for a in deps.announcements.scheduled() if a.id == item_id), None)
        text = scheduled.text if scheduled else found_a.announcement.text if found_a else None
    return clip_html(text, TELEGRAM_LIMIT)[0] if text is not None else None


async def send_listing(message: Message, deps: Deps, kind: str) -> None:
    page = listing(deps, kind)
    if page is None:
        await message.reply_text(EMPTY[kind])
    else:
        await message.reply_text(page.text, reply_markup=page.markup)


async def redraw(query: CallbackQuery, deps: Deps, kind: str, page_number: int = 0) -> None:
    """Show the list again in the same message, as it is after an action."""
    page = listing(deps, kind, page_number)
    with contextlib.suppress(BadRequest):  # "message is not modified"
        if page is not None:
            await query.edit_message_text(page.text, reply_markup=page.markup)
            return
        await query.edit_message_text(EMPTY[kind])
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(None)  # the old buttons go


async def page_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    args = cd.PAGE.parse(query.data) if query else None
    if query is None or args is None or not await require_organizer(update, deps):
        return
    await query.answer()
    await redraw(query, deps, args[0], int(args[1]))


async def full_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    args = cd.FULL.parse(query.data) if query else None
    if query is None or args is None or not await require_organizer(update, deps):
        return
    text = full_text(deps, args[0], int(args[1]))
    if text is None or not isinstance(query.message, Message):
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)
        return
    await query.answer()
    await query.message.reply_text(text)
