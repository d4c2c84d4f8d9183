"""Everything the program prints passes here first: the bot token never reaches a terminal,
a log file or journald, whoever prints it.

The logging filter (``bot.cli.logging_setup``) covers log records, but a Bot API server or proxy
that answers with an error page echoing the request URL puts the token into exception messages
that commands print directly, and into tracebacks. So ``run.py`` wraps stdout and stderr
themselves, before it reads the settings or opens a connection; and a closed stdout
(``run.py ask … | head -1``) ends the program quietly instead of with a BrokenPipeError.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from typing import TextIO

MASK = "<token>"


def scrub(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


class Scrubbed(io.TextIOWrapper):
    """A text stream over the same bytes as ``stream`` that masks ``secrets`` in every write."""

    def __init__(self, stream: TextIO, secrets: Sequence[str]) -> None:
        super().__init__(stream.buffer, encoding=stream.encoding, errors=stream.errors,
                         line_buffering=bool(stream.line_buffering), write_through=True)
        self.secrets = tuple(s for s in secrets if s)
        self._isatty = stream.isatty()

    def write(self, text: str) -> int:
        super().write(scrub(text, self.secrets))
        return len(text)

    def isatty(self) -> bool:
        return self._isatty

    def close(self) -> None:  # never close the process's real stdout/stderr under someone's feet
        self.flush()


def guard(secrets: Sequence[str]) -> None:
    """Replace sys.stdout and sys.stderr with scrubbing ones (idempotent; streams without a
    byte buffer, such as a test's capture, are left alone)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, Scrubbed) or not hasattr(stream, "buffer"):
            continue
        stream.flush()
        setattr(sys, name, Scrubbed(stream, secrets))


def quiet_broken_pipe() -> None:
    """After stdout's reader went away: point stdout at /dev/null so the final flush at exit
    does not raise again, as the Python documentation recommends."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
