"""MaxScore's deferral of common terms' long postings, on and off, in one process at one corpus size.

The knowledge service is built as ``make bench`` builds it (CMRC 2018 dev paragraphs as articles,
extended synthetically past their ~10.5k sentences); every fifth CMRC dev question is read once,
then ranked with the deferral and without it, alternating per question, each timed seven times
(the lowest counts: this machine's speed swings by up to 2x within minutes, and alternating lets
both see the same moments). Then every CMRC dev question is ranked both ways to check that the
top sentences are the same.

usage: tests/bench/deferral_ab.py [SIZE] [--folder DIR] [--shared DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_scale import paragraphs_of, write_corpus  # noqa: E402
from tests.bench.common import percentile  # noqa: E402

TIMES = 7


def main() -> None:
    parser = argparse.ArgumentParser(prog="tests/bench/deferral_ab.py",
                                     description="Time ranking with and without deferring common terms' long "
                                                 "postings (MaxScore), and check they rank alike.")
    parser.add_argument("size", nargs="?", type=int, default=100_000, help="sentences (default 100000)")
    parser.add_argument("--folder", type=Path, help="build the corpus there and keep it (default: a temporary one)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    args = parser.parse_args()
    if args.size <= 0:
        parser.error(f"size must be a positive sentence count, not {args.size}")
    if args.folder is not None:
        run(args.folder, args.size, args.shared)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(Path(tmp), args.size, args.shared)


def run(folder: Path, size: int, shared: Path) -> None:
    from bot.config import load_config
    from bot.services.knowledge import KnowledgeService
    from knowledge.squad import load_squad
    from knowledge.tokenizer import Tokenizer

    paragraphs, sentences, questions = paragraphs_of(shared)
    config = folder / "config.yaml"
    if not config.exists():
        write_corpus(folder, size, paragraphs, sentences)
    engine = KnowledgeService(load_config(config), Tokenizer()).engine
    ranker = engine.ranker
    deferring = ranker._deferred
    queries = [engine.analyse(q) for q in questions]
    on, off = [], []
    for query in queries:
        times_on, times_off = [], []
        for _ in range(TIMES):
            ranker._deferred = deferring  # type: ignore[method-assign]
            started = time.perf_counter()
            ranker.rank(query)
            times_on.append(time.perf_counter() - started)
            ranker._deferred = _never  # type: ignore[method-assign]
            started = time.perf_counter()
            ranker.rank(query)
            times_off.append(time.perf_counter() - started)
        on.append(min(times_on) * 1000)
        off.append(min(times_off) * 1000)
    print(f"{len(engine.corpus.sentences):,} sentences, {len(queries)} questions, lowest of {TIMES} each "
          f"[load average {' / '.join(open('/proc/loadavg').read().split()[:3])}]")
    for name, ms in (("deferred", on), ("read whole", off)):
        print(f"rank {name:>10}: p50 {statistics.median(ms):.3f} ms, p95 {percentile(ms, 0.95):.3f} ms, "
              f"max {max(ms):.3f} ms, sum {sum(ms):.1f} ms")
    every = [item.question for item in load_squad(shared / "eval" / "cmrc2018_dev.json.gz")]
    analysed = [engine.analyse(q) for q in every]
    ranker._deferred = _never  # type: ignore[method-assign]
    full = [ranker.rank(q) for q in analysed]
    ranker._deferred = deferring  # type: ignore[method-assign]
    texts = engine.corpus.sentences
    order = tie = 0
    for query, reference in zip(analysed, full, strict=True):
        ranked = ranker.rank(query)
        if [texts[i].text for i, _ in ranked] != [texts[i].text for i, _ in reference]:
            order += 1
            # the same scores (to 1e-9) at every place: only sentences with equal scores swapped, or
            # another of several equal-scored sentences took the last place
            tie += [round(s, 9) for _, s in ranked] == [round(s, 9) for _, s in reference]
    print(f"top-{engine.settings.rerank_depth} lists of all {len(every):,} CMRC questions: {order} differ in "
          f"their sentences' order, {tie} of them only by sentences with equal scores")


def _never(*_parts: object) -> None:
    return None


if __name__ == "__main__":
    main()
