"""Helpers shared by the benchmarks: timing statistics, memory readings, table output."""

from __future__ import annotations

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


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def header(title: str) -> None:
    print(f"\n== {title} ==", flush=True)
