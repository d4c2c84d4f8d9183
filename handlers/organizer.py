"""Announcements for organizers: /announce, /schedule, /scheduled, /announcements. Every command
passes ``organizer_command``; the buttons they create are in ``announcement_buttons``."""

from __future__ import annotations

import datetime as dt
from html import escape

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.container import Deps
from bot.render import announcement_html, duration, stars
from bot.services.announcements import InThePast, TooLong
from bot.services.when import Ambiguous, shown, split_time
from bot.services.when import InThePast as PastTime
from handlers.access import organizer_command
from handlers.keyboards import confirm_keyboard
from handlers.pages import send_listing


def _announcement_text(message: Message, raw: str) -> str:
    """The text after the command, or the text of the message the command replies to."""
    text = raw.split(maxsplit=1)[1] if len(raw.split(maxsplit=1)) > 1 else ""
    if not text.strip() and message.reply_to_message is not None:
        text = message.reply_to_message.text or message.reply_to_message.caption or ""
    return text.strip()


async def _preview(message: Message, deps: Deps, text: str, send_at: float | None) -> None:
    try:
        draft = deps.announcements.draft(text, message.from_user.id if message.from_user else None, send_at)
    except InThePast:
        await message.reply_text(texts.SCHEDULE_PAST)
        return
    except TooLong as exc:
        await message.reply_text(texts.ANNOUNCE_TOO_LONG.format(length=exc.length, limit=exc.limit))
        return
    count = deps.subscriptions.subscriber_counts().active
    intro = texts.PREVIEW_INTRO.format(count=count) if send_at is None else \
        texts.PREVIEW_INTRO_SCHEDULED.format(when=shown(dt.datetime.fromtimestamp(send_at, deps.config.tz)),
                                             count=count)
    plan = deps.announcements.plan(count)
    if plan.paid:  # the organizer confirms knowing the pace and what it costs
        intro = texts.PREVIEW_PAID.format(rate=f"{plan.rate:,.0f}", count=count, duration=duration(plan.seconds),
                                          stars=stars(plan.stars), max_stars=stars(plan.max_stars)) + "\n" + intro
    await message.reply_text(intro)
    await message.reply_text(announcement_html(text), reply_markup=confirm_keyboard(draft))


@organizer_command
async def announce(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    text = _announcement_text(message, message.text or "")
    if not text:
        await message.reply_text(texts.ANNOUNCE_USAGE)
        return
    await _preview(message, deps, text, None)


@organizer_command
async def schedule(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    """/schedule TIME TEXT, TIME as organizers write it (see ``bot.services.when``)."""
    words = (message.text or "").split()[1:]
    usage = texts.SCHEDULE_USAGE.format(tz=deps.config.timezone)
    if not words:
        await message.reply_text(usage)
        return
    tz = deps.config.tz
    try:
        moment, used = split_time(words, tz, dt.datetime.now(tz))
    except PastTime:
        await message.reply_text(texts.SCHEDULE_PAST)
        return
    except Ambiguous as exc:
        await message.reply_text(texts.SCHEDULE_AMBIGUOUS.format(value=escape(str(exc))))
        return
    except ValueError:
        await message.reply_text(texts.SCHEDULE_BAD_TIME.format(value=escape(" ".join(words[:2]))) + "\n" + usage)
        return
    raw = (message.text or "").split(maxsplit=used + 1)
    text = raw[used + 1].strip() if len(raw) > used + 1 else _announcement_text(message, "")
    if not text:
        await message.reply_text(usage)
        return
    await _preview(message, deps, text, moment.timestamp())


@organizer_command
async def scheduled(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    await send_listing(message, deps, "sc")


@organizer_command
async def announcements(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    await send_listing(message, deps, "an")
