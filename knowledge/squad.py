"""Sentence-retrieval evaluation on a SQuAD-format set such as CMRC 2018.

Each paragraph becomes one article, cleaned and indexed on its own by the same engine the bot
uses; each question is asked against its own article. A hit is a returned key sentence that
contains the gold answer: ``top1`` scores the engine's ranked key sentence, ``answered_top1``
also counts the engine's abstentions as misses (every CMRC question is in scope, so abstention is
measured on the campaign question sets instead). The naive baseline (raw sentences,
``jieba.lcut``, ``BM25Okapi`` defaults) is measured in the same run so the ratio is honest.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jieba
from rank_bm25 import BM25Okapi

from knowledge.articles import Article, Source
from knowledge.cleaning import clean_article
from knowledge.engine import Engine, EngineSettings
from knowledge.normalize import clean_line
from knowledge.tokenizer import Tokenizer

_RAW_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")


@dataclass(frozen=True)
class SquadItem:
    paragraph: int
    title: str
    context: str
    question: str
    answers: tuple[str, ...]


def load_squad(path: Path) -> list[SquadItem]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    items: list[SquadItem] = []
    paragraph = 0
    for doc in data["data"]:
        for para in doc["paragraphs"]:
            for qa in para["qas"]:
                answers = tuple(a["text"] for a in qa.get("answers", []) if a.get("text"))
                if answers:
                    items.append(SquadItem(paragraph, doc.get("title", ""), para["context"], qa["question"], answers))
            paragraph += 1
    return items


def _baseline_rank(context: str, question: str) -> list[str]:
    sentences = [s for s in _RAW_SENTENCE.findall(context) if s.strip()]
    if not sentences:
        return []
    model = BM25Okapi([jieba.lcut(s) for s in sentences])
    scores = model.get_scores(jieba.lcut(question))
    return [sentences[i] for i in sorted(range(len(sentences)), key=lambda i: -scores[i])]


def _rank_of(sentences: list[str], answers: tuple[str, ...]) -> int | None:
    for rank, sentence in enumerate(sentences, 1):
        if any(a in sentence for a in answers):
            return rank
    return None


def evaluate_squad(items: list[SquadItem], settings: EngineSettings, tokenizer: Tokenizer,
                   progress: Callable[[int, int], None] | None = None) -> dict[str, float]:
    engines: dict[int, Engine] = {}
    top1 = top3 = baseline_top1 = answered = answered_top1 = 0
    rr = 0.0
    latencies: list[float] = []
    for n, item in enumerate(items, 1):
        engine = engines.get(item.paragraph)
        if engine is None:
            clean = clean_article(item.context, title=item.title or "untitled")
            article = Article(f"p{item.paragraph}", Source(clean.title), clean.paragraphs)
            engine = engines[item.paragraph] = Engine([article], tokenizer, settings)
        answers = tuple(clean_line(a) for a in item.answers)
        started = time.perf_counter()
        answer = engine.ask(item.question)
        latencies.append((time.perf_counter() - started) * 1000)
        answered += answer.answered
        answered_top1 += bool(answer.best and any(a in answer.best.sentence for a in answers))
        rank = _rank_of([c.sentence for c in engine.search(item.question, k=10)], answers)
        if rank:
            top1 += rank == 1
            top3 += rank <= 3
            rr += 1 / rank
        baseline_top1 += _rank_of(_baseline_rank(item.context, item.question)[:1], item.answers) == 1
        if progress:
            progress(n, len(items))
    total = max(len(items), 1)
    latencies.sort()
    return {
        "questions": len(items),
        "top1": round(top1 / total, 4),
        "top3": round(top3 / total, 4),
        "mrr": round(rr / total, 4),
        "answered": round(answered / total, 4),
        "answered_top1": round(answered_top1 / total, 4),
        "baseline_top1": round(baseline_top1 / total, 4),
        "ratio": round(top1 / baseline_top1, 3) if baseline_top1 else 0.0,
        "p50_ms": round(statistics.median(latencies), 3) if latencies else 0.0,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else 0.0,
    }
