"""The question-answering engine: reads a question once, ranks sentences, decides, builds an ``Answer``.

Reading is :mod:`knowledge.query`, ranking :mod:`knowledge.ranking`, the answer-or-not decision
(coverage, focus, partial knowledge, countdowns) :mod:`knowledge.decide`, suggestions on
abstention :mod:`knowledge.suggest`. Whether to answer at all is decided by coverage, not by the
raw score: see :mod:`knowledge.confidence`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from knowledge import announced, dates, provenance
from knowledge.answer import Answer, AnswerKind, Candidate, TermScore
from knowledge.article_terms import corpus_term_ids
from knowledge.articles import Article, Source
from knowledge.bigrams import BigramBM25
from knowledge.confidence import Weighed, weigh
from knowledge.curated import CuratedAnswer, CuratedMatcher
from knowledge.decide import Decider, Decision
from knowledge.intent import Intent, cue_positions
from knowledge.normalize import normalize_question
from knowledge.passages import Corpus, Sentence, same_articles
from knowledge.pinyin import SoundKeys
from knowledge.query import Query, QuestionReader
from knowledge.ranking import NEAREST_PASSAGES, Ranker
from knowledge.reading import Reading, Token
from knowledge.sentence_keys import SentenceKeys
from knowledge.settings import DEFAULT_SETTINGS, MAX_QUESTION_CHARS, EngineSettings
from knowledge.smalltalk import kind_with_chatter
from knowledge.suggest import Suggester, answerable_samples, build_suggester
from knowledge.term_sets import TermSets, term_indexes
from knowledge.token_cache import TokenCache
from knowledge.tokenizer import Tokenizer

__all__ = ["MAX_QUESTION_CHARS", "Engine", "EngineSettings", "Query"]

SOUND_KEYS_FILE = "sound-keys.txt"
_WEIGHED_MEMO_MAX = 256  # weighed clauses kept between the steps of recent asks
_ANAPHOR = re.compile(r"(?:本|该|此|其|它|他|她|这|那)(?!些年|时|后|前|外|中|次|项|里)")


class Engine:
    """Built once per knowledge folder; ``ask`` is cheap and safe to call from any thread."""

    def __init__(self, articles: Sequence[Article], tokenizer: Tokenizer, settings: EngineSettings = DEFAULT_SETTINGS,
                 curated: Sequence[CuratedAnswer] = (), curated_source: str = "curated",
                 today: Callable[[], dt.date] = dt.date.today, cache_dir: Path | None = None,
                 previous: Engine | None = None):
        """``cache_dir`` keeps each article's terms on disk (see :mod:`knowledge.token_cache`),
        and the index words' readings for the sound index (:class:`knowledge.pinyin.SoundKeys`).

        ``previous`` is the engine this one replaces (a reload): what it worked out for the
        articles that did not change (their sentences, their terms, their dates) is taken over
        instead of computed again, so a reload costs the changed articles plus the indexes. Its
        terms only when they came from the same dictionary data (``Tokenizer.data_hash``) and
        the same anaphora setting; nothing of it is kept once this engine is built."""
        self.settings = settings
        self.today = today
        self.tokenizer = tokenizer
        self.curated = CuratedMatcher(list(curated), tokenizer)
        self.curated_source = curated_source
        reused = same_articles(articles, previous.corpus.articles) if previous is not None else []
        if not any(n is not None for n in reused):
            previous, reused = None, []
        self.corpus: Corpus = Corpus.build(articles, previous.corpus if previous else None, reused)
        # the bigram index first: its large temporary arrays are gone before the term lists exist
        bigrams = BigramBM25([s.text for s in self.corpus.sentences] if settings.bigram_weight else [],
                             settings.variant, settings.k1, settings.b)
        self.token_cache = TokenCache(cache_dir, tokenizer.data_hash) if cache_dir is not None else None
        # what the terms depend on besides the text, as it was when they were segmented (the
        # tokenizer may be the same object, with words added since)
        self._terms_key = (tokenizer.data_hash, settings.anaphora)
        same_terms = previous is not None and previous._terms_key == self._terms_key
        vocab, flat, lengths, plain = corpus_term_ids(
            self.corpus, tokenizer, self._borrows_title, self.token_cache,
            (previous.corpus, previous._term_sets) if previous is not None and same_terms else None, reused)
        indexes = term_indexes(vocab, flat, lengths, plain, [s.passage_id for s in self.corpus.sentences],
                               len(self.corpus.passages), settings)
        del vocab, flat, lengths, plain
        self._term_sets: TermSets = indexes.sets
        self.ranker = Ranker(self.corpus, tokenizer, settings, indexes.sentences, indexes.passages, bigrams)
        self.sentences, self.passages = self.ranker.sentences, self.ranker.passages
        self.reader = QuestionReader(tokenizer, lambda w: self.sentences.df(w) > 0, self._index_words,
                                     SoundKeys(cache_dir / SOUND_KEYS_FILE) if cache_dir is not None else None,
                                     people=lambda: [t for t in self.sentences.terms() if tokenizer.is_person_name(t)])
        self.date_facts = self._date_facts(previous, reused)
        self._facts_by_term: dict[str, list[int]] | None = None
        self._facts_by_name: dict[str, list[dates.DateFact]] | None = None
        self.decider = Decider(self)
        self._weighed: dict[tuple[str, tuple[Token, ...]], list[Weighed]] = {}
        self._bylines: dict[int, int | None] = {}
        self.suggestion_pool: tuple[str, ...] = ()
        self._suggester = Suggester([() for _ in self.corpus.passages], ())  # while the samples are tried
        self.suggestion_pool = answerable_samples(self.corpus.articles, self.ask)
        self._suggester = build_suggester(self.suggestion_pool, indexes.topics, self.ask)

    def _date_facts(self, previous: Engine | None, reused: Sequence[int | None]) -> list[dates.DateFact]:
        """The dates every sentence states, in sentence order; an article the previous engine
        held keeps its facts (moved to the article's new sentence ids)."""
        first = self.corpus.article_ranges[1]
        old_first = previous.corpus.article_ranges[1] if previous is not None else []
        old_ids = [f.sentence_id for f in previous.date_facts] if previous is not None else []
        facts: list[dates.DateFact] = []
        for a, article in enumerate(self.corpus.articles):
            old = reused[a] if reused else None
            if old is not None and previous is not None:
                taken = previous.date_facts[bisect.bisect_left(old_ids, old_first[old]):
                                            bisect.bisect_left(old_ids, old_first[old + 1])]
                shift = first[a] - old_first[old]
                facts.extend([dataclasses.replace(f, sentence_id=f.sentence_id + shift) for f in taken]
                             if shift else taken)
                continue
            for s in self.corpus.sentences[first[a]:first[a + 1]]:
                facts.extend(dates.facts_in(s.id, s.text, article.source.date))
        return facts

    def passage_vocab(self, passage_id: int) -> frozenset[str]:
        """The index terms a passage uses (for coverage checks)."""
        return self._term_sets.passage(passage_id)

    def sentence_df(self, term: str) -> int:
        """How many sentences use an index term."""
        return self.sentences.df(term)

    def sentence_vocab(self, sentence_id: int) -> frozenset[str]:
        """The index terms of one sentence, title terms included for anaphoric ones."""
        return self._term_sets.sentence(sentence_id)

    def date_facts_named(self, terms: Sequence[str]) -> list[dates.DateFact]:
        """The stated dates of the days the terms name (鲁班工匠日), without a walk over every date
        of a large corpus."""
        if self._facts_by_name is None:
            by_name: dict[str, list[dates.DateFact]] = {}
            for fact in self.date_facts:
                if fact.name:
                    by_name.setdefault(fact.name, []).append(fact)
            self._facts_by_name = by_name
        return [f for t in dict.fromkeys(terms) for f in self._facts_by_name.get(t, ())]

    def date_facts_naming_part(self, words: Sequence[str]) -> list[dates.DateFact]:
        """The stated dates of named days whose name contains one of the words (「属于工匠的日子」:
        鲁班工匠日); named days are few, so their names are searched directly."""
        self.date_facts_named(())  # builds the names
        assert self._facts_by_name is not None
        words = [w for w in dict.fromkeys(words) if len(w) >= 2]
        return [f for name, facts in self._facts_by_name.items() if any(w in name for w in words) for f in facts]

    def date_facts_using(self, terms: set[str]) -> list[dates.DateFact]:
        """The stated dates whose sentence uses one of the terms (a countdown looks only at
        these, not at every date of a large corpus), in their original order."""
        if self._facts_by_term is None:
            by_term: dict[str, list[int]] = {}
            for n, fact in enumerate(self.date_facts):
                for term in self.sentence_vocab(fact.sentence_id):
                    by_term.setdefault(term, []).append(n)
            self._facts_by_term = by_term
        found = sorted({n for t in terms for n in self._facts_by_term.get(t, ())})
        return [self.date_facts[n] for n in found]

    def fits(self, intent: Intent, sentence_id: int) -> bool:
        """Does the sentence carry the kind of fact the intent asks for (cached per sentence)?"""
        return self.ranker.fits(intent, sentence_id)

    def _names_known(self, text: str) -> bool:
        """Does the text name anything the knowledge uses (a content word of the index)?"""
        return any(len(w) > 1 and self.tokenizer.is_content(w) and self.sentences.df(w.lower()) > 0
                   for w in self.tokenizer.words(text))  # a lone 多 or 会 names nothing

    def _index_words(self) -> list[str]:
        """Words a misheard one may be read as: index terms that are dictionary words (a name
        jieba guessed from one article, 潘淑时, is no target for a worker's typo)."""
        return [t for t in self.sentences.terms() if len(t) > 1 and self.tokenizer.frequency(t)]

    def _borrows_title(self, sentence: Sentence) -> bool:
        """A sentence whose subject is an anaphor (「本鱼」, 「该计划」, 「其」) also carries its
        article title's terms, since that is who or what it talks about."""
        return bool(self.settings.anaphora and _ANAPHOR.match(sentence.text))

    def analyse(self, question: str, reading: Reading | None = None) -> Query:
        """Everything ranking needs to know about a question, worked out once."""
        text = normalize_question(question[: MAX_QUESTION_CHARS * 4])[:MAX_QUESTION_CHARS]
        return self.ranker.query(reading or self.reader.read(text))

    def weighed(self, tokens: Sequence[Token], text: str) -> list[Weighed]:
        """The tokens' content words weighed by idf; one ask weighs the same clauses several times
        (deciding, choosing among close sentences), so the last few results are kept."""
        key = (text, tuple(tokens))
        found = self._weighed.get(key)
        if found is None:
            found = weigh(tokens, cue_positions(text), self.tokenizer, self.sentences.df, self.sentences.size)
            if len(self._weighed) >= _WEIGHED_MEMO_MAX:
                self._weighed.clear()
            self._weighed[key] = found
        return list(found)

    def search(self, question: str, k: int = 10) -> list[Candidate]:
        """Ranked sentences for a question, without the answer/abstain decision (for evaluation)."""
        ranked = self.ranker.rank(self.analyse(question))[:k]
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
        text, passage_text, end = sentence.text, passage.text, sentence.end
        if sentence.end == len(passage.text.rstrip()) and announced.announced_count(text):
            # 「围绕以下三个方面…:」 is shown with the items it announces (培育匠人、礼遇匠才、传承匠技)
            items = announced.headings(self.corpus, passage.id)
            if items:
                told = "、".join(items) + "。"
                text, passage_text = text + told, passage.text[:end] + told + passage.text[end:]
                end += len(told)
        return Candidate(sentence.id, passage.id, text, passage_text, sentence.start, end,
                         score, self.corpus.article_of(sentence).source)

    # -- answering -----------------------------------------------------------------------------
    def ask(self, question: str, *, explain: bool = False) -> Answer:
        """Answer one question; never raises on odd input (empty, emoji, huge, control chars).

        The answer carries the question as the worker wrote it (normalized), not as it was read
        (「Does Luban Day fall on a weekend」, not 「鲁班工匠日周末」): it is echoed to the worker and
        shown to organizers among the unanswered questions."""
        text = normalize_question(question[: MAX_QUESTION_CHARS * 4])[:MAX_QUESTION_CHARS]
        answer = self._ask(text, explain)
        return answer if answer.question == text else dataclasses.replace(answer, question=text)

    def _ask(self, text: str, explain: bool) -> Answer:
        small_talk = self.tokenizer.small_talk.kind(text) or kind_with_chatter(self.tokenizer.small_talk, text,
                                                                             self._names_known)
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
        ranked = self.ranker.rank(query)
        if provenance.asks_provenance(self._asking_text(query), query.text):
            told = self._provenance_answer(query, ranked)
            if told is not None:
                return told
        if provenance.asks_date(self._asking_text(query), query.text):
            told = self._provenance_answer(query, ranked, dated=True)
            if told is not None:
                return told
        if not ranked:
            return self._no_answer(query, 0.0)
        chosen = self.decider.best_fitting(query, ranked, self.settings.runner_up_ratio)
        if chosen:
            ranked.insert(0, ranked.pop(chosen))
        best_id, best_score = ranked[0]
        best = self.corpus.sentences[best_id]
        decision = self.decider.decide(query, best_id)
        if decision.kind is AnswerKind.PARTIAL:
            return self._no_answer(query, decision.confidence, decision, self._candidate(best, best_score))
        if decision.kind is not AnswerKind.ANSWER:
            return self._no_answer(query, decision.confidence)
        runners = [(i, s) for i, s in ranked[1:3] if s >= self.settings.runner_up_ratio * best_score]
        tied = bool(runners) and runners[0][1] >= self.settings.tie_ratio * best_score
        sentence_terms = self.sentence_vocab(best_id)
        terms = query.terms
        matched = tuple(t for t in terms if t in sentence_terms)
        explanation: tuple[TermScore, ...] = ()
        if explain:
            explanation = tuple(TermScore(t, self.sentences.idf(t), self.sentences.term_weight(t, best_id))
                                for t in terms)
        return Answer(
            question=text, answered=True, best=self._candidate(best, best_score),
            runners_up=tuple(self._candidate(self.corpus.sentences[i], s) for i, s in runners),
            confidence=decision.confidence, intent=query.intent.value, terms=tuple(terms), matched_terms=matched,
            tied=tied, explanation=explanation, corrections=reading.corrections,
        )

    @staticmethod
    def _asking_text(query: Query) -> str:
        """The clauses that ask (「我最近一直在关注这方面的新闻，想问问…表彰了多少名」: the remark
        about 新闻 asks nothing of the article's source)."""
        reading = query.reading
        tokens = reading.clause_tokens(reading.asking) or list(reading.tokens)
        return query.text[tokens[0].start:tokens[-1].end] if tokens else query.text

    def _provenance_answer(self, query: Query, ranked: list[tuple[int, float]], dated: bool = False) -> Answer | None:
        """「这篇报道是哪个媒体发的」: the byline of the article the question is nearest to (the
        newest article when no word of the question is in the knowledge); with ``dated``
        (「这篇报道是哪天发的」), its dateline."""
        if ranked:
            article = self.corpus.passages[self.corpus.sentences[ranked[0][0]].passage_id].article_index
        elif self.corpus.articles:
            article = max(range(len(self.corpus.articles)), key=lambda i: self.corpus.articles[i].source.date)
        else:
            return None
        if dated:
            sentence_id = provenance.dateline(self.corpus, article)
        else:
            sentence_id = self.byline(article)
        if sentence_id is None:
            return None
        best = self._candidate(self.corpus.sentences[sentence_id], 1.0)
        return Answer(question=query.text, answered=True, best=best, runners_up=(), confidence=1.0,
                      intent=(Intent.WHEN if dated else Intent.ORGANIZATION).value, terms=tuple(query.terms),
                      matched_terms=(),
                      corrections=query.reading.corrections)

    def byline(self, article: int) -> int | None:
        """The article's byline sentence (「（工人日报客户端记者 田国垒 …）」), found once per article."""
        if article not in self._bylines:
            self._bylines[article] = provenance.byline(self.corpus, article)
        return self._bylines[article]

    def _curated_answer(self, text: str, curated: CuratedAnswer, similarity: float) -> Answer:
        """An organizer's answer wins over the articles when its question matches closely."""
        source = Source(title=curated.question, source=self.curated_source, date=curated.updated[:10])
        best = Candidate(-curated.id, -1, curated.answer, curated.answer, 0, len(curated.answer), similarity, source)
        return Answer(question=text, answered=True, best=best, runners_up=(), confidence=similarity,
                      intent="curated", terms=(), matched_terms=())

    def _no_answer(self, query: Query, confidence: float, partial: Decision | None = None,
                   related: Candidate | None = None) -> Answer:
        suggestions = self.suggest(query)
        if partial is None or related is None:
            return Answer(question=query.text, answered=False, best=None, runners_up=(), confidence=confidence,
                          intent=query.intent.value, terms=tuple(query.terms), matched_terms=(),
                          suggestions=suggestions, corrections=query.reading.corrections)
        return Answer(question=query.text, answered=False, best=None, runners_up=(related,), confidence=confidence,
                      intent=query.intent.value, terms=tuple(query.terms), matched_terms=(),
                      suggestions=suggestions, kind=AnswerKind.PARTIAL, focus=partial.focus, topic=partial.topic,
                      related=related, corrections=query.reading.corrections)

    def suggest(self, query: Query, n: int = 3) -> tuple[str, ...]:
        """Questions or topics from the passages nearest the question, then sample questions."""
        if not query.terms or not self.passages.size:
            return self._suggester.suggest(None, query.text, n)
        if self.passages.has_baseline:  # BM25+ scores every passage above 0: all of them take part
            return self._suggester.suggest(self.passages.scores(query.terms, query.weights), query.text, n)
        # the others score 0; ranking already found them, unless the question never reached it
        nearest = query.memo.get(NEAREST_PASSAGES)
        if nearest is not None:  # (lists when ranking took its few-candidates path)
            ids, scores = np.asarray(nearest[0], dtype=np.int32), np.asarray(nearest[1], dtype=np.float64)
        else:
            ids, scores = self.passages.matching_scores(query.terms, query.weights)
        return self._suggester.suggest(scores, query.text, n, ids)

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
