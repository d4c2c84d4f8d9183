"""Subscriptions: /subscribe, /unsubscribe and their buttons for everyone (group admins for a
group), and Telegram's own signals that a chat is gone (blocked, kicked, migrated)."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes

from bot import texts
from bot.container import get_deps
from handlers import callback_data as cd
from handlers.access import is_group_admin


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _set_subscription(update, context, on=True)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _set_subscription(update, context, on=False)


async def _set_subscription(update: Update, context: ContextTypes.DEFAULT_TYPE, on: bool) -> None:
    subscriptions, chat, message = get_deps(context).subscriptions, update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    if chat.type == ChatType.PRIVATE:
        changed = subscriptions.set(chat.id, chat.type, on)
        reply = (texts.SUBSCRIBED if changed else texts.ALREADY_SUBSCRIBED) if on else \
            (texts.UNSUBSCRIBED if changed else texts.NOT_SUBSCRIBED)
    elif not await is_group_admin(update, context):
        reply = texts.GROUP_ADMIN_ONLY
    else:
        subscriptions.set(chat.id, chat.type, on)
        reply = texts.GROUP_SUBSCRIBED if on else texts.GROUP_UNSUBSCRIBED
    await message.reply_text(reply)


async def subscription_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    on = cd.SUBSCRIBE.parse(query.data) == ("on",)
    if chat.type != ChatType.PRIVATE and not await is_group_admin(update, context):
        await query.answer(texts.GROUP_ADMIN_ONLY, show_alert=True)
        return
    get_deps(context).subscriptions.set(chat.id, chat.type, on)
    await query.answer(texts.SUBSCRIBED if on else texts.UNSUBSCRIBED, show_alert=True)


async def membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The user blocked the bot, or a group removed it: stop sending there."""
    change = update.my_chat_member
    if change is not None and change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        get_deps(context).subscriptions.left(change.chat.id, change.new_chat_member.status)


async def migration(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        get_deps(context).subscriptions.migrated(message.chat.id, message.migrate_to_chat_id)
