import random

import numpy as np
import pytest

from knowledge.index import VARIANTS, InvertedBM25, make_bm25
from knowledge.postings import PositionMap


def random_corpus(rng, docs=300, vocab=200):
    words = [f"w{i}" for i in range(vocab)]
    return [[rng.choice(words[: rng.randint(3, vocab)]) for _ in range(rng.randint(0, 25))] for _ in range(docs)]


# Weights are stored as float32 (24-bit mantissa, relative error <= 6e-8 each) and summed in
# float64, so a score of up to 8 query terms is within 1e-6 relative of rank-bm25's float64 one.
FLOAT32_TOLERANCE = {"rtol": 1e-6, "atol": 1e-6}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_scores_equal_rank_bm25(variant):
    rng = random.Random(7)
    corpus = random_corpus(rng)
    ours, reference = InvertedBM25(corpus, variant), make_bm25(corpus, variant, 1.5, 0.75)
    vocab = sorted({w for doc in corpus for w in doc}) + ["absent"]
    for _ in range(200):
        query = [rng.choice(vocab) for _ in range(rng.randint(0, 8))]
        expected = reference.get_scores(query)
        assert np.allclose(ours.scores(query), expected, **FLOAT32_TOLERANCE)
        docs = np.array(sorted(rng.sample(range(len(corpus)), 40)), dtype=np.int32)
        assert np.allclose(ours.scores_on(docs, query), expected[docs], **FLOAT32_TOLERANCE)
        hits = ours.top(query, k=5)
        best = np.sort(expected[ours.matching(query)])[::-1][:5]
        assert np.allclose([h.score for h in hits], best, **FLOAT32_TOLERANCE)  # the same top scores


def test_weighted_query_terms_scale_their_contribution():
    corpus = [["a", "b"], ["b", "c"], ["a", "c", "c"]]
    index = InvertedBM25(corpus, "plus")
    a, b = index.scores(["a"]), index.scores(["b"])
    assert np.allclose(index.scores(["a", "b"], [1.0, 0.5]), a + 0.5 * b, **FLOAT32_TOLERANCE)


def test_the_rank_bm25_model_is_not_kept():
    index = InvertedBM25([["a", "b"], ["b"], ["c"]], "okapi")
    assert not hasattr(index, "model")
    assert index.idf("a") > 0 and index.idf("zzz") == 0.0


def test_top_ranks_by_score_and_skips_unmatched_documents():
    index = InvertedBM25([["a", "b"], ["b"], ["c"], ["a", "a", "d"]], "okapi")
    hits = index.top(["a"], k=10)
    assert {h.doc_id for h in hits} == {0, 3}
    assert hits[0].score >= hits[1].score
    assert index.top(["zzz"]) == []


def test_empty_corpus_query_and_unknown_terms_are_safe():
    for corpus in ([], [[], []]):
        index = InvertedBM25(corpus, "plus")
        assert index.top(["a"]) == []
        assert list(index.scores(["a"])) == [0.0] * len(corpus)
    index = InvertedBM25([["a"], ["b"]], "plus")
    assert index.top([]) == []
    assert index.df("a") == 1 and index.df("x") == 0


def test_unknown_variant_names_the_choices():
    with pytest.raises(ValueError, match="okapi, plus, l"):
        InvertedBM25([["a"]], "bm99")


def test_scores_on_through_a_reused_position_map():
    index = InvertedBM25([["a"], ["b"], ["a", "b"], ["c"], ["a"]], "okapi")
    positions = PositionMap(index.size)
    for docs in ([0, 2, 4], [1, 2], [3], [0, 1, 2, 3, 4]):
        ids = np.array(docs, dtype=np.int32)
        expected = index.scores(["a", "b"])[ids]
        assert np.allclose(index.scores_on(ids, ["a", "b"], where=positions.of(ids)), expected)


def test_few_postings_are_summed_in_python_to_the_same_bits(monkeypatch):
    # a handful of postings is summed in Python (fewer numpy calls); the documents and every score
    # must be exactly those of the numpy pass, which longer lists take
    import knowledge.postings as postings

    rng = random.Random(11)
    corpus = random_corpus(rng, docs=120, vocab=60)
    index = InvertedBM25(corpus, "okapi")
    vocab = sorted({w for doc in corpus for w in doc}) + ["absent"]
    queries = [[rng.choice(vocab) for _ in range(rng.randint(1, 6))] for _ in range(150)]
    weights = [[rng.choice([1.0, 0.5, 0.8]) for _ in q] for q in queries]
    monkeypatch.setattr(postings, "_FEW_POSTINGS", 10**9)  # every list in Python
    few = [index.matching_scores(q, w) for q, w in zip(queries, weights, strict=True)]
    monkeypatch.setattr(postings, "_FEW_POSTINGS", -1)  # every list through numpy
    many = [index.matching_scores(q, w) for q, w in zip(queries, weights, strict=True)]
    assert sum(len(d) for d, _ in few) > 0
    for (docs_a, scores_a), (docs_b, scores_b) in zip(few, many, strict=True):
        assert docs_a.tolist() == docs_b.tolist() and scores_a.tolist() == scores_b.tolist()


def test_top_breaks_ties_by_document_id():
    # fifty documents score alike for "a"; every seventh scores higher (it holds "a" twice); two
    # hundred more without "a" keep its idf positive
    corpus = [["a", "a", "x"] if n % 7 == 0 else ["a", "x", "y"] for n in range(50)] + [["z", "x", "y"]] * 200
    hits = InvertedBM25(corpus, "okapi").top(["a"], k=10)
    assert [h.doc_id for h in hits] == [0, 7, 14, 21, 28, 35, 42, 49, 1, 2]


def test_top_positions_are_the_first_of_a_stable_sort():
    from knowledge.postings import top_positions

    rng = np.random.default_rng(0)
    for _ in range(500):
        scores = rng.integers(0, 6, int(rng.integers(1, 60))).astype(float)  # many ties
        k = int(rng.integers(1, 12))
        expected = np.sort(np.argsort(-scores, kind="stable")[:k])
        assert top_positions(scores, k).tolist() == expected.tolist()
