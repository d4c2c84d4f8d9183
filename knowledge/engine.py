"""The question-answering engine: ranks sentences, checks confidence, builds an ``Answer``.

A sentence is scored by BM25 on its own terms plus a share of its passage's BM25 score (a fact is
often stated in one sentence while the words a worker uses sit in its neighbours), then boosted
when it carries the kind of fact the question asks for (a date for "when", a number for "how
many" ...). Whether to answer at all is decided by coverage, not by the raw score: see
:mod:`knowledge.confidence`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from knowledge import dates
from knowledge.answer import Answer, AnswerKind, Candidate, TermScore
from knowledge.articles import Article, Source
from knowledge.confidence import Weighed, weigh
from knowledge.curated import CuratedAnswer, CuratedMatcher
from knowledge.decide import Decider
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
from knowledge.query import QuestionReader, Reading, Token
from knowledge.suggest import Suggester, passage_topics
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
    context_clause_weight: float = 0.5
    corrected_weight: float = 0.8


@dataclass(frozen=True)
class Query:
    """A question as the ranking sees it."""

    text: str
    intent: Intent
    terms: list[str]
    noun: str | None      # what a "how many" question counts
    ordinal: bool         # asks 「第几」
    bigrams: list[str]
    weights: list[float]  # per term: context clauses and words read by sound count less
    reading: Reading
    main_text: str        # the clause carrying the question


class Engine:
    """Built once per knowledge folder; ``ask`` is cheap and safe to call from any thread."""

    def __init__(self, articles: Sequence[Article], tokenizer: Tokenizer, settings: EngineSettings = EngineSettings(),
                 curated: Sequence[CuratedAnswer] = (), curated_source: str = "curated",
                 today: Callable[[], dt.date] = dt.date.today):
        self.settings = settings
        self.today = today
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
        self._sentence_vocab = [frozenset(t) for t in self._sentence_terms]
        self.sentences = InvertedBM25(self._sentence_terms, settings.variant, settings.k1, settings.b)
        self.passages = InvertedBM25(passage_terms, settings.variant, settings.k1, settings.b)
        self.bigrams = InvertedBM25([char_bigrams(s.text) for s in self.corpus.sentences] if settings.bigram_weight
                                    else [], settings.variant, settings.k1, settings.b)
        self._passage_of = np.array([s.passage_id for s in self.corpus.sentences], dtype=np.int64)
        self._fits: dict[tuple[Intent, int], bool] = {}
        self.reader = QuestionReader(tokenizer, lambda w: self.sentences.df(w) > 0, self._index_words)
        self.date_facts = [f for s in self.corpus.sentences
                           for f in dates.facts_in(s.id, s.text, self.corpus.article_of(s).source.date)]
        self.decider = Decider(self)
        self.suggestion_pool: tuple[str, ...] = ()
        self._suggester = Suggester([() for _ in self.corpus.passages], ())
        self.suggestion_pool = self._answerable_samples()
        self._suggester = self._build_suggester(passage_terms)

    def passage_vocab(self, passage_id: int) -> frozenset[str]:
        """The index terms a passage uses (for coverage checks)."""
        return self._passage_vocab[passage_id]

    def sentence_vocab(self, sentence_id: int) -> frozenset[str]:
        """The index terms of one sentence, title terms included for anaphoric ones."""
        return self._sentence_vocab[sentence_id]

    def fits(self, intent: Intent, sentence_id: int) -> bool:
        """Does the sentence carry the kind of fact the intent asks for (cached per sentence)?"""
        key = (intent, sentence_id)
        if key not in self._fits:
            self._fits[key] = sentence_fits(intent, self.corpus.sentences[sentence_id].text, self.tokenizer)
        return self._fits[key]

    def _index_words(self) -> list[str]:
        """Words a misheard one may be read as: index terms that are dictionary words (a name
        jieba guessed from one article, 潘淑时, is no target for a worker's typo)."""
        return [t for t in self.sentences.idf if len(t) > 1 and self.tokenizer.frequency(t)]

    def _with_title(self, sentence: Sentence, terms: list[str]) -> list[str]:
        """A sentence whose subject is an anaphor (「本鱼」, 「该计划」, 「其」) also carries its
        article title's terms, since that is who or what it talks about."""
        if self.settings.anaphora and _ANAPHOR.match(sentence.text):
            return terms + self.tokenizer.terms(self.corpus.article_of(sentence).source.title)
        return terms

    # -- ranking -------------------------------------------------------------------------------
    def query_terms(self, tokens: Sequence[Token], text: str) -> tuple[list[str], list[float]]:
        """The coarsest form of each question word that the index knows, with its weight.

        Searching 「鲁班工匠日」 as one known term, not as 鲁班 + 工匠 + 工匠日 + 鲁班工匠日, keeps
        one long name from outweighing the rest of the question; a word the index does not know
        falls back to its known sub-words (「技术人员」 -> 技术, 人员).
        """
        terms: list[str] = []
        weights: list[float] = []
        cues = cue_positions(text)
        synonyms = self.tokenizer.synonyms
        main = tokens[0].clause if tokens else 0
        for token in tokens:
            word = token.word.lower()
            if not self.tokenizer.is_content(word) or (len(word) == 1 and token.start in cues):
                continue  # 多少「个」, 几「届」: measure words, not topics
            canonical = synonyms.get(word)
            weight = 1.0 if token.clause == main else self.settings.context_clause_weight
            if token.typed:
                weight *= self.settings.corrected_weight
            for form in (word, canonical) if canonical and canonical != word else (word,):
                if self.sentences.df(form):
                    chosen = [form]
                else:
                    parts = self.tokenizer.word_terms(form)
                    chosen = [t for t in parts if t != form and self.sentences.df(t)] or [form]
                for t in chosen:
                    if t not in terms:
                        terms.append(t)
                        weights.append(weight)
        return terms, weights

    def _rank(self, query: Query) -> list[tuple[int, float]]:
        terms, weights = query.terms, query.weights
        if not terms or not self.corpus.sentences:
            return []
        scores = self.sentences.scores(terms, weights)
        if query.bigrams and self.bigrams.size:
            scores = scores + self.settings.bigram_weight * self.bigrams.scores(query.bigrams)
        if self.settings.context_weight and self.corpus.passages:
            scores = scores + self.settings.context_weight * self.passages.scores(terms, weights)[self._passage_of]
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

    def _question_bigrams(self, tokens: Sequence[Token], text: str) -> list[str]:
        """Character bigrams of the question's content words (cue words like 哪天 left out)."""
        if not self.settings.bigram_weight:
            return []
        cues = cue_positions(text)
        words: list[str] = []
        previous: Token | None = None
        for t in tokens:
            if cues.intersection(range(t.start, t.end)):
                # a word glued to a cue (本名叫什么 -> 本 / 名叫) keeps its part outside the cue,
                # re-joined with a one-character neighbour when together they make a word (本名)
                kept = "".join(ch for i, ch in zip(range(t.start, t.end), t.word, strict=True) if i not in cues)
                if kept and t.start not in cues and previous is not None and previous.end == t.start \
                        and len(previous.word) == 1 and self.tokenizer.frequency(previous.word + kept):
                    words.append(previous.word + kept)
            elif self.tokenizer.is_content(t.word):
                words.append(t.word)
            previous = t
        return list(dict.fromkeys(b for w in words for b in char_bigrams(w)))

    def _boost(self, query: Query, sentence_id: int) -> float:
        """Reward sentences that carry the asked kind of fact, more when it counts the asked noun
        (「几个特点」 -> 「三大特点」) or gives the asked ordinal (「第几届」 -> 「第八届」)."""
        intent, noun = query.intent, query.noun
        if intent is Intent.NONE or not self.settings.intent_boost:
            return 1.0
        text = self.corpus.sentences[sentence_id].text
        if not self.fits(intent, sentence_id):
            return 1.0
        if noun and any(counts_noun(text, n) for n in self._noun_forms(noun)):
            return 1.0 + 2 * self.settings.intent_boost
        if query.ordinal and has_ordinal(text):
            return 1.0 + 2 * self.settings.intent_boost
        return 1.0 + self.settings.intent_boost

    def _noun_forms(self, noun: str) -> tuple[str, ...]:
        canonical = self.tokenizer.synonyms.get(noun)
        return (noun, canonical) if canonical else (noun,)

    def analyse(self, question: str, reading: Reading | None = None) -> Query:
        """Everything ranking needs to know about a question, worked out once."""
        text = normalize_question(question[: MAX_QUESTION_CHARS * 4])[:MAX_QUESTION_CHARS]
        reading = reading or self.reader.read(text)
        text = reading.text
        tokens = reading.clause_tokens((reading.main, *reading.context))
        main_tokens = [t for t in tokens if t.clause == reading.main]
        main_text = text[main_tokens[0].start:main_tokens[-1].end] if main_tokens else text
        intent = question_intent(main_text)
        if intent is Intent.NONE and reading.context:
            intent = question_intent(text)
        terms, weights = self.query_terms(main_tokens + [t for t in tokens if t.clause != reading.main], text)
        return Query(text=text, intent=intent, terms=terms, weights=weights,
                     noun=counted_noun(text, main_tokens, self.tokenizer) if intent is Intent.HOW_MANY else None,
                     ordinal=asks_ordinal(main_text), bigrams=self._question_bigrams(tokens, text),
                     reading=reading, main_text=main_text)

    def weighed(self, tokens: Sequence[Token], text: str) -> list[Weighed]:
        return weigh(tokens, cue_positions(text), self.tokenizer, self.sentences.df, self.sentences.size)

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
        text = normalize_question(question[: MAX_QUESTION_CHARS * 4])[:MAX_QUESTION_CHARS]
        small_talk = self.tokenizer.small_talk.kind(text)
        if small_talk:
            return Answer(question=text, answered=False, best=None, runners_up=(), confidence=0.0,
                          intent=Intent.NONE.value, terms=(), matched_terms=(), kind=AnswerKind.SMALL_TALK,
                          small_talk=small_talk)
        query = self.analyse(text)
        reading = query.reading
        curated = self.curated.match_words(self.curated.words_of(reading.tokens, reading.text), query.main_text) \
            if self.curated.answers else None
        if curated is not None:
            return self._curated_answer(text, *curated)
        computed = self.decider.countdown(query)
        if computed is not None:
            return computed
        ranked = self._rank(query)
        if not ranked:
            return self._no_answer(query, 0.0)
        chosen = self.decider.best_fitting(query, ranked, self.settings.runner_up_ratio)
        if chosen:
            ranked.insert(0, ranked.pop(chosen))
        best_id, best_score = ranked[0]
        best = self.corpus.sentences[best_id]
        decision = self.decider.decide(query, best_id)
        if decision.kind is not AnswerKind.ANSWER:
            if decision.kind is AnswerKind.PARTIAL:
                related = self._candidate(best, best_score)
                return self._no_answer(query, decision.confidence, partial=(decision, related))
            return self._no_answer(query, decision.confidence)
        runners = [(i, s) for i, s in ranked[1:3] if s >= self.settings.runner_up_ratio * best_score]
        tied = bool(runners) and runners[0][1] >= self.settings.tie_ratio * best_score
        sentence_terms = self.sentence_vocab(best_id)
        terms = query.terms
        matched = tuple(t for t in terms if t in sentence_terms)
        explanation = ()
        if explain:
            explanation = tuple(TermScore(t, self.sentences.idf.get(t, 0.0), self.sentences.term_weight(t, best_id))
                                for t in terms)
        return Answer(
            question=text, answered=True, best=self._candidate(best, best_score),
            runners_up=tuple(self._candidate(self.corpus.sentences[i], s) for i, s in runners),
            confidence=decision.confidence, intent=query.intent.value, terms=tuple(terms), matched_terms=matched,
            tied=tied, explanation=explanation, corrections=reading.corrections,
        )

    def _curated_answer(self, text: str, curated: CuratedAnswer, similarity: float) -> Answer:
        """An organizer's answer wins over the articles when its question matches closely."""
        source = Source(title=curated.question, source=self.curated_source, date=curated.updated[:10])
        best = Candidate(-curated.id, -1, curated.answer, curated.answer, 0, len(curated.answer), similarity, source)
        return Answer(question=text, answered=True, best=best, runners_up=(), confidence=similarity,
                      intent="curated", terms=(), matched_terms=())

    def _no_answer(self, query: Query, confidence: float, partial: tuple | None = None) -> Answer:
        suggestions = self.suggest(query)
        if partial is None:
            return Answer(question=query.text, answered=False, best=None, runners_up=(), confidence=confidence,
                          intent=query.intent.value, terms=tuple(query.terms), matched_terms=(),
                          suggestions=suggestions, corrections=query.reading.corrections)
        decision, related = partial
        return Answer(question=query.text, answered=False, best=None, runners_up=(related,), confidence=confidence,
                      intent=query.intent.value, terms=tuple(query.terms), matched_terms=(),
                      suggestions=suggestions, kind=AnswerKind.PARTIAL, focus=decision.focus, topic=decision.topic,
                      related=related, corrections=query.reading.corrections)

    # -- suggestions ---------------------------------------------------------------------------
    def _answerable_samples(self) -> tuple[str, ...]:
        """Sample questions from the articles' metadata that this index really answers."""
        pool = [q for article in self.corpus.articles for q in article.sample_questions]
        return tuple(q for q in dict.fromkeys(pool) if self.ask(q).answered)

    def _build_suggester(self, passage_terms: list[list[str]]) -> Suggester:
        """Per passage: the sample questions it answers, then the terms only it uses."""
        per_passage: list[list[str]] = [[] for _ in self.corpus.passages]
        for q in self.suggestion_pool:
            answer = self.ask(q)
            if answer.best is not None and answer.best.passage_id >= 0:
                per_passage[answer.best.passage_id].append(q)
        df = {t: self.passages.df(t) for terms in passage_terms for t in terms}
        for pid, topics in enumerate(passage_topics(passage_terms, df)):
            per_passage[pid].extend(topics)
        return Suggester([tuple(p) for p in per_passage], self.suggestion_pool)

    def suggest(self, query: Query, n: int = 3) -> tuple[str, ...]:
        """Questions or topics from the passages nearest the question, then sample questions."""
        scores = self.passages.scores(query.terms, query.weights) if query.terms and self.passages.size else None
        return self._suggester.suggest(scores, query.text, n)
