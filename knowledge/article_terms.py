"""The index terms of every sentence, as term ids, from the token cache, from the engine being
replaced, or from one jieba pass per sentence.

Everything the indexes need comes from this one segmentation: a sentence's terms feed the
sentence index, its passage's terms are its sentences' terms, the bigram index reads the text
directly, and an anaphoric sentence borrows its article's title terms (segmented once per
article). With a cache, articles whose content and dictionary are unchanged skip jieba entirely;
on a reload, articles the previous engine already held are not even read from the cache: their
term ids are taken over from it (same dictionary data and settings only, see ``Engine``).

The terms are numbered in first-use order over the corpus (the order ``index.encode`` gives),
so an engine built with or without a previous one has the very same vocabulary and indexes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np

from knowledge.passages import Corpus, Sentence
from knowledge.term_sets import TermSets
from knowledge.token_cache import TokenCache, content_hash
from knowledge.tokenizer import Tokenizer


def corpus_term_ids(corpus: Corpus, tokenizer: Tokenizer, borrows: Callable[[Sentence], bool],
                    cache: TokenCache | None = None, previous: tuple[Corpus, TermSets] | None = None,
                    reused: Sequence[int | None] = ()) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """The vocabulary (term -> id, in id order), every sentence's term ids one after another (its
    own terms, then its article title's terms when ``borrows(sentence)``), each sentence's length
    and how many of its terms are its own.

    ``reused[i]`` is the index in ``previous``'s corpus of an article equal to article i, whose
    encoded sentences are taken over as they are (ids of the previous vocabulary, renumbered
    below when the first-use order changed)."""
    vocab: dict[str, int] = dict(zip(previous[1].names, itertools.count())) if previous is not None else {}
    old_first = previous[0].article_ranges[1] if previous is not None else []
    first = corpus.article_ranges[1]
    ids: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    own: list[np.ndarray] = []
    used: list[str] = []
    counter = itertools.count(len(vocab))
    for a, article in enumerate(corpus.articles):
        old = reused[a] if previous is not None and reused else None
        if old is not None and previous is not None:
            taken = previous[1].sentence_ids(old_first[old], old_first[old + 1])
            ids.append(taken[0])
            lengths.append(taken[1])
            own.append(taken[2])
            continue
        sentences = corpus.sentences[first[a]:first[a + 1]]
        texts = [s.text for s in sentences]
        key = content_hash(article.source.title, texts) if cache is not None else ""
        used.append(key)
        cached = cache.get(key, len(texts)) if cache is not None else None
        if cached is None:
            cached = tokenizer.terms(article.source.title), [tokenizer.terms(text) for text in texts]
            if cache is not None:
                cache.put(key, *cached)
        title, terms = cached
        sequence: list[str] = []
        sizes: list[int] = []
        for sentence, sentence_terms in zip(sentences, terms, strict=True):
            sequence.extend(sentence_terms)
            if borrows(sentence):
                sequence.extend(title)
                sizes.append(len(sentence_terms) + len(title))
            else:
                sizes.append(len(sentence_terms))
        # one C-level pass: a new term gets the counter's value at its first use, so the ids grow
        # in first-use order (with gaps, closed below) and each term costs one dict call
        ids.append(np.fromiter(map(vocab.setdefault, sequence, counter), dtype=np.int64, count=len(sequence)))
        lengths.append(np.array(sizes, dtype=np.int64))
        own.append(np.fromiter(map(len, terms), dtype=np.int64, count=len(terms)))
    if cache is not None:  # every article's key is known unless some were taken over
        cache.flush(used if previous is None else None)
    flat = np.concatenate(ids).astype(np.int64, copy=False) if ids else np.zeros(0, dtype=np.int64)
    sentence_lengths = np.concatenate(lengths).astype(np.int64, copy=False) if lengths else np.zeros(0, dtype=np.int64)
    plain = np.concatenate(own).astype(np.int64, copy=False) if own else np.zeros(0, dtype=np.int64)
    # the ids by insertion order (the previous engine's, then the counter's) numbered 0, 1, 2 ...
    names = list(vocab)
    given = np.fromiter(vocab.values(), dtype=np.int64, count=len(vocab))
    compact = np.zeros(int(given[-1]) + 1 if len(given) else 0, dtype=np.int32)
    compact[given] = np.arange(len(given), dtype=np.int32)
    names, flat = _first_use_order(names, compact[flat])
    return dict(zip(names, itertools.count())), flat, sentence_lengths, plain


def _first_use_order(names: list[str], flat: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The ids renumbered in first-use order, terms no sentence uses left out. A build without a
    previous engine, or one that only added articles at the end, is in that order already."""
    if len(flat):
        running = np.maximum.accumulate(flat)
        if flat[0] == 0 and int(running[-1]) == len(names) - 1 and bool((flat[1:] <= running[:-1] + 1).all()):
            return names, flat
    elif not names:
        return names, flat
    used, first = np.unique(flat, return_index=True)
    order = used[np.argsort(first, kind="stable")]  # old id of each new id
    renumber = np.zeros(len(names), dtype=np.int32)
    renumber[order] = np.arange(len(order), dtype=np.int32)
    return [names[i] for i in order.tolist()], renumber[flat]
