"""Logging for every command: one line per event, a chosen level, and never the bot token.

The handler is installed before a command writes anything, so the token filter covers the first
line too. The level comes, strongest first, from ``-v``/``-q``, then ``LOG_LEVEL``, then
``logging.level`` in config.yaml; config is read after the handler exists, so its level is applied
in a second step. Lines read ``2026-06-11T09:00:00+0800 INFO luban.app: message``; a traceback is
folded into the same line (newlines become ``\\n``) so one event is one line for grep and journald.
"""

from __future__ import annotations

import logging
import os
import sys

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LEVEL_ENV = "LOG_LEVEL"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Their DEBUG/INFO lines carry request URLs (with the token) or per-job chatter.
NOISY = ("httpx", "httpcore", "apscheduler")


class RedactToken(logging.Filter):
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


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\r", "").replace("\n", "\\n")


class LevelError(ValueError):
    """LOG_LEVEL or -v/-q names no level; the message says which."""


def _explicit_level(verbose: int, quiet: int) -> str | None:
    if verbose or quiet:
        return LEVELS[max(0, min(len(LEVELS) - 1, 1 - verbose + quiet))]
    value = os.environ.get(LEVEL_ENV, "").strip().upper()
    if value and value not in LEVELS:
        raise LevelError(f"{LEVEL_ENV}={os.environ[LEVEL_ENV]!r} is not one of {', '.join(LEVELS)}")
    return value or None


_handler: logging.Handler | None = None
_explicit: str | None = None


def install(verbose: int = 0, quiet: int = 0) -> None:
    """Attach the one stderr handler (with the token filter) to the root logger; idempotent."""
    global _handler, _explicit
    _explicit = _explicit_level(verbose, quiet)
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(OneLineFormatter(FORMAT, DATE_FORMAT))
    _handler.addFilter(RedactToken(os.environ.get(TOKEN_ENV, "").strip()))
    root.addHandler(_handler)
    set_level(_explicit or "INFO")


def apply_config(config_level: str) -> None:
    """The level from config.yaml, unless -v/-q or LOG_LEVEL chose one."""
    set_level(_explicit or config_level)


def set_level(level: str) -> None:
    logging.getLogger().setLevel(level)
    for name in NOISY:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger().level))
