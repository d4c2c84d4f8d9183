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
