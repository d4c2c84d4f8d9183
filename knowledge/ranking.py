"""Ranking: a question's terms and bigrams, BM25 over sentences and passages, fact-kind boosts.

A sentence is scored by BM25 on its own terms plus a share of its passage's BM25 score (a fact is
often stated in one sentence while the words a worker uses sit in its neighbours), then boosted
when it carries the kind of fact the question asks for (a date for "when", a number for "how
many" ...). Among near ties the newest source goes first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.bigrams import BigramBM25
from knowledge.index import InvertedBM25
from knowledge.intent import (
    ASKS_WHY,
    ONE_CHARACTER_KINDS,
    Intent,
    asked_kind,
    asks_ordinal,
    counted_noun,
    counts_noun,
    cue_positions,
    has_ordinal,
    question_intent,
    sentence_fits,
    summed_noun,
)
from knowledge.passages import Corpus
from knowledge.postings import FEW_DOCS as _FEW_DOCS
from knowledge.postings import PositionMap, Postings, few_postings, joint_few, joint_scores_on, top_positions
from knowledge.query import Query
from knowledge.reading import Reading, Token
from knowledge.settings import EngineSettings
from knowledge.tokenizer import Tokenizer, char_bigrams, ordinal_class

# 「第几届」, 「办过几届」 and 「搞了几回」: editions are counted by the ordinal of the latest (第八届)
_ASKED_ORDINAL = re.compile(r"第几([个届次期批轮季])|几([届期])|(?:搞|办|过|举办|开展)了?几([回次])")


# 「…几个老工匠挺关心的，…想问问搞这个主要是为了啥」: a main clause asking why (ASKS_WHY) or what
# for asks that itself; a count in a remark beside it asks nothing
_ASKS_WHAT_FOR = re.compile(r"[干做搞][个了]?(?:啥|什么)")
# up to this many candidate passages, their sentence ids are listed in Python
_FEW_PASSAGES = 64
# how many names of an asked kind a question searches for (「什么样的城」)
_NAMES_OF_KIND = 3
# Query.memo key of the passages holding a question term and their scores (a question left
# unanswered suggests topics from them without searching the passages again)
NEAREST_PASSAGES = ("nearest passages", 0, 0)
# relative slack on the top-k floor, for the rounding of sums taken in another order
_BOUND_SLACK = 1e-9
# more sentences than this left by the first floor: the full scores of the best few raise it
_PROBE_OVER = 64
# up to this many sentences, the deferred postings are searched for them in Python
_FEW_DEFERRED = 64


Part = tuple[Postings, list[int], list[float]]  # an index, the term ids a question reads, their factors


@dataclass(frozen=True)
class _Deferred:
    """The long postings of a question's common terms, left out of the first pass over the
    candidates, and the most they can add to any one sentence's score (words, bigrams, and
    the context share of its passage's score)."""

    words: Part
    grams: Part | None
    passages: Part
    bound: float


