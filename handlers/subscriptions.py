"""Subscriptions: /subscribe, /unsubscribe and their buttons for everyone (group admins for a
group), and Telegram's own signals that a chat is gone (blocked, kicked, migrated)."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import CallbackQueryHandler, ChatMemberHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot import texts
from bot.deps import get_deps
from handlers.keyboards import parse

ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def _is_group_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if message is not None and message.sender_chat is not None and chat is not None \
            and message.sender_chat.id == chat.id:
        return True  # an anonymous group admin
    if chat is None or user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ADMIN_STATUSES


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _set_subscription(update, context, on=True)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _set_subscription(update, context, on=False)


async def _set_subscription(update: Update, context: ContextTypes.DEFAULT_TYPE, on: bool) -> None:
    deps, chat, message = get_deps(context), update.effective_chat, update.effective_message
    if chat is None or message is None or deps.announcements is None:
        return
    store = deps.announcements.store
    if chat.type == ChatType.PRIVATE:
        changed = store.subscribe(chat.id, chat.type) if on else store.unsubscribe(chat.id)
        reply = (texts.SUBSCRIBED if changed else texts.ALREADY_SUBSCRIBED) if on else \
            (texts.UNSUBSCRIBED if changed else texts.NOT_SUBSCRIBED)
    elif not await _is_group_admin(update, context):
        reply = texts.GROUP_ADMIN_ONLY
    else:
        store.subscribe(chat.id, chat.type) if on else store.unsubscribe(chat.id)
        reply = texts.GROUP_SUBSCRIBED if on else texts.GROUP_UNSUBSCRIBED
    await message.reply_text(reply)


async def on_subscription_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, deps, chat = update.callback_query, get_deps(context), update.effective_chat
    if query is None or chat is None or deps.announcements is None:
        return
    _, args = parse(query.data)
    on = args[:1] == ["on"]
    if chat.type != ChatType.PRIVATE and not await _is_group_admin(update, context):
        await query.answer(texts.GROUP_ADMIN_ONLY, show_alert=True)
        return
    store = deps.announcements.store
    store.subscribe(chat.id, chat.type) if on else store.unsubscribe(chat.id)
    await query.answer(texts.SUBSCRIBED if on else texts.UNSUBSCRIBED, show_alert=True)


async def on_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The user blocked the bot, or a group removed it: stop sending there."""
    change, deps = update.my_chat_member, get_deps(context)
    if change is None or deps.announcements is None:
        return
    if change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        deps.announcements.store.unsubscribe(change.chat.id, reason=f"bot {change.new_chat_member.status}")


async def on_migration(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, deps = update.effective_message, get_deps(context)
    if message is not None and message.migrate_to_chat_id and deps.announcements is not None:
        deps.announcements.store.migrate_chat_subscriber(message.chat.id, message.migrate_to_chat_id)


def subscription_handlers() -> list:
    new = filters.UpdateType.MESSAGE
    return [
        CommandHandler("subscribe", subscribe, filters=new),
        CommandHandler("unsubscribe", unsubscribe, filters=new),
        CallbackQueryHandler(on_subscription_button, pattern=r"^sub:"),
        MessageHandler(filters.StatusUpdate.MIGRATE, on_migration),
        ChatMemberHandler(on_membership, ChatMemberHandler.MY_CHAT_MEMBER),
    ]
