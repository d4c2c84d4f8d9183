import random

import numpy as np

from knowledge.bigrams import BigramBM25, _codes_of, code_of
from knowledge.index import InvertedBM25
from knowledge.tokenizer import char_bigrams

TEXTS = ["鲁班工匠日是6月11日。", "Luban Day 2024年举行!", "枣庄市总工会;徐婷介绍", "a", "", "。。", "ＡＢ工匠"]


def test_bigrams_are_char_bigrams_as_numbers():
    codes, lengths = _codes_of(TEXTS)
    per_text = np.split(codes, np.cumsum(lengths)[:-1])
    for text, own in zip(TEXTS, per_text, strict=True):
        assert own.tolist() == [code_of(g) for g in char_bigrams(text)]


def test_scores_equal_a_string_bigram_index():
    rng = random.Random(3)
    pool = "鲁班工匠日枣庄市总工会劳动模范ab12"
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(200)]
    ours = BigramBM25(texts, "okapi", 1.2, 0.5)
    reference = InvertedBM25([char_bigrams(t) for t in texts], "okapi", 1.2, 0.5)
    for _ in range(50):
        query = char_bigrams("".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))) + ["不在"]
        assert np.allclose(ours.scores(query), reference.scores(query), rtol=1e-6, atol=1e-6)


def assert_same_postings(a, b):
    for field in ("size", "has_baseline"):
        assert getattr(a, field) == getattr(b, field)
    for field in ("offsets", "ids", "weights", "idf", "baseline"):
        x, y = getattr(a, field), getattr(b, field)
        assert x.dtype == y.dtype and np.array_equal(x, y)  # bit for bit, not within a tolerance


def test_postings_by_code_are_the_postings_of_the_codes_ranks():
    from knowledge.postings import Postings

    rng = np.random.default_rng(5)
    lengths = rng.integers(0, 12, size=300)
    lengths[[0, 7, 299]] = 0  # empty documents, at the ends too
    for high in (50, 1 << 40, np.iinfo(np.int64).max // 10):  # the last would overflow code x size
        codes = rng.integers(0, high, size=int(lengths.sum()), dtype=np.int64)
        codes[::3] = codes[0]  # repeated codes: term frequencies above 1
        for variant in ("okapi", "plus", "l"):
            ours, distinct = Postings.build_by_code(codes, lengths, variant, 1.2, 0.5)
            expected, inverse = np.unique(codes, return_inverse=True)
            assert np.array_equal(distinct, expected) and distinct.dtype == np.int64
            assert_same_postings(ours, Postings.build(inverse.astype(np.int32), lengths, expected.tolist(), variant,
                                                      1.2, 0.5))
    none = np.zeros(0, dtype=np.int64)
    empty, distinct = Postings.build_by_code(none, np.zeros(4, dtype=np.int64), "okapi", 1.2, 0.5)
    assert empty.size == 4 and len(distinct) == 0


def test_remembered_bigram_ids_give_the_same_scores_and_stay_bounded(monkeypatch):
    import knowledge.bigrams as bigrams
    monkeypatch.setattr(bigrams, "_KNOWN_MAX", 4)
    index = BigramBM25(TEXTS, "okapi", 1.2, 0.75)
    query = ["工匠", "不在", "枣庄", "徐婷"]
    first = index.scores(query).tolist()
    assert index._known == {"工匠": index._search(["工匠"])[0], "不在": -1, "枣庄": index._search(["枣庄"])[0],
                            "徐婷": index._search(["徐婷"])[0]}
    assert index.scores(query).tolist() == first  # now read from memory
    index.scores(["总工", "介绍"])  # over the bound: forgotten, then these two kept
    assert set(index._known) == {"总工", "介绍"}
    assert index.scores(query).tolist() == first
