"""The index terms of every sentence, from the token cache or from one jieba pass per sentence.

Everything the indexes need comes from this one segmentation: a sentence's terms feed the
sentence index, its passage's terms are its sentences' terms, the bigram index reads the text
directly, and an anaphoric sentence borrows its article's title terms (segmented once per
article). With a cache, articles whose content and dictionary are unchanged skip jieba entirely.
"""

from __future__ import annotations

from knowledge.passages import Corpus
from knowledge.token_cache import TokenCache, content_hash
from knowledge.tokenizer import Tokenizer


def corpus_terms(corpus: Corpus, tokenizer: Tokenizer,
                 cache: TokenCache | None = None) -> tuple[list[list[str]], list[list[str]]]:
    """Terms per sentence (by sentence id) and title terms per article (by article index)."""
    by_article: list[list[int]] = [[] for _ in corpus.articles]
    for sentence in corpus.sentences:
        by_article[corpus.passages[sentence.passage_id].article_index].append(sentence.id)
    sentence_terms: list[list[str]] = [[] for _ in corpus.sentences]
    title_terms: list[list[str]] = []
    # one string object per distinct term: a million duplicates would stay alive until the indexes
    # are built and leave the heap fragmented (and the process larger) long after
    pool: dict[str, str] = {}
    interned = pool.setdefault
    for article, ids in zip(corpus.articles, by_article, strict=True):
        texts = [corpus.sentences[i].text for i in ids]
        key = content_hash(article.source.title, texts) if cache is not None else ""
        cached = cache.get(key, len(ids)) if cache is not None else None
        if cached is None:
            cached = tokenizer.terms(article.source.title), [tokenizer.terms(text) for text in texts]
            if cache is not None:
                cache.put(key, *cached)
        title, terms = cached
        title_terms.append(list(map(interned, title, title)))
        for i, t in zip(ids, terms, strict=True):
            sentence_terms[i] = list(map(interned, t, t))
    return sentence_terms, title_terms
