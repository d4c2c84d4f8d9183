"""Logging for every command: one line per event, a chosen level, and never the bot token.

``bot.cli.commands.dispatch`` installs the handler right after the settings are read and before a
command runs, so the token filter covers the first line too. The level comes, strongest first,
from ``-v``/``-q``, then the settings' ``logging.level`` (where ``bot.config`` has already let
``LOG_LEVEL`` from the environment override ``config.yaml``). Lines read
``2026-06-11T09:00:00+0800 INFO luban.app: message``; a traceback is folded into the same line
(newlines become ``\\n``) so one event is one line for grep and journald.
"""

from __future__ import annotations

import logging
import sys

from bot.config import LOG_LEVELS, Config

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Their DEBUG/INFO lines carry request URLs (with the token) or per-job chatter.
NOISY = ("httpx", "httpcore", "apscheduler")
QUIET_TRACEBACKS = ("telegram.request",)


class RedactToken(logging.Filter):
    def __init__(self, token: str) -> None:
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


class NoLibraryTraceback(logging.Filter):
    """PTB's request layer logs an unparsable server answer (a proxy's HTML error page) with the
    JSON decoder's traceback; the line itself says what happened and the command reports the
    failure in one line of its own, so the traceback is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(QUIET_TRACEBACKS):
            record.exc_info, record.exc_text = None, None
        return True


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\r", "").replace("\n", "\\n")


def chosen_level(config_level: str, verbose: int = 0, quiet: int = 0) -> str:
    """``-v`` one step louder than INFO, ``-q``/``-qq`` quieter; without either, the settings' level."""
    if verbose or quiet:
        return LOG_LEVELS[max(0, min(len(LOG_LEVELS) - 1, 1 - verbose + quiet))]
    return config_level


_handler: logging.Handler | None = None


def install(config: Config, verbose: int = 0, quiet: int = 0) -> logging.Handler:
    """Attach the one stderr handler (with the token filter) to the root logger; idempotent."""
    global _handler
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter(FORMAT, DATE_FORMAT))
    handler.addFilter(NoLibraryTraceback())
    handler.addFilter(RedactToken(config.secrets.token))
    root.addHandler(handler)
    _handler = handler
    set_level(chosen_level(config.logging.level, verbose, quiet))
    return handler


def set_level(level: str) -> None:
    logging.getLogger().setLevel(level)
    for name in NOISY:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger().level))
