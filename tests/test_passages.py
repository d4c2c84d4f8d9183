from knowledge.passages import split_sentences


def test_lead_in_joins_its_sentence_and_semicolon_clauses_split():
    text = "培育匠人。按照基层推荐等程序开展培育;进一步打造工匠矩阵。"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["培育匠人。按照基层推荐等程序开展培育;", "进一步打造工匠矩阵。"]


def test_every_sentence_knows_its_passage_and_article(engine):
    corpus = engine.corpus
    for sentence in corpus.sentences:
        passage = corpus.passages[sentence.passage_id]
        assert passage.text[sentence.start:sentence.end] == sentence.text
        assert corpus.article_of(sentence).id == "luban-day-article"
    assert any(s.text.startswith("推动设立每年6月11日为“鲁班工匠日”") for s in corpus.sentences)


def test_sentence_without_final_punctuation_is_kept():
    assert split_sentences("没有句号的一段话") == [(0, 8)]
