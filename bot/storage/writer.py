"""Writes that must never make the event loop wait: the question log and 👍/👎.

While another process holds SQLite's write lock (a backup, ``run.py announce``, a stuck shell),
a write on the bot's main connection would sleep in ``busy_timeout`` on the event loop, and
every worker's answer (even an unrelated /start) would wait with it. These writes go to one
worker thread with its own connection and a short busy timeout instead: a locked or full
database costs a log row (the caller logs a warning), never an answer.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
BUSY_TIMEOUT_MS = 250


class BackgroundWriter:
    """One thread, one connection (opened in that thread on first use), jobs run in order."""

    def __init__(self, path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 shared: sqlite3.Connection | None = None) -> None:
        """``shared``: use that connection instead (an in-memory database has no second one)."""
        self.path, self.busy_timeout_ms = path, busy_timeout_ms
        self._shared = shared
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._shared is not None:
            return self._shared
        if self._db is None:
            db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            db.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
            db.execute("PRAGMA foreign_keys=ON")
            self._db = db
        return self._db

    async def run(self, job: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``job`` on the writer's connection in its thread; its exceptions reach the caller."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: job(self._connection()))

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        if self._db is not None:
            self._db.close()
            self._db = None
