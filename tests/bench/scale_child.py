"""One measured process of the scale benchmark (``bench_scale`` starts it; it prints one JSON line).

``engine``: what ``run.py ask`` does, holding the corpus: the settings, jieba's dictionary, the
knowledge service; then ``Engine.ask`` timed on every question. Prints ``first-answer`` the
moment the first answer is ready (the parent stamps the time to first answer) and, at the end,
this process's own peak memory (``VmHWM``).
``jieba``: jieba alone (the tokenizer's dictionary, plain segmentation) over the corpus once.
``peer``: our BM25 index and bm25s (numba backend) built on the same tokens, top-10 queries (each
timed for both in turn, three times; the lowest of each counts).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.common import vm_hwm_mb  # noqa: E402


def engine(config_path: Path, questions: list[str]) -> dict:
    from bot.config import load_config
    from bot.services.knowledge import KnowledgeService
    from knowledge.tokenizer import Tokenizer

    config = load_config(config_path)
    started = time.perf_counter()
    tokenizer = Tokenizer()
    dictionary_s = time.perf_counter() - started
    started = time.perf_counter()
    service = KnowledgeService(config, tokenizer)
    build_s = time.perf_counter() - started
    passes: list[list[float]] = []
    for _ in range(2):  # the first pass pays one-time costs (the sound index, per-sentence caches)
        ms = []
        for question in questions:
            t = time.perf_counter()
            service.engine.ask(question)
            ms.append((time.perf_counter() - t) * 1000)
            if not passes and len(ms) == 1:
                print("first-answer", flush=True)
        passes.append(ms)
    return {"sentences": len(service.engine.corpus.sentences), "dictionary_s": dictionary_s, "build_s": build_s,
            "ask_first_pass_ms": passes[0], "ask_ms": passes[1], "vm_hwm_mb": vm_hwm_mb()}


def jieba_alone(config_path: Path, repeats: int) -> dict:
    from bot.config import load_config
    from knowledge.articles import load_folder
    from knowledge.tokenizer import Tokenizer

    config = load_config(config_path)
    texts = [t for a in load_folder(config.knowledge.articles) for t in (a.source.title, *a.paragraphs)]
    tokenizer = Tokenizer()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        for text in texts:
            tokenizer.words(text)
        times.append(time.perf_counter() - started)
    return {"seconds": times, "characters": sum(map(len, texts))}


PEER_REPEATS = 3


def peer(config_path: Path, questions: list[str]) -> dict:
    """The same token lists for both: our tokenizer's index terms of every sentence and question."""
    import bm25s
    import numpy as np

    from bot.config import load_config
    from knowledge.articles import load_folder
    from knowledge.index import InvertedBM25
    from knowledge.passages import split_sentences
    from knowledge.tokenizer import Tokenizer

    config = load_config(config_path)
    tokenizer = Tokenizer()
    corpus = [tokenizer.terms(p[a:b]) or ["空"] for art in load_folder(config.knowledge.articles)
              for p in art.paragraphs for a, b in split_sentences(p)]
    queries = [q for q in (tokenizer.terms(text) for text in questions) if q]
    s = config.engine
    started = time.perf_counter()
    ours = InvertedBM25(corpus, s.variant, s.k1, s.b)
    ours_build = time.perf_counter() - started
    started = time.perf_counter()
    peer_index = bm25s.BM25(k1=s.k1, b=s.b, method="robertson", backend="numba")
    peer_index.index(corpus, show_progress=False)
    peer_build = time.perf_counter() - started
    peer_index.retrieve([queries[0]], k=10, show_progress=False, n_threads=1)  # numba compiles here

    def ours_top10(q: list[str]) -> set[int]:
        return {hit.doc_id for hit in ours.top(q, 10)}

    def peer_top10(q: list[str]) -> set[int]:
        return set(np.asarray(peer_index.retrieve([q], k=10, show_progress=False, n_threads=1)[0][0]).tolist())

    # per query, ours and the peer alternately, three times each, the lowest of each: both see the
    # same moments of this machine's load, which swings by up to 2x within minutes
    ours_ms, peer_ms, ours_top, peer_top = [], [], [], []
    for q in queries:
        times: dict[str, list[float]] = {"ours": [], "peer": []}
        for _ in range(PEER_REPEATS):
            for name, fn in (("ours", ours_top10), ("peer", peer_top10)):
                t = time.perf_counter()
                fn(q)
                times[name].append((time.perf_counter() - t) * 1000)
        ours_top.append(ours_top10(q))
        peer_top.append(peer_top10(q))
        ours_ms.append(min(times["ours"]))
        peer_ms.append(min(times["peer"]))
    overlap = sum(len(a & b) for a, b in zip(ours_top, peer_top, strict=True)) / max(
        1, sum(len(a) for a in ours_top))
    return {"sentences": len(corpus), "queries": len(queries), "ours_build_s": ours_build,
            "peer_build_s": peer_build, "ours_ms": ours_ms, "peer_ms": peer_ms, "top10_overlap": overlap}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["engine", "jieba", "peer"])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    questions = json.loads(args.questions.read_text(encoding="utf-8"))
    if args.mode == "engine":
        result = engine(args.config, questions)
    elif args.mode == "jieba":
        result = jieba_alone(args.config, args.repeats)
    else:
        result = peer(args.config, questions)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
