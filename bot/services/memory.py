"""Hand memory the process no longer uses back to the operating system.

Building an index allocates and frees a great deal (token lists, postings being sorted); glibc keeps
the freed heap for reuse, so a process that built a 100k-sentence index holds ~130 MB it will not
need again (measured: resident 362 MB after a cold build, 229 MB after this). ``malloc_trim``
returns it. Elsewhere than glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Callable


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS)
        return None
    return trim


def release_free_memory() -> None:
    """Collect garbage (a swapped-out engine's cycles), then return free heap pages to the OS."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
