"""Scale benchmark: 1k, 10k and 100k sentences of CMRC 2018 paragraphs as articles.

Corpora: the unique CMRC 2018 dev paragraphs, cleaned and written as article files (20
paragraphs each) in a temporary knowledge folder, taken in order until the size is reached.
CMRC's dev set holds about 10k sentences, so the 100k corpus is extended synthetically:
paragraphs of four real CMRC sentences drawn at random (seed 13) from the whole set, so the
vocabulary and sentence lengths stay real while sentences repeat about nine times each.

Each measurement runs in its own process (``scale_child.py``), so every peak memory figure is
that process's own ``VmHWM``:
- engine: a ``run.py ask``-like process holding the corpus (settings, jieba's dictionary, the
  knowledge service), ``Engine.ask`` timed on CMRC questions; the first run of each size starts
  with an empty storage folder (first start), the others with the one it left (second start),
  and the parent stamps the time from process start to the first answer;
- jieba alone: the same jieba (with the campaign dictionary) segmenting every title and
  paragraph once, right before and right after the cold build (their mean is the figure, so
  both sides of the ratio are taken in the same minute): the issue's target is an engine
  build of at most 1.5 times this;
- peer: our postings index and bm25s (numba backend) built on the same token lists, top-10
  queries; bm25s compiles on a first query before timing; each query is timed for both in
  turn, three times, and the lowest of each counts.
Medians over the runs (three at 1k and 10k, two at 100k).
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from knowledge.cleaning import clean_article
from knowledge.passages import split_sentences
from knowledge.squad import load_squad
from tests.bench.common import exponent, header, load, percentile
from tests.helpers import project_settings

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("scale_child.py")
SIZES = (1_000, 10_000, 100_000)
RUNS = {1_000: 3, 10_000: 3, 100_000: 2}
PER_ARTICLE = 20


def paragraphs_of(shared: Path) -> tuple[list[str], list[str], list[str]]:
    """(real paragraphs, every real sentence, questions) from CMRC 2018 dev."""
    items = load_squad(shared / "eval" / "cmrc2018_dev.json.gz")
    seen: set[int] = set()
    paragraphs: list[str] = []
    for item in items:
        if item.paragraph not in seen:
            seen.add(item.paragraph)
            paragraphs.extend(clean_article(item.context, title=item.title or "untitled").paragraphs)
    sentences = [p[a:b] for p in paragraphs for a, b in split_sentences(p)]
    return paragraphs, sentences, [item.question for item in items[::20]]


def write_corpus(folder: Path, size: int, paragraphs: list[str], sentences: list[str]) -> tuple[Path, int]:
    """A project folder whose knowledge holds about ``size`` sentences; returns (config, synthetic paragraphs)."""
    rng = random.Random(13)
    chosen, count, synthetic = [], 0, 0
    pool = iter(paragraphs)
    while count < size:
        paragraph = next(pool, None)
        if paragraph is None:
            paragraph = "".join(rng.choice(sentences) for _ in range(4))
            synthetic += 1
        chosen.append(paragraph)
        count += len(split_sentences(paragraph))
    articles = folder / "articles"
    articles.mkdir(parents=True)
    for n in range(0, len(chosen), PER_ARTICLE):
        body = "\n".join(chosen[n:n + PER_ARTICLE])
        (articles / f"cmrc-{n // PER_ARTICLE:05d}.txt").write_text(f"基准文章第{n // PER_ARTICLE}篇\n{body}\n",
                                                                   encoding="utf-8")
    config = folder / "config.yaml"
    config.write_text(yaml.safe_dump(project_settings(), allow_unicode=True), encoding="utf-8")
    return config, synthetic


def child(mode: str, config: Path, questions: Path, repeats: int = 1) -> tuple[dict, float | None]:
    """Run one measured process; returns its JSON and the seconds from its start to its first answer."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(CHILD), mode, "--config", str(config), "--questions",
                                str(questions), "--repeats", str(repeats)], cwd=ROOT, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout is not None
    first = None
    result: dict = {}
    for line in process.stdout:
        if line.startswith("first-answer"):
            first = time.perf_counter() - started
        elif line.startswith("{"):
            result = json.loads(line)
    if process.wait() != 0:
        raise RuntimeError(f"{mode} child failed")
    return result, first


