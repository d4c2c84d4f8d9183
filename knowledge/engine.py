"""The question-answering engine: ranks sentences, checks confidence, builds an ``Answer``.

A sentence is scored by BM25 on its own terms plus a share of its passage's BM25 score (a fact is
often stated in one sentence while the words a worker uses sit in its neighbours), then boosted
when it carries the kind of fact the question asks for (a date for "when", a number for "how
many" ...). Whether to answer at all is decided by coverage, not by the raw score: see
:mod:`knowledge.confidence`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.answer import Answer, Candidate, TermScore
from knowledge.articles import Article, Source
from knowledge.confidence import coverage
from knowledge.curated import CuratedAnswer, CuratedMatcher
from knowledge.index import InvertedBM25
from knowledge.intent import (
    Intent,
    asks_ordinal,
    counted_noun,
    counts_noun,
    cue_positions,
    has_ordinal,
    question_intent,
    sentence_fits,
)
from knowledge.normalize import normalize_question
from knowledge.passages import Corpus, Sentence
from knowledge.sentence_keys import SentenceKeys
from knowledge.tokenizer import Tokenizer, char_bigrams

MAX_QUESTION_CHARS = 500
_ANAPHOR = re.compile(r"(?:本|该|此|其|它|他|她|这|那)(?!些年|时|后|前|外|中|次|项|里)")


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


@dataclass(frozen=True)
class Query:
    """A question as the ranking sees it."""

    text: str
    intent: Intent
    terms: list[str]
    noun: str | None      # what a "how many" question counts
    ordinal: bool         # asks 「第几」
    bigrams: list[str]


class Engine:
    """Built once per knowledge folder; ``ask`` is cheap and safe to call from any thread."""

    def __init__(self, articles: Sequence[Article], tokenizer: Tokenizer, settings: EngineSettings = EngineSettings(),
                 curated: Sequence[CuratedAnswer] = (), curated_source: str = "curated"):
        self.settings = settings
        self.tokenizer = tokenizer
        self.curated = CuratedMatcher(list(curated), tokenizer)
        self.curated_source = curated_source
        self.corpus = Corpus.build(articles)
        plain_terms = [tokenizer.terms(s.text) for s in self.corpus.sentences]
        self._sentence_terms = [self._with_title(s, t) for s, t in zip(self.corpus.sentences, plain_terms, strict=True)]
        passage_terms: list[list[str]] = [[] for _ in self.corpus.passages]
        for sentence, terms in zip(self.corpus.sentences, plain_terms, strict=True):
            passage_terms[sentence.passage_id].extend(terms)  # a passage's terms are its sentences' terms
        self._passage_vocab = [frozenset(t) for t in passage_terms]
        self.sentences = InvertedBM25(self._sentence_terms, settings.variant, settings.k1, settings.b)
        self.passages = InvertedBM25(passage_terms, settings.variant, settings.k1, settings.b)
        self.bigrams = InvertedBM25([char_bigrams(s.text) for s in self.corpus.sentences] if settings.bigram_weight
                                    else [], settings.variant, settings.k1, settings.b)
        self._passage_of = np.array([s.passage_id for s in self.corpus.sentences], dtype=np.int64)
        self._fits: dict[tuple[Intent, int], bool] = {}
        self.suggestion_pool: tuple[str, ...] = ()
        self.suggestion_pool = self._answerable_samples()

    def _with_title(self, sentence: Sentence, terms: list[str]) -> list[str]:
        """A sentence whose subject is an anaphor (「本鱼」, 「该计划」, 「其」) also carries its
        article title's terms, since that is who or what it talks about."""
        if self.settings.anaphora and _ANAPHOR.match(sentence.text):
            return terms + self.tokenizer.terms(self.corpus.article_of(sentence).source.title)
        return terms

    # -- ranking -------------------------------------------------------------------------------
    def query_terms(self, question: str) -> list[str]:
        """The coarsest form of each question word that the index knows.

        Searching 「鲁班工匠日」 as one known term, not as 鲁班 + 工匠 + 工匠日 + 鲁班工匠日, keeps
        one long name from outweighing the rest of the question; a word the index does not know
        falls back to its known sub-words (「技术人员」 -> 技术, 人员).
        """
        terms: list[str] = []
        cues = cue_positions(normalize_question(question))
        grammatical = {w for w, start, end in self.tokenizer.spans(normalize_question(question))
                       if len(w) == 1 and start in cues}  # 多少「个」, 几「届」: measure words, not topics
        for forms in self.tokenizer.query_words(question):
            if forms[0] in grammatical:
                continue
            for form in forms:
                if self.sentences.df(form):
                    chosen = [form]
                else:
                    chosen = [t for t in self.tokenizer.terms(form) if t != form and self.sentences.df(t)] or [form]
                terms.extend(t for t in chosen if t not in terms)
        return terms

    def _rank(self, query: Query) -> list[tuple[int, float]]:
        terms = query.terms
        if not terms or not self.corpus.sentences:
            return []
        scores = self.sentences.scores(terms)
        if query.bigrams and self.bigrams.size:
            scores = scores + self.settings.bigram_weight * self.bigrams.scores(query.bigrams)
        if self.settings.context_weight and self.corpus.passages:
            scores = scores + self.settings.context_weight * self.passages.scores(terms)[self._passage_of]
        ids = np.flatnonzero(np.isin(self._passage_of, self.passages.matching(terms)))
        if not len(ids):
            return []
        depth = min(self.settings.rerank_depth, len(ids))
        if len(ids) > depth:
            ids = ids[np.argpartition(-scores[ids], depth - 1)[:depth]]
        top = ids[np.argsort(-scores[ids], kind="stable")]
        ranked = [(int(i), float(scores[i]) * self._boost(query, int(i))) for i in top]
        ranked.sort(key=lambda pair: -pair[1])
        return self._prefer_recent(ranked)

    def _prefer_recent(self, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Among near-tied sentences the newest source goes first: a later announcement updates
        what an older article said (a changed venue, a new date)."""
        if len(ranked) < 2:
            return ranked
        best = ranked[0][1]
        floor = best - (1 - self.settings.recency_ratio) * abs(best)  # Okapi scores can be negative
        close = [pair for pair in ranked if pair[1] >= floor]
        newest = max(close, key=lambda pair: self._date_of(pair[0]))
        if self._date_of(newest[0]) > self._date_of(ranked[0][0]):
            ranked.remove(newest)
            ranked.insert(0, newest)
        return ranked

    def _date_of(self, sentence_id: int) -> str:
        return self.corpus.article_of(self.corpus.sentences[sentence_id]).source.date

    def _question_bigrams(self, text: str) -> list[str]:
        """Character bigrams of the question's content words (cue words like 哪天 left out)."""
        if not self.settings.bigram_weight:
            return []
        cues = cue_positions(text)
        kept = "".join(ch if i not in cues else " " for i, ch in enumerate(text))
        words = [w for w, _, _ in self.tokenizer.spans(kept) if self.tokenizer.is_content(w)]
        return list(dict.fromkeys(b for w in words for b in char_bigrams(w)))

    def _boost(self, query: Query, sentence_id: int) -> float:
        """Reward sentences that carry the asked kind of fact, more when it counts the asked noun
        (「几个特点」 -> 「三大特点」) or gives the asked ordinal (「第几届」 -> 「第八届」)."""
        intent, noun = query.intent, query.noun
        if intent is Intent.NONE or not self.settings.intent_boost:
            return 1.0
        key = (intent, sentence_id)
        text = self.corpus.sentences[sentence_id].text
        if key not in self._fits:
            self._fits[key] = sentence_fits(intent, text, self.tokenizer)
        if not self._fits[key]:
            return 1.0
        if noun and any(counts_noun(text, n) for n in self._noun_forms(noun)):
            return 1.0 + 2 * self.settings.intent_boost
        if query.ordinal and has_ordinal(text):
            return 1.0 + 2 * self.settings.intent_boost
        return 1.0 + self.settings.intent_boost

    def _noun_forms(self, noun: str) -> tuple[str, ...]:
        canonical = self.tokenizer.synonyms.get(noun)
        return (noun, canonical) if canonical else (noun,)

    def analyse(self, question: str) -> Query:
        """Everything ranking needs to know about a question, worked out once."""
        text = normalize_question(question[: MAX_QUESTION_CHARS * 4])[:MAX_QUESTION_CHARS]
        intent = question_intent(text)
        return Query(text=text, intent=intent, terms=self.query_terms(text),
                     noun=counted_noun(text, self.tokenizer) if intent is Intent.HOW_MANY else None,
                     ordinal=asks_ordinal(text), bigrams=self._question_bigrams(text))

    def search(self, question: str, k: int = 10) -> list[Candidate]:
        """Ranked sentences for a question, without the answer/abstain decision (for evaluation)."""
        ranked = self._rank(self.analyse(question))[:k]
        return [self._candidate(self.corpus.sentences[i], s) for i, s in ranked]

    def candidate(self, sentence_id: int, score: float = 0.0) -> Candidate | None:
        """A sentence by id (e.g. a runner-up offered earlier); None if the id is not in this index."""
        if not 0 <= sentence_id < len(self.corpus.sentences):
            return None
        return self._candidate(self.corpus.sentences[sentence_id], score)

    def answer_from(self, question: str, candidate: Candidate) -> Answer:
        """An answer that shows a chosen candidate, e.g. when the worker picks the runner-up."""
        return Answer(question=question, answered=True, best=candidate, runners_up=(), confidence=1.0,
                      intent=Intent.NONE.value, terms=(), matched_terms=())

    def _candidate(self, sentence: Sentence, score: float) -> Candidate:
        passage = self.corpus.passages[sentence.passage_id]
        return Candidate(sentence.id, passage.id, sentence.text, passage.text, sentence.start, sentence.end,
                         score, self.corpus.article_of(sentence).source)

    # -- answering -----------------------------------------------------------------------------
    def ask(self, question: str, *, explain: bool = False) -> Answer:
        """Answer one question; never raises on odd input (empty, emoji, huge, control chars)."""
        query = self.analyse(question)
        text, intent, terms = query.text, query.intent, query.terms
        curated = self.curated.match(text)
        if curated is not None:
            return self._curated_answer(text, *curated)
        ranked = self._rank(query)
        if not ranked:
            return self._no_answer(text, intent, terms, 0.0)
        best_id, best_score = ranked[0]
        best = self.corpus.sentences[best_id]
        confidence = coverage(self, text, best.passage_id)
        if confidence < self.settings.min_confidence:
            return self._no_answer(text, intent, terms, confidence)
        runners = [(i, s) for i, s in ranked[1:3] if s >= self.settings.runner_up_ratio * best_score]
        tied = bool(runners) and runners[0][1] >= self.settings.tie_ratio * best_score
        sentence_terms = set(self._sentence_terms[best_id])
        matched = tuple(t for t in terms if t in sentence_terms)
        explanation = ()
        if explain:
            explanation = tuple(TermScore(t, self.sentences.idf.get(t, 0.0), self.sentences.term_weight(t, best_id))
                                for t in terms)
        return Answer(
            question=text, answered=True, best=self._candidate(best, best_score),
            runners_up=tuple(self._candidate(self.corpus.sentences[i], s) for i, s in runners),
            confidence=confidence, intent=intent.value, terms=tuple(terms), matched_terms=matched,
            tied=tied, explanation=explanation,
        )

    def _curated_answer(self, text: str, curated: CuratedAnswer, similarity: float) -> Answer:
        """An organizer's answer wins over the articles when its question matches closely."""
        source = Source(title=curated.question, source=self.curated_source, date=curated.updated[:10])
        best = Candidate(-curated.id, -1, curated.answer, curated.answer, 0, len(curated.answer), similarity, source)
        return Answer(question=text, answered=True, best=best, runners_up=(), confidence=similarity,
                      intent="curated", terms=(), matched_terms=())

    def _no_answer(self, text: str, intent: Intent, terms: list[str], confidence: float) -> Answer:
        return Answer(question=text, answered=False, best=None, runners_up=(), confidence=confidence,
                      intent=intent.value, terms=tuple(terms), matched_terms=(),
                      suggestions=self.suggest(terms))

    # -- suggestions ---------------------------------------------------------------------------
    def _answerable_samples(self) -> tuple[str, ...]:
        """Sample questions from the articles' metadata that this index really answers."""
        pool = [q for article in self.corpus.articles for q in article.sample_questions]
        return tuple(q for q in dict.fromkeys(pool) if self.ask(q).answered)

    def suggest(self, terms: Sequence[str], n: int = 3) -> tuple[str, ...]:
        """Sample questions, the ones sharing words with the question first."""
        wanted = set(terms)
        ranked = sorted(self.suggestion_pool, key=lambda q: -len(wanted & set(self.query_terms(q))))
        return tuple(ranked[:n])

    # -- stable ids (buttons and log rows keep these across reloads) -----------------------------
    @functools.cached_property
    def keys(self) -> SentenceKeys:
        return SentenceKeys(self.corpus)

    def sentence_key(self, sentence_id: int) -> str:
        """The stable id of a sentence (or ``curated-<id>`` for a curated answer)."""
        return self.keys.key(sentence_id)

    def candidate_by_key(self, key: str, score: float = 0.0) -> Candidate | None:
        """A sentence by its stable id; None when this index no longer has it."""
        position = self.keys.position(key)
        return self.candidate(position, score) if position is not None else None
