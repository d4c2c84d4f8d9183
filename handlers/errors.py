"""The one error boundary: log the failure with its traceback, then apologise once, politely.

Replies to workers reach here only after ``handlers.replying`` gave up retrying, so the apology
means the answer really did not go out (in the same chat and forum thread as the question)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import texts

log = logging.getLogger("luban.errors")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("update %s failed", getattr(update, "update_id", "?"), exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None or update.callback_query is not None:
        if isinstance(update, Update) and update.callback_query is not None:
            try:
                await update.callback_query.answer(texts.ERROR_APOLOGY, show_alert=True)
            except TelegramError:
                log.warning("could not apologise for a failed button press")
        return
    message = update.effective_message
    thread = message.message_thread_id if message is not None and message.is_topic_message else None
    try:
        await context.bot.send_message(update.effective_chat.id, texts.ERROR_APOLOGY, message_thread_id=thread)
    except TelegramError:
        log.warning("could not send the apology to chat %s", update.effective_chat.id)
