"""Issue 13 engine rules: long postings searched for the candidates, common terms that score but
do not make candidates in a large corpus, countdowns that look only at dates sharing a term, and
the tokenizer's per-word memo."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

import knowledge.postings as postings
from knowledge.articles import Article, Source
from knowledge.engine import Engine
from knowledge.index import VARIANTS, InvertedBM25, make_bm25
from knowledge.settings import EngineSettings
from tests.test_index import FLOAT32_TOLERANCE, random_corpus


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_long_posting_searched_for_the_candidates_scores_the_same(variant, monkeypatch):
    monkeypatch.setattr(postings, "LONG_POSTING_RATIO", 0)  # every posting counts as long
    rng = random.Random(11)
    corpus = random_corpus(rng)
    ours, reference = InvertedBM25(corpus, variant), make_bm25(corpus, variant, 1.5, 0.75)
    vocab = sorted({w for doc in corpus for w in doc}) + ["absent"]
    for _ in range(100):
        query = [rng.choice(vocab) for _ in range(rng.randint(1, 8))]
        docs = np.array(sorted(rng.sample(range(len(corpus)), 30)), dtype=np.int32)
        assert np.allclose(ours.scores_on(docs, query), reference.get_scores(query)[docs], **FLOAT32_TOLERANCE)


def _articles(n: int) -> list[Article]:
    """n one-sentence articles that all say 年; a few also name a rare word."""
    out = []
    for i in range(n):
        extra = "鲁班纪念馆焕新开放" if i % 50 == 7 else "职工参加活动"
        out.append(Article(f"a{i}", Source(f"第{i}篇", date="2025-01-01"), (f"2020年{extra}第{i}次。",)))
    return out


def test_a_common_term_scores_but_does_not_make_candidates(tokenizer):
    articles = _articles(60)
    pruned = Engine(articles, tokenizer, EngineSettings(common_term_min_passages=10, common_term_share=0.2))
    full = Engine(articles, tokenizer, EngineSettings(common_term_min_passages=10_000))
    query = pruned.analyse("2020年鲁班纪念馆焕新开放了吗")
    ranked, reference = pruned.ranker.rank(query), full.ranker.rank(full.analyse("2020年鲁班纪念馆焕新开放了吗"))
    found = {i for i, _ in ranked}
    assert found and all("鲁班纪念馆" in pruned.corpus.sentences[i].text for i in found)
    assert len(full.ranker.rank(full.analyse("2020年职工参加活动"))) > len(found)
    # the kept candidates score as without the rule, common term included (to the last bits: the
    # words and bigrams of few candidates are summed in one pass, of many in two)
    assert ranked[0][0] == reference[0][0] and ranked[0][1] == pytest.approx(reference[0][1], rel=1e-12, abs=0)


def test_a_small_corpus_is_never_pruned(engine):
    assert engine.settings.common_term_min_passages > len(engine.corpus.passages)


def test_a_countdown_looks_only_at_dates_sharing_a_term(tokenizer):
    articles = [Article("day", Source("节日", date="2025-01-01"), ("推动设立每年6月11日为“鲁班工匠日”。",)),
                *[Article(f"d{i}", Source(f"通知{i}", date="2025-01-01"), (f"每年3月{i + 1}日为“植树活动{i}日”。",))
                  for i in range(20)]]
    engine = Engine(articles, tokenizer, today=lambda: dt.date(2026, 6, 1))
    words = {"鲁班工匠日"}
    assert [f.name for f in engine.date_facts_using(words)] == ["鲁班工匠日"]
    assert "还有10天" in engine.ask("离鲁班工匠日还有几天").computed


def test_the_per_word_memo_follows_the_dictionary():
    from knowledge.tokenizer import Tokenizer

    fresh = Tokenizer()
    fresh.add_words(["锃钣铆焊工作室"])
    text = "锃钣铆焊工作室成立了"
    before = fresh.terms(text)
    assert "锃钣铆焊工作室" in before and "锃钣" not in before
    assert fresh.terms(text) == before  # from the memo, the same
    fresh.add_words(["锃钣"])  # a new sub-word: the memo must not hide it
    assert "锃钣" in fresh.terms(text)


@pytest.mark.parametrize("question", ["鲁班工匠日是哪天", "枣庄培育了多少名各类工匠", "许振超来分享什么"])
def test_words_and_bigrams_scored_in_one_pass_equal_the_two_pass_sum(engine, question):
    # the one-pass sum of a sentence's words and character bigrams (few candidates) is the
    # two-pass sum used when a posting is much longer than the candidates, to the last bits
    ranker = engine.ranker
    query = engine.analyse(question)
    ids = np.arange(len(engine.corpus.sentences), dtype=np.int32)
    where = ranker._positions.of(ids)
    words = ranker.sentences.part(query.terms, query.weights)
    grams = ranker.bigrams.part(query.bigrams, 0.3)
    assert words[1] and grams[1] and words[0].short_postings(ids, words[1])
    joint = postings.joint_scores_on(ids, where, (words, grams))
    two_pass = ranker.sentences.scores_on(ids, query.terms, query.weights, where) \
        + 0.3 * ranker.bigrams.scores_on(ids, query.bigrams, where)
    assert np.allclose(joint, two_pass, rtol=1e-12, atol=1e-12) and joint.max() > 0


@pytest.mark.parametrize("question", ["鲁班工匠日是哪天", "枣庄培育了多少名各类工匠", "许振超来分享什么"])
def test_few_postings_summed_in_python_equal_numpy_to_the_bit(engine, question, monkeypatch):
    ranker = engine.ranker
    query = engine.analyse(question)
    ids = np.arange(len(engine.corpus.sentences), dtype=np.int32)
    where = ranker._positions.of(ids)
    parts = (ranker.sentences.part(query.terms, query.weights), ranker.bigrams.part(query.bigrams, 0.3))
    monkeypatch.setattr(postings, "_FEW_POSTINGS", 10**9)
    in_python = postings.joint_scores_on(ids, where, parts)
    monkeypatch.setattr(postings, "_FEW_POSTINGS", -1)
    in_numpy = postings.joint_scores_on(ids, where, parts)
    assert in_python.tolist() == in_numpy.tolist() and in_python.max() > 0
