"""``build_application``: the one place that assembles the PTB Application and its handlers."""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import texts
from bot.config import Config
from bot.deps import DEPS_KEY, Deps
from handlers import callbacks, curation, errors, inline, organizer, questions, start, subscriptions

log = logging.getLogger("luban.app")

ALLOWED_UPDATES = Update.ALL_TYPES
# Telegram's limits: ~30 messages/s overall, 20/min into one group. aiolimiter is a leaky bucket
# whose burst equals max_rate, so "28 per second" could emit 56 within one sliding second; a
# bucket of one message per 1/28 s (and per 3 s into a group) keeps every window under the limit.
OVERALL_PER_SECOND = 28
RATE_LIMIT = {"overall_max_rate": 1, "overall_time_period": 1 / OVERALL_PER_SECOND,
              "group_max_rate": 1, "group_time_period": 3, "max_retries": 3}


async def _purge(deps: Deps, retention_days: int) -> None:
    removed = deps.curation.purge(retention_days)
    if removed:
        log.info("purged %d questions older than %d days", removed, retention_days)


async def _post_init(application: Application) -> None:
    """Publish the command menu (organizers get their commands in their own chats too)."""
    deps: Deps = application.bot_data[DEPS_KEY]
    await application.bot.set_my_commands([BotCommand(n, d) for n, d in texts.COMMANDS.items()])
    if application.job_queue is not None:
        retention = deps.config.storage.retention_days
        application.job_queue.run_repeating(lambda _ctx: _purge(deps, retention), interval=86400, first=1,
                                            name="question-log-retention")
    if deps.announcements is None:
        return
    organizer_menu = [BotCommand(n, d) for n, d in (texts.COMMANDS | texts.ORGANIZER_COMMANDS).items()]
    for user_id in deps.config.organizers:
        try:
            await application.bot.set_my_commands(organizer_menu, scope=BotCommandScopeChat(user_id))
        except TelegramError as exc:  # the organizer has not opened a chat with the bot yet
            log.info("organizer menu not set for %s: %s", user_id, exc.message)
    await deps.announcements.on_startup(application)


def build_application(config: Config, deps: Deps, *, token: str, base_url: str | None = None,
                      base_file_url: str | None = None) -> Application:
    """The bot for ``config``, its handlers reaching services through ``deps`` (in ``bot_data``)."""
    application = (
        Application.builder()
        .token(token)
        .base_url(base_url or config.telegram.api_base_url)
        .base_file_url(base_file_url or config.telegram.api_base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=config.tz,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(AIORateLimiter(**RATE_LIMIT))
        .concurrent_updates(32)
        .post_init(_post_init)
        .build()
    )
    application.bot_data[DEPS_KEY] = deps
    new_message = filters.UpdateType.MESSAGE  # edits and channel posts are ignored on purpose

    application.add_handler(CommandHandler("start", start.start, filters=new_message))
    application.add_handler(CommandHandler("help", start.help_command, filters=new_message))
    application.add_handler(CommandHandler("ask", questions.ask_command, filters=new_message))
    if deps.announcements is not None:
        application.add_handlers(subscriptions.subscription_handlers() + organizer.organizer_handlers())
    application.add_handlers(curation.curation_handlers())
    application.add_handler(curation.CAPTURE, group=-1)
    application.add_handler(MessageHandler(
        new_message & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, questions.private_text))
    application.add_handler(MessageHandler(
        new_message & filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND, questions.group_text))
    application.add_handler(MessageHandler(new_message & filters.COMMAND, start.unknown_command))
    application.add_handler(MessageHandler(new_message & filters.ChatType.PRIVATE & ~filters.TEXT, start.non_text))
    application.add_handler(CallbackQueryHandler(callbacks.on_button))
    application.add_handler(InlineQueryHandler(inline.inline_query))
    application.add_error_handler(errors.on_error)
    return application
