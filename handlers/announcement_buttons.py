"""The buttons of an announcement's life: confirm or discard a draft, cancel a scheduled one,
recall a sent one. Each is its own callback, registered with its pattern from ``callback_data``,
and each checks the organizer list first."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.container import get_deps
from bot.models import Status
from bot.render import when
from handlers import callback_data as cd
from handlers.access import require_organizer


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    args = cd.CONFIRM.parse(query.data) if query else None
    if query is None or args is None or not await require_organizer(update, deps):
        return
    confirmed = deps.announcements.confirm(args[0])
    if confirmed is None:
        await query.answer(texts.ALREADY_HANDLED, show_alert=True)
        return
    await query.edit_message_reply_markup(None)
    if confirmed.status is Status.SCHEDULED:
        await query.answer(texts.CONFIRMED_SCHEDULED.format(when=when(confirmed.send_at or 0.0, deps.config.tz)),
                           show_alert=True)
        return
    await query.answer(texts.CONFIRMED)
    if isinstance(query.message, Message):
        status = await query.message.reply_text(texts.PROGRESS.format(id=confirmed.id, done=0, total="…"))
        deps.announcements.send(confirmed.id, status.chat.id, status.message_id)
    else:
        deps.announcements.send(confirmed.id)


async def discard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    args = cd.DISCARD.parse(query.data) if query else None
    if query is None or args is None or not await require_organizer(update, deps):
        return
    if not deps.announcements.cancel_draft(args[0]):
        await query.answer(texts.ALREADY_HANDLED, show_alert=True)
        return
    await query.edit_message_reply_markup(None)
    await query.answer(texts.CANCELLED)


async def cancel_scheduled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    announcement_id = cd.CANCEL_SCHEDULED.parse_id(query.data) if query else None
    if query is None or announcement_id is None or not await require_organizer(update, deps):
        return
    cancelled = deps.announcements.cancel(announcement_id, scheduled_only=True)
    await query.answer(texts.CANCELLED if cancelled else texts.ALREADY_HANDLED, show_alert=True)


async def recall(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    announcement_id = cd.RECALL.parse_id(query.data) if query else None
    if query is None or announcement_id is None or not await require_organizer(update, deps):
        return
    result = await deps.announcements.recall(announcement_id)
    if result is None:
        await query.answer(texts.RECALL_NOT_SENT, show_alert=True)
        return
    text = texts.RECALLED.format(id=announcement_id, count=result.deleted)
    if result.too_late:
        text += "\n" + texts.RECALL_TOO_LATE.format(count=result.deleted, late=result.too_late)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.reply_text(text)