class Ranker:
    """The indexes of one corpus and the ranking over them."""

    def __init__(self, corpus: Corpus, tokenizer: Tokenizer, settings: EngineSettings,
                 sentences: InvertedBM25, passages: InvertedBM25, bigrams: BigramBM25):
        self.corpus, self.tokenizer, self.settings = corpus, tokenizer, settings
        self.sentences, self.passages, self.bigrams = sentences, passages, bigrams
        passage_of = np.fromiter((s.passage_id for s in corpus.sentences), dtype=np.int32, count=len(corpus.sentences))
        self._passage_of = passage_of
        self._sentence_count = np.bincount(passage_of, minlength=len(corpus.passages)).astype(np.int32)
        self._first_sentence = (np.cumsum(self._sentence_count) - self._sentence_count).astype(np.int32)
        self._positions = PositionMap(len(corpus.sentences))
        self._first_list: list[int] = self._first_sentence.tolist()
        self._count_list: list[int] = self._sentence_count.tolist()
        self._named_kinds: dict[str, list[str]] | None = None
        self._fits: dict[tuple[Intent, int], bool] = {}
        self._named: dict[int, bool] = {}  # does the sentence name a person (its own cache: NONE fits all)
        # articles of one date leave no newer source to prefer
        self._one_date = len({a.source.date for a in corpus.articles}) <= 1

    def fits(self, intent: Intent, sentence_id: int) -> bool:
        """Does the sentence carry the kind of fact the intent asks for (cached per sentence)?"""
        key = (intent, sentence_id)
        if key not in self._fits:
            self._fits[key] = sentence_fits(intent, self.corpus.sentences[sentence_id].text, self.tokenizer)
        return self._fits[key]

    def query(self, reading: Reading) -> Query:
        """Everything ranking needs to know about a read question, worked out once."""
        text = reading.text
        read = reading.read_text
        tokens = reading.clause_tokens((reading.main, *reading.context))
        main_tokens = [t for t in tokens if t.clause == reading.main]
        main_text = read[main_tokens[0].start:main_tokens[-1].end] if main_tokens else read
        intent = question_intent(main_text)
        asked_text = main_text  # where the question words are: 「手造工匠 第几届」 asks in its last clause
        asked_clause = reading.clause_tokens((reading.asked,)) if reading.asked is not None else []
        if intent is Intent.NONE and asked_clause:
            # 「…说今年有专门的疗休养，想问问搞这个主要是为了啥」: the clause lending the topic asks
            # nothing; the question clause does (not 「几个老工匠」 in a remark)
            asked_text = read[asked_clause[0].start:asked_clause[-1].end]
            intent = question_intent(asked_text)
        elif intent is Intent.NONE and reading.context and not (ASKS_WHY.search(main_text)
                                                                  or _ASKS_WHAT_FOR.search(main_text)):
            # the clauses that ask, not the preamble (「我是单位里负责宣传的」 asks no organization)
            # nor a remark beside them (「领导要写材料」 asks for no person)
            spans = [(t.start, t.end) for t in tokens if t.clause in reading.asking] \
                or [(t.start, t.end) for t in tokens]
            asked_text = read[min(a for a, _ in spans):max(b for _, b in spans)] if spans else read
            intent = question_intent(asked_text)
        terms, weights = self.query_terms(main_tokens + [t for t in tokens if t.clause != reading.main], text)
        asked_ordinal = _ASKED_ORDINAL.search(asked_text)
        unit = asked_ordinal and (asked_ordinal.group(1) or asked_ordinal.group(2) or asked_ordinal.group(3))
        if unit in ("回", "次") and not self.sentences.df(ordinal_class(unit)):
            unit = "个"  # 「工匠日搞了几回了」: the day is counted as 第二个
        if unit and self.sentences.df(ordinal_class(unit)):
            terms.append(ordinal_class(unit))  # 「第几届」 looks for a 第#届
            weights.append(1.0)
        for name in self._names_of_kind(asked_kind(main_text)):
            terms.append(name)  # 「建成一座啥样的城」 looks for a name of a 城 (工匠之城)
            weights.append(self.settings.context_clause_weight)
        return Query(text=text, intent=intent, terms=terms, weights=weights,
                     noun=(counted_noun(text, main_tokens, self.tokenizer) or summed_noun(text, tokens, self.tokenizer))
                     if intent is Intent.HOW_MANY else None,
                     ordinal=asks_ordinal(asked_text), bigrams=self._question_bigrams(tokens, text),
                     reading=reading, main_text=main_text)

    def _names_of_kind(self, kind: str | None) -> list[str]:
        """Index words naming a thing of a one-character kind (城 -> 工匠之城), a few of the rarest."""
        if not kind or len(kind) != 1:
            return []
        if self._named_kinds is None:
            named: dict[str, list[str]] = {}
            for term in self.sentences.terms():
                if len(term) >= 3 and term[-1] in ONE_CHARACTER_KINDS:
                    named.setdefault(term[-1], []).append(term)
            self._named_kinds = named
        names = self._named_kinds.get(kind, [])
        return sorted(names, key=self.sentences.df)[:_NAMES_OF_KIND]

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

    def rank(self, query: Query) -> list[tuple[int, float]]:
        terms, weights = query.terms, query.weights
        if not terms or not self.corpus.sentences:
            return []
        rare = self._rare_terms(terms, weights)
        if rare is None:
            few = self.passages.matching_few(terms, weights) if not self.sentences.has_baseline else None
            if few is not None and sum(self._count_list[p] for p in few[0]) <= _FEW_DOCS:
                return self._rank_few(query, *few)
            passages, passage_scores = self.passages.matching_scores(terms, weights)
        else:  # the common terms' share of the passage scores is added below
            passages, passage_scores = self.passages.matching_scores(*rare[0])
        # the candidates are the sentences of the passages that hold a question term: consecutive
        # ids per passage, so they come out ascending, and only they are ever scored
        counts = self._sentence_count[passages]
        if len(passages) <= _FEW_PASSAGES:  # the usual case: a few ranges, cheaper in Python than in numpy
            first, count = self._first_list, self._count_list
            ids = np.array([i for p in passages.tolist() for i in range(first[p], first[p] + count[p])],
                           dtype=np.int32)
        else:
            ids = np.repeat(self._first_sentence[passages] - (np.cumsum(counts) - counts), counts) \
                + np.arange(int(counts.sum()), dtype=np.int32)
        if not len(ids):
            return []
        words = self.sentences.part(terms, weights)
        grams = self.bigrams.part(query.bigrams, self.settings.bigram_weight) \
            if query.bigrams and self.bigrams.size else None
        deferred = None
        if rare is not None:
            page = self.passages.part(*rare[1])
            deferred = self._deferred(words, grams, page, len(ids), len(passages))
            if deferred is not None:
                words, page = _without(words, deferred.words), _without(page, deferred.passages)
                if grams is not None and deferred.grams is not None:
                    grams = _without(grams, deferred.grams)
            if page[1]:
                passage_scores = passage_scores + page[0].scores_on(passages, page[1], page[2])
        if rare is None:  # every passage holding a term, as suggestions want (not only the rare terms')
            query.memo[NEAREST_PASSAGES] = (passages, passage_scores)
        if grams is not None and grams[1] and words[0].short_postings(ids, words[1]) \
                and grams[0].short_postings(ids, grams[1]):
            scores = joint_scores_on(ids, self._positions, (words, grams))  # one pass over both indexes
        else:  # a few candidates are searched for in Python, with no position map
            where = self._positions.of(ids) if len(ids) > _FEW_DOCS else None
            scores = words[0].scores_on(ids, words[1], words[2], where)
            if grams is not None and grams[1]:
                scores = scores + grams[0].scores_on(ids, grams[1], grams[2], where)
        context = self.settings.context_weight if self.corpus.passages else 0.0
        depth = self.settings.rerank_depth
        if deferred is None and len(ids) <= _FEW_DOCS:
            return self._reranked(query, ids.tolist(), scores.tolist(), passage_scores.tolist(), counts.tolist())
        if context:
            scores += np.repeat(context * passage_scores, counts)
        if deferred is not None:
            ids, scores = self._with_deferred(ids, scores, deferred, context)
        at_top = top_positions(scores, depth)  # ties at the last place go to the lower id
        top = at_top[np.argsort(-scores[at_top], kind="stable")]
        ranked = [(i, s * self._boost(query, i)) for i, s in zip(ids[top].tolist(), scores[top].tolist(), strict=True)]
        ranked.sort(key=lambda pair: -pair[1])
        return self._prefer_recent(ranked)

    def _rank_few(self, query: Query, passages: list[int], passage_scores: list[float]) -> list[tuple[int, float]]:
        """``rank`` over a handful of candidates (a small corpus: the seed article's 21 sentences),
        in Python lists from the postings on, with the same sums in the same order as the numpy
        path, so the same scores to the bit and the same ranking."""
        query.memo[NEAREST_PASSAGES] = (passages, passage_scores)
        first, count = self._first_list, self._count_list
        ids = [i for p in passages for i in range(first[p], first[p] + count[p])]
        if not ids:
            return []
        words = self.sentences.part(query.terms, query.weights)
        grams = self.bigrams.part(query.bigrams, self.settings.bigram_weight) \
            if query.bigrams and self.bigrams.size else None
        if grams is not None and grams[1] and words[0].short_postings_for(len(ids), words[1]) \
                and grams[0].short_postings_for(len(ids), grams[1]):
            parts = (words, grams)
            scores = joint_few(ids, parts) if few_postings(parts) \
                else joint_scores_on(np.array(ids, dtype=np.int32), self._positions, parts).tolist()
        else:
            scores = words[0].scores_few(ids, words[1], words[2])
            if grams is not None and grams[1]:
                scores = [a + b for a, b in zip(scores, grams[0].scores_few(ids, grams[1], grams[2]), strict=True)]
        return self._reranked(query, ids, scores, passage_scores, [count[p] for p in passages])

    def _reranked(self, query: Query, ids: list[int], scores: list[float], passage_scores: list[float],
                  counts: list[int]) -> list[tuple[int, float]]:
        """A few candidates ranked: each sentence's score plus the context share of its passage's
        (``counts`` sentences per passage, in order), the best ``rerank_depth`` by a stable sort
        (the order top_positions gives), boosted and sorted again."""
        context = self.settings.context_weight if self.corpus.passages else 0.0
        if context:
            at = 0
            for passage_score, n in zip(passage_scores, counts, strict=True):
                share = context * passage_score
                for k in range(at, at + n):
                    scores[k] += share
                at += n
        order = sorted(range(len(scores)), key=lambda k: -scores[k])[:self.settings.rerank_depth]
        ranked = [(ids[k], scores[k] * self._boost(query, ids[k])) for k in order]
        ranked.sort(key=lambda pair: -pair[1])
        return self._prefer_recent(ranked)

    def _rare_terms(self, terms: list[str], weights: list[float],
                    ) -> tuple[tuple[list[str], list[float]], tuple[list[str], list[float]]] | None:
        """The terms that choose the candidate passages in a large corpus and the common ones,
        each with their weights, or None when all choose.

        A term in thousands of passages, like 年 of 「2007年」, would make almost every sentence
        a candidate; the common terms still add their scores to the candidates. A passage holding
        only common terms scores at most their small idf, below any passage with a rare one, so
        the best sentences are almost always kept."""
        n = self.passages.size
        if n < self.settings.common_term_min_passages:
            return None
        cap = self.settings.common_term_share * n
        is_rare = [self.passages.df(t) <= cap for t in terms]
        if all(is_rare) or not any(is_rare):
            return None
        is_common = [not r for r in is_rare]
        return ((list(itertools.compress(terms, is_rare)), list(itertools.compress(weights, is_rare))),
                (list(itertools.compress(terms, is_common)), list(itertools.compress(weights, is_common))))

    def _deferred(self, words: Part, grams: Part | None, passages: Part, sentences: int,
                  passage_count: int) -> _Deferred | None:
        """The postings longer than the candidates themselves (年 in 20,000 sentences, 5,000
        candidates), words, bigrams and passages: reading them for every candidate is most of a
        question's cost, and they are a common term's, which adds little. None when there are
        none, or when no bound holds for them (a term that could lower a score)."""
        def longer(part: Part, limit: int) -> Part:
            postings, ids, factors = part
            long = [postings.df(t) > limit for t in ids]
            return postings, list(itertools.compress(ids, long)), list(itertools.compress(factors, long))

        later_words, later_passages = longer(words, sentences), longer(passages, passage_count)
        later_grams = longer(grams, sentences) if grams is not None else None
        if not (later_words[1] or later_passages[1] or (later_grams is not None and later_grams[1])):
            return None
        word_bound = later_words[0].bound(later_words[1], later_words[2])
        passage_bound = later_passages[0].bound(later_passages[1], later_passages[2])
        gram_bound = later_grams[0].bound(later_grams[1], later_grams[2]) if later_grams is not None else 0.0
        if word_bound is None or passage_bound is None or gram_bound is None:
            return None
        context = self.settings.context_weight if self.corpus.passages else 0.0
        return _Deferred(later_words, later_grams, later_passages, word_bound + gram_bound + context * passage_bound)

    def _with_deferred(self, ids: np.ndarray, scores: np.ndarray, deferred: _Deferred,
                       context: float) -> tuple[np.ndarray, np.ndarray]:
        """The candidates that can still reach the top ``rerank_depth`` once the deferred postings
        are added, with their full scores (MaxScore). A sentence's first-pass score is a lower
        bound of its full score, and its full score is at most that plus the deferred bound; the
        depth-th best full score is at least the depth-th best first-pass score, so a sentence
        whose bound stays under that floor is dropped unscored. When many remain, the full
        scores of the best few raise the floor. The long postings are then searched for the few
        kept, not read whole."""
        depth = self.settings.rerank_depth
        if len(ids) > depth:
            floor = float(np.partition(scores, len(scores) - depth)[len(scores) - depth])
            keep = scores + deferred.bound >= floor - _BOUND_SLACK * (abs(floor) + deferred.bound + 1.0)
            if int(np.count_nonzero(keep)) > _PROBE_OVER and len(ids) > 2 * depth:
                probe = np.sort(np.argpartition(-scores, 2 * depth - 1)[:2 * depth])
                full = scores[probe] + self._deferred_scores(ids[probe], deferred, context)
                floor = max(floor, float(np.partition(full, len(full) - depth)[len(full) - depth]))
                keep = scores + deferred.bound >= floor - _BOUND_SLACK * (abs(floor) + deferred.bound + 1.0)
            kept = np.flatnonzero(keep)
            ids, scores = ids[kept], scores[kept]
        return ids, scores + self._deferred_scores(ids, deferred, context)

    def _deferred_scores(self, ids: np.ndarray, deferred: _Deferred, context: float) -> np.ndarray:
        """What the deferred postings add to the sentences ``ids`` (ascending): their words, their
        bigrams and the context share of their passages' scores."""
        postings, terms, factors = deferred.passages
        if len(ids) <= _FEW_DEFERRED:  # the usual case: a few searches each, cheaper in Python
            id_list = ids.tolist()
            total = [0.0] * len(id_list)
            for part in (deferred.words, deferred.grams):
                if part is not None and part[1]:
                    total = [a + b for a, b in zip(total, part[0].scores_few(id_list, part[1], part[2]), strict=True)]
            if context and terms:
                passage_of = self._passage_of[ids].tolist()
                distinct = sorted(set(passage_of))
                share = dict(zip(distinct, postings.scores_few(distinct, terms, factors), strict=True))
                total = [a + context * share[p] for a, p in zip(total, passage_of, strict=True)]
            return np.array(total, dtype=np.float64)
        where = self._positions.of(ids)
        scores = np.zeros(len(ids))
        for part in (deferred.words, deferred.grams):
            if part is not None and part[1]:
                scores += part[0].scores_on(ids, part[1], part[2], where)
        if context and terms:
            passages, slot = np.unique(self._passage_of[ids], return_inverse=True)
            scores += context * postings.scores_on(passages.astype(np.int32), terms, factors)[slot]
        return scores

    def _prefer_recent(self, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Among near-tied sentences the newest source goes first: a later announcement updates
        what an older article said (a changed venue, a new date)."""
        if len(ranked) < 2 or self._one_date:
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
        if intent is Intent.WHO and self._names_someone(sentence_id):
            return 1.0 + 2 * self.settings.intent_boost  # a name answers 「谁」 better than a bare post (记者)
        return 1.0 + self.settings.intent_boost

    def _names_someone(self, sentence_id: int) -> bool:
        named = self._named.get(sentence_id)
        if named is None:
            words = self.tokenizer.words(self.corpus.sentences[sentence_id].text)
            named = self._named[sentence_id] = any(map(self.tokenizer.is_person_name, words))
        return named

    def _noun_forms(self, noun: str) -> tuple[str, ...]:
        canonical = self.tokenizer.synonyms.get(noun)
        return (noun, canonical) if canonical else (noun,)


def _without(part: Part, left_out: Part) -> Part:
    """The part's terms (and factors) other than those of ``left_out``."""
    postings, ids, factors = part
    out = set(left_out[1])
    kept = [t not in out for t in ids]
    return postings, list(itertools.compress(ids, kept)), list(itertools.compress(factors, kept))
