"""The application factory: the one place that builds the PTB Application and registers its
handlers, one per command and one ``CallbackQueryHandler`` per button action, each with its
pattern from ``handlers.callback_data``.

``assemble`` is the order everything is built in: the Bot (with its pacing), the Telegram
notifier over it, the services (``make_deps``), then the Application around that same Bot.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes, Defaults, ExtBot
from telegram.request import HTTPXRequest

from bot import texts
from bot.config import Config
from bot.container import DEPS_KEY, Deps, make_deps
from bot.telegram.notifier import TelegramNotifier
from bot.telegram.pacing import PRODUCTION, Pacing
from bot.telegram.routes import routes
from bot.telegram.transport import AiohttpRequest
from handlers import errors
from handlers.replying import DEFAULT_POLICY, POLICY_KEY, ReplyPolicy
from knowledge.tokenizer import Tokenizer

log = logging.getLogger("luban.app")

ALLOWED_UPDATES = Update.ALL_TYPES
PURGE_SECONDS = 86400
App = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True)
class Overrides:
    """What tests change: the pacing (production spaces a group's messages past a burst of five) and
    how long replies wait between retries."""

    pacing: Pacing = PRODUCTION
    replies: ReplyPolicy = DEFAULT_POLICY


def make_bot(config: Config, overrides: Overrides = Overrides()) -> ExtBot[Any]:
    telegram = config.telegram
    return ExtBot(config.secrets.token, base_url=telegram.api_base_url, base_file_url=telegram.api_base_file_url,
                  request=AiohttpRequest(connection_pool_size=256), get_updates_request=HTTPXRequest(),
                  defaults=Defaults(parse_mode=ParseMode.HTML, tzinfo=config.tz,
                                    link_preview_options=LinkPreviewOptions(is_disabled=True)),
                  rate_limiter=overrides.pacing.limiter(config.announcements.paid_rate))


def _deps(application: App) -> Deps:
    deps = application.bot_data[DEPS_KEY]
    assert isinstance(deps, Deps)
    return deps


async def _purge(context: ContextTypes.DEFAULT_TYPE) -> None:
    deps = _deps(context.application)
    retention = deps.config.storage.retention_days
    removed = deps.questions.purge(retention)
    if removed:
        log.info("purged %d questions older than %d days", removed, retention)


async def _post_init(application: App) -> None:
    """Publish the command menus (organizers get theirs in their own chats), start the schedule."""
    deps = _deps(application)
    await application.bot.set_my_commands([BotCommand(n, d) for n, d in texts.COMMANDS.items()])
    if application.job_queue is not None:
        application.job_queue.run_repeating(_purge, interval=PURGE_SECONDS, first=1, name="question-log-retention")
    organizer_menu = [BotCommand(n, d) for n, d in (texts.COMMANDS | texts.ORGANIZER_COMMANDS).items()]
    for user_id in deps.config.organizers:
        try:
            await application.bot.set_my_commands(organizer_menu, scope=BotCommandScopeChat(user_id))
        except TelegramError as exc:  # the organizer has not opened a chat with the bot yet
            log.info("organizer menu not set for %s: %s", user_id, exc.message)
    await deps.broadcasts.start()


async def _post_stop(application: App) -> None:
    await _deps(application).broadcasts.stop()


def build_application(config: Config, deps: Deps, bot: ExtBot[Any], replies: ReplyPolicy = DEFAULT_POLICY) -> App:
    """The bot for ``config`` on ``bot``, its handlers reaching services through ``deps`` (in ``bot_data``)."""
    application = (Application.builder().bot(bot).concurrent_updates(32)
                   .post_init(_post_init).post_stop(_post_stop).build())
    application.bot_data[DEPS_KEY] = deps
    application.bot_data[POLICY_KEY] = replies
    for group, handler in routes(config.curation.capture_timeout_seconds):
        application.add_handler(handler, group=group)
    application.add_error_handler(errors.on_error)
    return application


def assemble(config: Config, *, tokenizer: Tokenizer | None = None,
             overrides: Overrides = Overrides()) -> tuple[App, Deps]:
    """Bot, notifier, services and Application, built in that order; the caller closes ``deps``."""
    bot = make_bot(config, overrides)
    deps = make_deps(config, TelegramNotifier(bot, config.announcements.paid_broadcast), tokenizer)
    return build_application(config, deps, bot, overrides.replies), deps
