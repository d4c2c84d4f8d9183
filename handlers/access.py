"""Who may do what: organizer actions pass ``require_organizer`` (the organizer list, and only in
a private chat), and group subscriptions need a group admin (an anonymous admin counts)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes

from bot import texts
from bot.container import Deps, get_deps

log = logging.getLogger("luban.organizer")
ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
OrganizerCommand = Callable[[Update, ContextTypes.DEFAULT_TYPE, Deps, Message], Awaitable[None]]


async def require_organizer(update: Update, deps: Deps) -> bool:
    """Every organizer action passes here: refuse politely and log anyone else."""
    user, message = update.effective_user, update.effective_message
    if deps.is_organizer(user.id if user else None):
        if update.effective_chat and update.effective_chat.type != ChatType.PRIVATE:
            if update.callback_query is not None:  # a button: answer the press, or the client spins
                await update.callback_query.answer(texts.ORGANIZER_PRIVATE_ONLY, show_alert=True)
            elif message is not None:
                await message.reply_text(texts.ORGANIZER_PRIVATE_ONLY)
            return False
        return True
    log.warning("refused organizer action from user %s", deps.user_hash(user.id if user else None))
    if update.callback_query is not None:
        await update.callback_query.answer(texts.NOT_ORGANIZER, show_alert=True)
    elif message is not None:
        await message.reply_text(texts.NOT_ORGANIZER)
    return False


def organizer_command(callback: OrganizerCommand) -> Callback:
    """Wrap an organizer command so the rights check runs on every call and cannot be forgotten."""

    @functools.wraps(callback)
    async def checked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        deps, message = get_deps(context), update.effective_message
        if message is not None and await require_organizer(update, deps):
            await callback(update, context, deps, message)

    return checked


async def is_group_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if message is not None and message.sender_chat is not None and chat is not None \
            and message.sender_chat.id == chat.id:
        return True  # an anonymous group admin
    if chat is None or user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ADMIN_STATUSES
