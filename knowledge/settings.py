"""Ranking parameters, shared by the engine, the ranking and the answer decision."""

from __future__ import annotations

from dataclasses import dataclass

MAX_QUESTION_CHARS = 500


@dataclass(frozen=True)
class EngineSettings:
    """Ranking parameters; the defaults were chosen on measured evidence (see README)."""

    variant: str = "okapi"
    k1: float = 1.2
    b: float = 0.5
    context_weight: float = 0.3
    bigram_weight: float = 0.3
    anaphora: bool = True
    intent_boost: float = 0.5
    min_confidence: float = 0.37
    tie_ratio: float = 0.9
    recency_ratio: float = 0.9
    runner_up_ratio: float = 0.5
    rerank_depth: int = 10
    context_clause_weight: float = 0.5
    corrected_weight: float = 0.8
    # In a large corpus, a term in more than this share of passages (年, 日, a year) does not make
    # candidates when the question has a rarer term; it still scores the candidates it is in.
    common_term_share: float = 0.05
    common_term_min_passages: int = 1000


DEFAULT_SETTINGS = EngineSettings()
