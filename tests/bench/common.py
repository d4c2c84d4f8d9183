"""Helpers shared by the benchmarks: timing statistics, memory readings, table output.

Peak memory is always the measured process's own ``VmHWM`` (/proc/self/status), printed by that
process: ``ru_maxrss`` of a child reports the parent's peak when the child was forked from it.
"""

from __future__ import annotations

import math
import os
import resource
import statistics
import time
from collections.abc import Callable, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * (len(ordered) - 1) + 0.5), len(ordered) - 1)] if ordered else 0.0


def time_calls(fn: Callable[[object], object], inputs: Sequence[object], repeat: int = 1) -> list[float]:
    """Milliseconds per call."""
    out = []
    for _ in range(repeat):
        for item in inputs:
            started = time.perf_counter()
            fn(item)
            out.append((time.perf_counter() - started) * 1000)
    return out


def summary(ms: Sequence[float]) -> str:
    return f"median {statistics.median(ms):.3f} ms, p95 {percentile(ms, 0.95):.3f} ms"


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def vm_hwm_mb() -> float:
    """This process's peak resident memory (its own high-water mark, not a parent's)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmHWM not found in /proc/self/status")


def peak_rss_mb() -> float:
    return vm_hwm_mb()


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} CPUs"


def exponent(small: float, large: float, n_small: float, n_large: float) -> float:
    """Growth exponent between two sizes: cost ~ n^k."""
    return math.log(large / small) / math.log(n_large / n_small) if small > 0 and large > 0 else float("nan")


def header(title: str) -> None:
    print(f"\n== {title} ==  [{load()}]", flush=True)
