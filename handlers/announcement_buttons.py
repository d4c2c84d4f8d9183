"""The buttons of an announcement's life: confirm or discard a draft, cancel a scheduled one,
recall a sent one. Each is its own callback, registered with its pattern from ``callback_data``,
and each checks the organizer list first."""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update
from telegram.ext import ContextTypes

from bot import texts
from bot.container import Deps, get_deps
from bot.models import Status
from bot.render import when
from handlers import callback_data as cd
from handlers.access import require_organizer
from handlers.keyboards import recall_confirm_keyboard, recall_keyboard
from handlers.pages import redraw


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
        at = when(confirmed.send_at or 0.0, deps.config.tz)
        await query.answer(texts.CONFIRMED_SCHEDULED.format(when=at), show_alert=True)
        if isinstance(query.message, Message):  # progress, report and 撤回 come here when it is sent
            await query.message.reply_text(texts.SCHEDULED_STATUS.format(id=confirmed.id, when=at))
            deps.announcements.report_to(confirmed.id, query.message.chat.id)
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


async def _organizer_tap(update: Update, context: ContextTypes.DEFAULT_TYPE,
                         action: cd.Action) -> tuple[CallbackQuery, Deps, int] | None:
    """The query, services and announcement id of an organizer's tap on an announcement button;
    None (the tap already answered) for forged data or someone who is not an organizer."""
    query, deps = update.callback_query, get_deps(context)
    announcement_id = action.parse_id(query.data) if query else None
    if query is None or announcement_id is None or not await require_organizer(update, deps):
        return None
    return query, deps, announcement_id


async def cancel_scheduled(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    tap = await _organizer_tap(update, context, cd.CANCEL_SCHEDULED)
    if tap is None:
        return
    query, deps, announcement_id = tap
    cancelled = deps.announcements.cancel(announcement_id, scheduled_only=True)
    await query.answer(texts.CANCELLED if cancelled else texts.ALREADY_HANDLED, show_alert=True)
    await redraw(query, deps, "sc")


async def recall(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """撤回 asks first: the report's button becomes 确认撤回 / 不撤回."""
    tap = await _organizer_tap(update, context, cd.RECALL)
    if tap is None:
        return
    query, deps, announcement_id = tap
    if not deps.announcements.recallable(announcement_id):  # a scheduled one is cancelled, not recalled
        await query.answer(texts.RECALL_NOT_SENT, show_alert=True)
        return
    await query.answer(texts.RECALL_ASK.format(id=announcement_id), show_alert=True)
    await query.edit_message_reply_markup(recall_confirm_keyboard(announcement_id))


async def recall_kept(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    tap = await _organizer_tap(update, context, cd.RECALL_NO)
    if tap is None:
        return
    query, deps, announcement_id = tap
    await query.answer(texts.RECALL_KEPT)
    await query.edit_message_reply_markup(recall_keyboard(announcement_id))


async def recall_confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Delete the delivered copies; the button disappears, and a second tap is 已处理."""
    tap = await _organizer_tap(update, context, cd.RECALL_YES)
    if tap is None:
        return
    query, deps, announcement_id = tap
    if not deps.announcements.recallable(announcement_id):
        await query.answer(texts.ALREADY_HANDLED, show_alert=True)
        return
    await query.edit_message_reply_markup(None)
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
