"""Announcements for organizers: /announce, /schedule, /scheduled, /announcements and their
buttons. Every action checks the organizer list (``organizer_command`` / ``require_organizer``)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Awaitable, Callable
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot import texts
from bot.announcements import MAX_ANNOUNCEMENT_CHARS, parse_when, render, report_text
from bot.deps import Deps, get_deps
from handlers.keyboards import parse

log = logging.getLogger("luban.organizer")
async def require_organizer(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps) -> bool:
    """Every organizer action passes here: refuse politely and log anyone else."""
    user = update.effective_user
    if deps.is_organizer(user.id if user else None):
        if update.effective_chat and update.effective_chat.type != ChatType.PRIVATE:
            await update.effective_message.reply_text(texts.ORGANIZER_PRIVATE_ONLY)  # type: ignore[union-attr]
            return False
        return True
    log.warning("refused organizer action from user %s", deps.storage.user_hash(user.id if user else None))
    if update.callback_query is not None:
        await update.callback_query.answer(texts.NOT_ORGANIZER, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(texts.NOT_ORGANIZER)
    return False


OrganizerCommand = Callable[[Update, ContextTypes.DEFAULT_TYPE, Deps, Message], Awaitable[None]]


def organizer_command(callback: OrganizerCommand) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    """Wrap an organizer command so the rights check runs on every call and cannot be forgotten."""

    @functools.wraps(callback)
    async def checked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        deps, message = get_deps(context), update.effective_message
        if message is not None and await require_organizer(update, context, deps):
            await callback(update, context, deps, message)

    return checked


# -- announcements ---------------------------------------------------------------------------------

def _announcement_text(message: Message, raw: str) -> str:
    """The text after the command, or the text of the message the command replies to."""
    text = raw.split(maxsplit=1)[1] if len(raw.split(maxsplit=1)) > 1 else ""
    if not text.strip() and message.reply_to_message is not None:
        text = message.reply_to_message.text or message.reply_to_message.caption or ""
    return text.strip()


async def _preview(message: Message, deps: Deps, text: str, send_at: float | None) -> None:
    if len(text) > MAX_ANNOUNCEMENT_CHARS:
        await message.reply_text(texts.ANNOUNCE_TOO_LONG.format(length=len(text), limit=MAX_ANNOUNCEMENT_CHARS))
        return
    assert deps.announcements is not None
    announcement_id, token = deps.announcements.store.create_draft(text, message.from_user and message.from_user.id,
                                                                   send_at)
    count, _ = deps.announcements.store.subscriber_counts()
    intro = texts.PREVIEW_INTRO.format(count=count) if send_at is None else \
        texts.PREVIEW_INTRO_SCHEDULED.format(when=deps.announcements.when(send_at), count=count)
    await message.reply_text(intro)
    await message.reply_text(render(text), reply_markup=InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.BUTTON_CONFIRM, callback_data=f"ann:ok:{token}"),
        InlineKeyboardButton(texts.BUTTON_CANCEL, callback_data=f"ann:no:{token}")]]))


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
        when = parse_when(f"{parts[1]} {parts[2]}", deps.config.tz)
    except ValueError:
        await message.reply_text(texts.SCHEDULE_BAD_TIME.format(value=escape(" ".join(parts[1:3]))) + "\n" + usage)
        return
    if when.timestamp() <= dt.datetime.now(dt.UTC).timestamp():
        await message.reply_text(texts.SCHEDULE_PAST)
        return
    text = parts[3].strip() if len(parts) == 4 else _announcement_text(message, "")
    await _preview(message, deps, text, when.timestamp())


@organizer_command
async def scheduled(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    assert deps.announcements is not None  # registered only with the announcements service
    rows = deps.announcements.store.scheduled()
    if not rows:
        await message.reply_text(texts.NO_SCHEDULED)
        return
    lines = [texts.SCHEDULED_ITEM.format(id=r["id"], when=deps.announcements.when(r["send_at"]),
                                         preview=escape(r["text"][:40])) for r in rows]
    buttons = [[InlineKeyboardButton(texts.BUTTON_CANCEL_SCHEDULED.format(id=r["id"]),
                                     callback_data=f"ann:cancel:{r['id']}")] for r in rows]
    await message.reply_text("\n".join(lines), reply_markup=InlineKeyboardMarkup(buttons))


@organizer_command
async def announcements(update: Update, context: ContextTypes.DEFAULT_TYPE, deps: Deps, message: Message) -> None:
    assert deps.announcements is not None
    service = deps.announcements
    rows = service.store.recent()
    if not rows:
        await message.reply_text(texts.NO_ANNOUNCEMENTS)
        return
    blocks = []
    for r in rows:
        when = service.when(r["finished"] or r["send_at"] or r["created"])
        blocks.append(texts.ANNOUNCEMENT_ITEM.format(id=r["id"], when=when, preview=escape(r["text"][:40]),
                                                     status=texts.STATUS_NAMES.get(r["status"], r["status"])))
        if r["status"] in ("done", "recalled", "sending"):
            blocks[-1] += "\n" + report_text(r["id"], service.store.report(r["id"]))
    await message.reply_text("\n\n".join(blocks))


async def on_announcement_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps = update.callback_query, get_deps(context)
    if query is None or deps.announcements is None or not await require_organizer(update, context, deps):
        return
    service, (_, args) = deps.announcements, parse(query.data)
    action, arg = (args + ["", ""])[:2]
    message = query.message if query.message and query.message.is_accessible else None
    if action == "ok":
        row = service.store.confirm(arg)
        if row is None:
            await query.answer(texts.ALREADY_HANDLED, show_alert=True)
            return
        await query.edit_message_reply_markup(None)
        if row["status"] == "scheduled":
            await service.sync()
            await query.answer(texts.CONFIRMED_SCHEDULED.format(when=service.when(row["send_at"])), show_alert=True)
            return
        await query.answer(texts.CONFIRMED)
        if message is not None:
            status = await message.reply_text(texts.PROGRESS.format(id=row["id"], done=0, total="…"))
            service.store.set_status_message(row["id"], status.chat.id, status.message_id)
        service.launch(int(row["id"]))
    elif action == "no":
        row = service.store.by_token(arg)
        if row is None or not service.cancel(int(row["id"])):
            await query.answer(texts.ALREADY_HANDLED, show_alert=True)
            return
        await query.edit_message_reply_markup(None)
        await query.answer(texts.CANCELLED)
    elif action == "cancel" and arg.isdigit():
        await query.answer(texts.CANCELLED if service.cancel(int(arg)) else texts.ALREADY_HANDLED, show_alert=True)
    elif action == "recall" and arg.isdigit():
        deleted, late = await service.recall(context.bot, int(arg))
        text = texts.RECALLED.format(id=arg, count=deleted)
        if late:
            text += "\n" + texts.RECALL_TOO_LATE.format(count=deleted, late=late)
        await query.answer()
        if message is not None:
            await message.reply_text(text)
    else:
        await query.answer(texts.EXPIRED_BUTTON, show_alert=True)


def organizer_handlers() -> list:
    new = filters.UpdateType.MESSAGE
    return [
        CommandHandler("announce", announce, filters=new),
        CommandHandler("schedule", schedule, filters=new),
        CommandHandler("scheduled", scheduled, filters=new),
        CommandHandler("announcements", announcements, filters=new),
        CallbackQueryHandler(on_announcement_button, pattern=r"^ann:"),
    ]
