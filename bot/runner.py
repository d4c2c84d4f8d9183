"""Run the Telegram bot: token and API address from the environment, polling or webhook.

The token is read only from ``TELEGRAM_BOT_TOKEN``; ``bot.logging_setup`` (installed by the CLI
before any command runs) scrubs it from every log line and keeps ``httpx`` at WARNING.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import Config
from bot.deps import Deps
from bot.knowledge_service import KnowledgeService
from bot.storage import Storage
from knowledge.tokenizer import Tokenizer

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
log = logging.getLogger("luban")


def make_deps(config: Config, tokenizer: Tokenizer | None = None) -> Deps:
    """All services, wired once; the tests build theirs through here too."""
    from bot.announcements import Announcements
    from bot.curation import Curation

    storage = Storage(config.storage.path)
    knowledge = KnowledgeService(config, tokenizer, storage)
    deps = Deps(config=config, knowledge=knowledge, storage=storage, curation=Curation(storage, knowledge))
    deps.announcements = Announcements(deps)
    return deps


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
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        print(f"run.py: error: set {TOKEN_ENV} to run the bot (or run without it for the console chat)",
              file=sys.stderr)
        return 2
    base_url = os.environ.get("TELEGRAM_API_BASE_URL") or config.telegram.api_base_url
    problem = _preflight(token, base_url)
    if problem:
        print(f"run.py: error: {problem}", file=sys.stderr)
        return 2
    deps = make_deps(config)
    application = build_application(config, deps, token=token, base_url=base_url,
                                    base_file_url=os.environ.get("TELEGRAM_API_BASE_FILE_URL"))
    telegram = config.telegram
    log.info("starting in %s mode with %d passages", telegram.mode, deps.knowledge.last_load.passages)
    try:
        if telegram.mode == "webhook":
            secret = os.environ.get(telegram.webhook.secret_token_env) or None
            application.run_webhook(listen=telegram.webhook.listen, port=telegram.webhook.port,
                                    url_path=telegram.webhook.path,
                                    webhook_url=telegram.webhook.url.rstrip("/") + "/" + telegram.webhook.path,
                                    secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES, timeout=telegram.poll_timeout)
    except InvalidToken:
        print(f"run.py: error: Telegram rejected the token in {TOKEN_ENV}; check it with @BotFather",
              file=sys.stderr)
        return 2
    except NetworkError as exc:
        print(f"run.py: error: cannot reach the Bot API server ({exc.message})", file=sys.stderr)
        return 2
    except TelegramError as exc:
        print(f"run.py: error: Telegram refused to start the bot ({exc.message})", file=sys.stderr)
        return 2
    finally:
        deps.storage.close()
    return 0
