"""Progress lines for long shell work (evals, benchmarks, broadcasts).

On a terminal the line redraws in place; in logs and CI it prints at most every tenth of the
way, so output stays short either way. Work that finishes within a second prints nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO = sys.stderr):
        self.label, self.total, self.stream = label, total, stream
        self.started = time.perf_counter()
        self._tty = stream.isatty()
        self._last_decile = -1

    QUIET_SECONDS = 1.0

    def __call__(self, done: int, total: int | None = None) -> None:
        """Report ``done`` of ``total``; silent while the work is shorter than a second."""
        total = total or self.total
        if not total or time.perf_counter() - self.started < self.QUIET_SECONDS:
            return
        decile = done * 10 // total
        if not self._tty and (decile == self._last_decile) and done != total:
            return
        self._last_decile = decile
        elapsed = time.perf_counter() - self.started
        line = f"{self.label}: {done}/{total} ({done * 100 // total}%) {elapsed:.1f}s"
        if self._tty:
            print("\r" + line, end="\n" if done == total else "", file=self.stream, flush=True)
        else:
            print(line, file=self.stream, flush=True)
