"""Run the Telegram bot: polling or webhook, with the token from the settings.

``bot.cli.logging_setup`` (installed by ``bot.cli.commands.dispatch`` before any command runs)
scrubs the token from every log line and keeps ``httpx`` at WARNING, because its request lines
contain the token in the URL.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.cli.errors import fail
from bot.config import TOKEN_ENV, Config
from bot.storage.lock import BotLease
from bot.telegram.app import ALLOWED_UPDATES, assemble

log = logging.getLogger("luban")


def _preflight(token: str, base_url: str) -> str | None:
    """Ask the Bot API who we are before starting, so a wrong token or address is one clear line
    instead of PTB's bootstrap traceback. Returns the problem, or None."""

    async def check() -> None:
        async with Bot(token, base_url=base_url) as bot:
            await bot.get_me()

    try:
        asyncio.run(check())
    except InvalidToken:
        return f"Telegram rejected the token in {TOKEN_ENV}; check it with @BotFather"
    except NetworkError as exc:
        return f"cannot reach the Bot API server at {base_url.split('/bot')[0]} ({exc.message})"
    except TelegramError as exc:
        return f"the Bot API server refused the bot ({exc.message})"
    return None



def run_bot(config: Config) -> int:
    token = config.secrets.token
    if not token:
        return fail(f"set {TOKEN_ENV} to run the bot (or run without it for the console chat)")
    lease = BotLease(config.storage.path)  # a second bot on this database stops here (DatabaseError)
    try:
        return _run(config, token)
    finally:
        lease.release()


def _run(config: Config, token: str) -> int:
    telegram = config.telegram
    problem = _preflight(token, telegram.api_base_url)
    if problem:
        return fail(problem)
    application, deps = assemble(config)
    log.info("starting in %s mode with %d passages", telegram.mode, deps.knowledge.last_load.passages)
    try:
        if telegram.mode == "webhook":
            webhook = telegram.webhook
            application.run_webhook(listen=webhook.listen, port=webhook.port, url_path=webhook.path,
                                    webhook_url=webhook.url.rstrip("/") + "/" + webhook.path,
                                    secret_token=config.secrets.webhook_secret or None,
                                    allowed_updates=ALLOWED_UPDATES)
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES, timeout=telegram.poll_timeout)
    except InvalidToken:
        return fail(f"Telegram rejected the token in {TOKEN_ENV}; check it with @BotFather")
    except NetworkError as exc:
        return fail(f"cannot reach the Bot API server ({exc.message})")
    except TelegramError as exc:
        return fail(f"Telegram refused to start the bot ({exc.message})")
    finally:
        deps.close()
    return 0
