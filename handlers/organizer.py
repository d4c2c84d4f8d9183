"""Announcements for organizers: /announce, /schedule, /scheduled, /announcements. Every command
passes ``organizer_command``; the buttons they create are in ``announcement_buttons``."""

from __future__ import annotations

from html import escape

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.container import Deps
from bot.render import announcement_html, duration, report_text, stars, when
from bot.services.announcements import InThePast, TooLong, parse_when
from handlers.access import organizer_command
from handlers.keyboards import confirm_keyboard, scheduled_keyboard


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
        texts.PREVIEW_INTRO_SCHEDULED.format(when=when(send_at, deps.config.tz), count=count)
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
    parts = (message.text or "").split(maxsplit=3)
    usage = texts.SCHEDULE_USAGE.format(tz=deps.config.timezone)
    if len(parts) < 4 and not (len(parts) == 3 and message.reply_to_message):
        await message.reply_text(usage)
        return
    try:
        send_at = parse_when(f"{parts[1]} {parts[2]}", deps.config.tz).timestamp()
    except ValueError:
        await message.reply_text(texts.SCHEDULE_BAD_TIME.format(value=escape(" ".join(parts[1:3]))) + "\n" + usage)
        return
    text = parts[3].strip() if len(parts) == 4 else _announcement_text(message, "")
    await _preview(message, deps, text, send_at)


@organizer_command
async def scheduled(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    pending = deps.announcements.scheduled()
    if not pending:
        await message.reply_text(texts.NO_SCHEDULED)
        return
    lines = [texts.SCHEDULED_ITEM.format(id=a.id, when=when(a.send_at or a.created, deps.config.tz),
                                         preview=escape(a.text[:40])) for a in pending]
    await message.reply_text("\n".join(lines), reply_markup=scheduled_keyboard(pending))


@organizer_command
async def announcements(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    recent = deps.announcements.recent()
    if not recent:
        await message.reply_text(texts.NO_ANNOUNCEMENTS)
        return
    blocks = []
    for item in recent:
        a = item.announcement
        block = texts.ANNOUNCEMENT_ITEM.format(id=a.id, when=when(a.shown_at, deps.config.tz),
                                               preview=escape(a.text[:40]),
                                               status=texts.STATUS_NAMES.get(a.status.value, a.status.value))
        blocks.append(block + ("\n" + report_text(a.id, item.report) if item.report else ""))
    await message.reply_text("\n\n".join(blocks))
