import random

import numpy as np
import pytest

from knowledge.index import VARIANTS, InvertedBM25, make_bm25


def random_corpus(rng, docs=300, vocab=200):
    words = [f"w{i}" for i in range(vocab)]
    return [[rng.choice(words[: rng.randint(3, vocab)]) for _ in range(rng.randint(0, 25))] for _ in range(docs)]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_scores_equal_rank_bm25(variant):
    rng = random.Random(7)
    corpus = random_corpus(rng)
    ours, reference = InvertedBM25(corpus, variant), make_bm25(corpus, variant, 1.5, 0.75)
    vocab = sorted({w for doc in corpus for w in doc}) + ["absent"]
    for _ in range(200):
        query = [rng.choice(vocab) for _ in range(rng.randint(0, 8))]
        assert np.allclose(ours.scores(query), reference.get_scores(query), rtol=0, atol=1e-9)


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
