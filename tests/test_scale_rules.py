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
from knowledge.ranking import NEAREST_PASSAGES
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
    joint = postings.joint_scores_on(ids, ranker._positions, (words, grams))
    two_pass = ranker.sentences.scores_on(ids, query.terms, query.weights, where) \
        + 0.3 * ranker.bigrams.scores_on(ids, query.bigrams, where)
    assert np.allclose(joint, two_pass, rtol=1e-12, atol=1e-12) and joint.max() > 0


@pytest.mark.parametrize("question", ["鲁班工匠日是哪天", "枣庄培育了多少名各类工匠", "许振超来分享什么"])
def test_few_postings_summed_in_python_equal_numpy_to_the_bit(engine, question, monkeypatch):
    ranker = engine.ranker
    query = engine.analyse(question)
    ids = np.arange(len(engine.corpus.sentences), dtype=np.int32)
    parts = (ranker.sentences.part(query.terms, query.weights), ranker.bigrams.part(query.bigrams, 0.3))
    monkeypatch.setattr(postings, "_FEW_POSTINGS", 10**9)
    in_python = postings.joint_scores_on(ids, ranker._positions, parts)
    monkeypatch.setattr(postings, "_FEW_POSTINGS", -1)
    in_numpy = postings.joint_scores_on(ids, ranker._positions, parts)
    assert in_python.tolist() == in_numpy.tolist() and in_python.max() > 0


# words of a synthetic corpus, commonest first: a few are in most passages, most in a few
_WORDS = ("工作", "今年", "活动", "职工", "技能", "比赛", "培训", "劳模", "表彰", "企业", "车间", "师傅", "徒弟",
          "创新", "项目", "奖励", "工会", "城市", "博物馆", "焊接", "电工", "钳工", "数控", "机床", "铁路",
          "煤矿", "化工", "纺织", "建筑", "桥梁", "隧道", "港口", "医院", "学校", "农业", "果园", "茶叶",
          "陶瓷", "木雕", "石刻", "刺绣", "剪纸", "面塑", "编织", "酿酒", "造纸", "印刷", "钟表")


def _zipf_articles(rng: random.Random, n: int) -> list[Article]:
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(_WORDS))]
    out = []
    for i in range(n):
        sentences = ["".join(rng.choices(_WORDS, weights, k=rng.randint(3, 9))) + f"第{i}号。" for _ in range(3)]
        out.append(Article(f"z{i}", Source(f"通知{i}", date="2025-01-01"), ("".join(sentences),)))
    return out


def test_deferred_long_postings_rank_as_reading_them_all(tokenizer, monkeypatch):
    """MaxScore: the long postings of common terms, added only to the sentences that can still
    reach the top, give the same top sentences as scoring every candidate with them."""
    from knowledge.ranking import Ranker

    rng = random.Random(5)
    engine = Engine(_zipf_articles(rng, 300), tokenizer,
                    EngineSettings(common_term_min_passages=10, common_term_share=0.3))
    kept: list[tuple[int, int]] = []
    with_deferred = Ranker._with_deferred

    def spy(self, ids, scores, deferred, context):
        out = with_deferred(self, ids, scores, deferred, context)
        kept.append((len(ids), len(out[0])))
        return out

    monkeypatch.setattr(Ranker, "_with_deferred", spy)
    questions = ["".join(rng.sample(_WORDS[:4], 2) + rng.sample(_WORDS[10:], 2)) + "是什么" for _ in range(40)]
    deferred = [engine.ranker.rank(engine.analyse(q)) for q in questions]
    assert len(kept) >= 20 and all(after < before for before, after in kept)  # pruned, not just reordered
    monkeypatch.setattr(Ranker, "_deferred", lambda self, *parts: None)
    for question, pruned in zip(questions, deferred, strict=True):
        full = engine.ranker.rank(engine.analyse(question))
        assert [i for i, _ in pruned] == [i for i, _ in full], question
        assert [s for _, s in pruned] == pytest.approx([s for _, s in full], rel=1e-9, abs=0)


def test_a_common_term_that_could_lower_a_score_is_not_deferred(tokenizer):
    """BM25+ gives every document a baseline, so no top-k bound holds: nothing is deferred."""
    engine = Engine(_zipf_articles(random.Random(5), 60), tokenizer,
                    EngineSettings(variant="plus", common_term_min_passages=10, common_term_share=0.3))
    sentences = engine.sentences
    postings, terms, factors = sentences.part(["工作", "今年"])
    assert postings.bound(terms, factors) is None
    assert engine.ranker._deferred(sentences.part(["工作"]), None, engine.passages.part(["工作"]), 1, 1) is None


@pytest.mark.parametrize("variant", ["okapi", "l"])
def test_a_bound_is_the_most_a_term_adds(variant):
    rng = random.Random(3)
    corpus = random_corpus(rng)
    index = InvertedBM25(corpus, variant)
    vocab = sorted({w for doc in corpus for w in doc})
    for _ in range(30):
        query = rng.sample(vocab, 3)
        postings, terms, factors = index.part(query, [1.0, 0.5, 2.0])
        bound = postings.bound(terms, factors)
        scores = index.scores(query, [1.0, 0.5, 2.0])
        assert bound is not None and scores.max() <= bound + 1e-9
        assert bound <= sum(scores.max() for scores in
                            (index.scores([t], [f]) for t, f in zip(query, [1.0, 0.5, 2.0], strict=True))) + 1e-9


@pytest.mark.parametrize("variant", ["okapi", "l"])
def test_a_few_documents_score_the_same_to_the_bit_in_python(variant, monkeypatch):
    rng = random.Random(13)
    corpus = random_corpus(rng)
    index = InvertedBM25(corpus, variant)
    vocab = sorted({w for doc in corpus for w in doc})
    common = sorted(vocab, key=index.df, reverse=True)[:12]  # postings searched for a few documents
    queries = [(rng.sample(common, 3) + rng.sample(vocab, rng.randint(1, 5)),
                np.array(sorted(rng.sample(range(len(corpus)), rng.randint(1, 12))), dtype=np.int32))
               for _ in range(300)]
    few = [index.scores_on(docs, query, [0.7] * len(query)) for query, docs in queries]
    monkeypatch.setattr(postings, "FEW_DOCS", 0)  # the numpy pass
    for (query, docs), python in zip(queries, few, strict=True):
        assert python.tolist() == index.scores_on(docs, query, [0.7] * len(query)).tolist()


def test_an_unanswered_question_suggests_what_a_fresh_search_would(engine):
    """Suggestions reuse the passages ranking found, and are what searching again gives."""
    query = engine.analyse("鲁班工匠日那天食堂有没有加餐")
    engine.ranker.rank(query)
    assert NEAREST_PASSAGES in query.memo
    assert engine.suggest(query) == engine.suggest(engine.analyse("鲁班工匠日那天食堂有没有加餐"))
