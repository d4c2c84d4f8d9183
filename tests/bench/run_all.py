"""``make bench``: every benchmark in one run, each against a baseline measured in the same run."""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench import bench_bot, bench_engine, bench_scale  # noqa: E402
from tests.bench.common import load  # noqa: E402

BENCHMARKS = ["engine", "scale", "bot", "reload", "broadcast", "groups", "paid"]


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks (engine, scale, bot load, broadcast).")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    parser.add_argument("--only", choices=BENCHMARKS, help="run one benchmark")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"{sys.executable}, {load()}", flush=True)
    if args.only is None:  # each benchmark in its own process, so memory figures are its own
        for name in BENCHMARKS:
            subprocess.run([sys.executable, __file__, "--shared", str(args.shared), "--only", name], check=True)
        print(f"\nall benchmarks done in {time.perf_counter() - started:.0f} s [{load()}]")
        return 0
    if args.only in (None, "engine"):
        bench_engine.main(args.shared)
    if args.only in (None, "scale"):
        bench_scale.main(args.shared)
    if args.only in (None, "bot"):
        asyncio.run(bench_bot.load(ROOT))
    if args.only in (None, "reload"):
        asyncio.run(bench_bot.reload(ROOT, args.shared))
    if args.only in (None, "broadcast"):
        asyncio.run(bench_bot.broadcast(ROOT))
    if args.only in (None, "groups"):
        asyncio.run(bench_bot.groups(ROOT))
    if args.only in (None, "paid"):
        asyncio.run(bench_bot.paid_broadcast(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