def main(shared: Path) -> dict:
    header("scale: 1k / 10k / 100k sentences (CMRC 2018 paragraphs as articles), each figure from its own process")
    if not (shared / "eval" / "cmrc2018_dev.json.gz").exists():
        print("skipped: ../shared/eval/cmrc2018_dev.json.gz not found")
        return {}
    paragraphs, sentences, questions = paragraphs_of(shared)
    print(f"CMRC 2018 dev: {len(paragraphs)} paragraphs, {len(sentences)} real sentences; "
          f"{len(questions)} CMRC questions asked at each size")
    rows: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        questions_file = Path(tmp) / "questions.json"
        questions_file.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
        for size in SIZES:
            config, synthetic = write_corpus(Path(tmp) / str(size), size, paragraphs, sentences)
            runs, starts, jieba_s = [], [], []
            for run in range(RUNS[size]):
                if run == 0:
                    shutil.rmtree(config.parent / "data", ignore_errors=True)  # first start: nothing stored yet
                    # jieba alone right before and right after the cold build, so the ratio of the two
                    # is taken in the same phase of a machine whose speed drifts within minutes
                    jieba_s += child("jieba", config, questions_file, repeats=1)[0]["seconds"]
                result, first = child("engine", config, questions_file)
                runs.append(result)
                starts.append(first or float("nan"))
                if run == 0:
                    jieba_s += child("jieba", config, questions_file, repeats=1)[0]["seconds"]
            peer, _ = child("peer", config, questions_file)
            asks = [ms for r in runs for ms in r["ask_ms"]]
            first_pass = [ms for r in runs for ms in r["ask_first_pass_ms"]]
            row = {"sentences": runs[0]["sentences"], "synthetic_paragraphs": synthetic,
                   "p50_ms": statistics.median(asks), "p95_ms": percentile(asks, 0.95),
                   "first_pass_p50_ms": statistics.median(first_pass),
                   "first_pass_p95_ms": percentile(first_pass, 0.95),
                   "build_s": runs[0]["build_s"],  # the first start's: nothing cached, as jieba alone
                   "warm_build_s": statistics.median(r["build_s"] for r in runs[1:]),
                   "dictionary_s": statistics.median(r["dictionary_s"] for r in runs),
                   "vm_hwm_mb": statistics.median(r["vm_hwm_mb"] for r in runs),
                   "first_start_s": starts[0], "second_start_s": statistics.median(starts[1:]),
                   "jieba_s": statistics.mean(jieba_s),
                   "ours_p50_ms": statistics.median(peer["ours_ms"]), "ours_p95_ms": percentile(peer["ours_ms"], 0.95),
                   "peer_p50_ms": statistics.median(peer["peer_ms"]), "peer_p95_ms": percentile(peer["peer_ms"], 0.95),
                   "ours_build_s": peer["ours_build_s"], "peer_build_s": peer["peer_build_s"],
                   "top10_overlap": peer["top10_overlap"]}
            rows[size] = row
            print(f"{size:>7}: {row['sentences']} sentences ({synthetic} synthetic paragraphs) | ask p50 "
                  f"{row['p50_ms']:.2f} / p95 {row['p95_ms']:.2f} ms (first pass after start "
                  f"{row['first_pass_p50_ms']:.2f} / {row['first_pass_p95_ms']:.2f} ms) | build {row['build_s']:.2f} s "
                  f"cold, {row['warm_build_s']:.2f} s with the token cache "
                  f"(jieba alone {row['jieba_s']:.2f} s, the mean of a pass right before and right after it: "
                  f"{row['build_s'] / row['jieba_s']:.1f}x) | "
                  f"peak {row['vm_hwm_mb']:.0f} MB | first answer {row['first_start_s']:.1f} s first start, "
                  f"{row['second_start_s']:.1f} s second | BM25 top-10 ours {row['ours_p50_ms']:.3f} / "
                  f"{row['ours_p95_ms']:.3f} ms, bm25s-numba {row['peer_p50_ms']:.3f} / {row['peer_p95_ms']:.3f} ms "
                  f"({row['peer_p50_ms'] / row['ours_p50_ms']:.2f}x ours), index build ours "
                  f"{row['ours_build_s']:.2f} s, bm25s {row['peer_build_s']:.2f} s, top-10 overlap "
                  f"{row['top10_overlap']:.0%}", flush=True)
    table(rows)
    return rows


def table(rows: dict[int, dict]) -> None:
    print(f"\nscale table ({load()}; medians of {'/'.join(str(RUNS[s]) for s in SIZES)} runs):")
    print("| sentences | `Engine.ask` p50 / p95 (first pass) | engine build, cold | jieba alone | build / jieba | "
          "peak memory (VmHWM) | first answer, 1st / 2nd start | BM25 top-10 ours / bm25s-numba (p50) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows.values():
        print(f"| {r['sentences']:,} | {r['p50_ms']:.2f} / {r['p95_ms']:.2f} ms ({r['first_pass_p50_ms']:.2f} / "
              f"{r['first_pass_p95_ms']:.2f}) | {r['build_s']:.2f} s | "
              f"{r['jieba_s']:.2f} s | {r['build_s'] / r['jieba_s']:.2f}x | {r['vm_hwm_mb']:.0f} MB | "
              f"{r['first_start_s']:.1f} / {r['second_start_s']:.1f} s | {r['ours_p50_ms']:.3f} / "
              f"{r['peer_p50_ms']:.3f} ms |")
    sizes = list(rows)
    for small, large in zip(sizes, sizes[1:], strict=False):
        a, b = rows[small], rows[large]
        n_a, n_b = a["sentences"], b["sentences"]
        print(f"growth exponents {n_a:,} -> {n_b:,} sentences (cost ~ n^k): ask p50 "
              f"{exponent(a['p50_ms'], b['p50_ms'], n_a, n_b):.2f}, "
              f"build {exponent(a['build_s'], b['build_s'], n_a, n_b):.2f}, "
              f"peak memory {exponent(a['vm_hwm_mb'], b['vm_hwm_mb'], n_a, n_b):.2f}, our top-10 "
              f"{exponent(a['ours_p50_ms'], b['ours_p50_ms'], n_a, n_b):.2f}, bm25s top-10 "
              f"{exponent(a['peer_p50_ms'], b['peer_p50_ms'], n_a, n_b):.2f}")
