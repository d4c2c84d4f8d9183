"""Run the Telegram bot: polling or webhook, with the token from the settings.

The token is scrubbed from every log line; ``httpx`` logging is raised to WARNING because its
request lines contain the token in the URL.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.config import TOKEN_ENV, Config
from bot.telegram.app import ALLOWED_UPDATES, assemble

log = logging.getLogger("luban")


class _RedactToken(logging.Filter):
    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub the token from the message and from any traceback (PTB puts it in InvalidToken)."""
        if not self.token:
            return True
        if self.token in record.getMessage():
            record.msg, record.args = record.getMessage().replace(self.token, "<token>"), ()
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


def setup_logging(token: str) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_RedactToken(token))
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


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


def _fail(message: str) -> int:
    print(f"run.py: error: {message}", file=sys.stderr)
    return 2


def run_bot(config: Config) -> int:
    token, telegram = config.secrets.token, config.telegram
    if not token:
        return _fail(f"set {TOKEN_ENV} to run the bot (or run without it for the console chat)")
    problem = _preflight(token, telegram.api_base_url)
    if problem:
        return _fail(problem)
    setup_logging(token)
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
        return _fail(f"Telegram rejected the token in {TOKEN_ENV}; check it with @BotFather")
    except NetworkError as exc:
        return _fail(f"cannot reach the Bot API server ({exc.message})")
    except TelegramError as exc:
        return _fail(f"Telegram refused to start the bot ({exc.message})")
    finally:
        deps.close()
    return 0
