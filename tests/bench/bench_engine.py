"""Engine benchmark on the seed corpus: our engine vs a naive baseline measured in the same run.

Baseline: each raw line of the scraped article a passage, ``jieba.lcut``, ``BM25Okapi`` defaults,
best line returned (it never abstains). Reports dev-set accuracy, query latency, cold start
(process start to first answer, ``run.py ask``) and peak memory.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import jieba
from rank_bm25 import BM25Okapi

from bot.config import load_config
from bot.services.knowledge import KnowledgeService
from knowledge.evaluation import evaluate, load_cases
from tests.bench.common import header, peak_rss_mb, percentile, summary, time_calls

ROOT = Path(__file__).resolve().parents[2]


ROUNDS = 5


def naive(article: Path):
    lines = [line for line in article.read_text(encoding="utf-8").splitlines() if line.strip()]
    model = BM25Okapi([jieba.lcut(line) for line in lines])

    def ask(question: str) -> str:
        scores = model.get_scores(jieba.lcut(question))
        return lines[max(range(len(lines)), key=lambda i: scores[i])]
    return ask


def cold_start(runs: int = 3) -> list[float]:
    times, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c",
                              "import runpy,sys;sys.argv=['run.py','ask','--json','鲁班工匠日是哪天'];"
                              "sys.path.insert(0,'.');\ntry:\n runpy.run_path('run.py',run_name='__main__')\n"
                              "except SystemExit: pass\n"
                              "from tests.bench.common import vm_hwm_mb; print(vm_hwm_mb())"],
                             capture_output=True, text=True, cwd=ROOT, check=True)
        times.append(time.perf_counter() - started)
        lines = out.stdout.strip().splitlines()
        assert json.loads(lines[0])["answered"]
        peaks.append(float(lines[-1]))  # the run.py process's own VmHWM, printed by itself
    return times + [max(peaks)]


def main(shared: Path) -> dict:
    header("engine: seed corpus, ours vs naive (raw lines + jieba.lcut + BM25Okapi)")
    service = KnowledgeService(load_config(ROOT / "config.yaml"))
    dev = shared / "eval" / "dev_questions.yaml"
    dev_cases = load_cases(dev)
    cases = dev_cases + load_cases(ROOT / "tests" / "data" / "extra_questions.yaml")
    report = evaluate(service.engine, cases)
    dev_report = evaluate(service.engine, dev_cases)
    baseline = naive(ROOT / "knowledge" / "articles" / "luban-day-article.txt")
    in_scope = [c for c in cases if c.expect]
    naive_hits = sum(any(e in baseline(c.question) for e in c.expect) for c in in_scope)
    dev_in = [c for c in dev_cases if c.expect]
    naive_dev = sum(any(e in baseline(c.question) for e in c.expect) for c in dev_in)
    print(f"dev set: ours {dev_report.sentence_hits}/{len(dev_in)} answered at sentence level, "
          f"{dev_report.abstained}/{dev_report.out_of_scope} abstained; naive {naive_dev}/{len(dev_in)}, "
          f"0/{dev_report.out_of_scope} abstained")
    # five rounds, ours then the naive baseline in each, so both see the same moments of this
    # machine's load; the figure is the median of the rounds' medians, with their range
    questions = [c.question for c in cases]
    ours_rounds, naive_rounds = [], []
    for _ in range(ROUNDS):
        ours_rounds.append(time_calls(service.ask, questions))
        naive_rounds.append(time_calls(baseline, questions))
    ours_ms = [ms for r in ours_rounds for ms in r]
    naive_ms = [ms for r in naive_rounds for ms in r]
    ours_medians = [statistics.median(r) for r in ours_rounds]
    naive_medians = [statistics.median(r) for r in naive_rounds]
    ratios = [o / n for o, n in zip(ours_medians, naive_medians, strict=True)]
    *cold, peak = cold_start()
    print(f"questions: {len(in_scope)} in scope, {len(cases) - len(in_scope)} off-topic (dev set + tests/data)")
    print(f"sentence accuracy: ours {report.sentence_accuracy:.1%}, naive {naive_hits / len(in_scope):.1%} "
          f"(naive returns a whole raw line, never abstains)")
    print(f"correct abstentions: ours {report.abstention_accuracy:.1%}, naive 0.0%")
    print(f"query latency: ours {summary(ours_ms)}; naive {summary(naive_ms)}; "
          f"ratio of medians {statistics.median(ours_ms) / statistics.median(naive_ms):.2f}x")
    print(f"  per round ({ROUNDS} rounds of {len(questions)} questions): ours median of medians "
          f"{statistics.median(ours_medians):.3f} ms (rounds {min(ours_medians):.3f}-{max(ours_medians):.3f}), "
          f"naive {statistics.median(naive_medians):.3f} ms; ratio per round "
          f"{min(ratios):.2f}-{max(ratios):.2f}x, median {statistics.median(ratios):.2f}x")
    print(f"cold start (process start to first answer): median {statistics.median(cold):.2f} s; "
          f"peak memory of the run.py ask process (its own VmHWM) {peak:.0f} MB")
    return {"accuracy": report.sentence_accuracy, "naive_accuracy": naive_hits / len(in_scope),
            "p50_ms": statistics.median(ours_ms), "p95_ms": percentile(ours_ms, 0.95),
            "p50_median_of_rounds_ms": statistics.median(ours_medians), "ratio_per_round": statistics.median(ratios),
            "naive_p50_ms": statistics.median(naive_ms), "cold_start_s": statistics.median(cold),
            "peak_mb": peak, "bench_peak_mb": peak_rss_mb()}
