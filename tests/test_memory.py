"""Freed heap goes back to the operating system after a build (bot/services/memory.py)."""

from __future__ import annotations

import ctypes.util
from pathlib import Path

import pytest

from bot.services.memory import release_free_memory


def _resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.skipif(not Path("/proc/self/status").exists() or not ctypes.util.find_library("c"),
                    reason="needs Linux with a C library")
def test_freed_holes_in_the_heap_are_returned():
    # an index build leaves the heap like this: most blocks freed, a few kept between them, so
    # glibc cannot shrink the heap's top and keeps the holes unless asked to trim
    blocks = [bytearray(1500) for _ in range(60_000)]  # ~90 MB, each from malloc (not Python's arenas)
    kept = blocks[::8]
    del blocks
    before = _resident_mb()
    release_free_memory()
    after = _resident_mb()
    assert before - after > 30, (before, after)
    assert len(kept) == 7500
