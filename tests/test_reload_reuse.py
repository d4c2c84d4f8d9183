"""A reload hands the serving engine to the new one: unchanged articles are not segmented again,
their sentences, terms and dates are taken over, and the result is exactly the engine a fresh
build gives (same vocabulary order, scores, answers). Terms from other dictionary data or
another anaphora setting are never taken over."""

import itertools
import shutil

import numpy as np
import pytest

from bot.services.knowledge import KnowledgeService
from knowledge.articles import Article, Source, load_folder
from knowledge.engine import Engine
from knowledge.index import encode
from knowledge.passages import Corpus
from knowledge.settings import EngineSettings
from knowledge.suggest import passage_topics
from knowledge.tokenizer import DATA_DIR
from tests.helpers import SEED_DIR
from tests.test_token_cache import CountingTokenizer

ARTICLES = [
    Article("day", Source("鲁班工匠日", date="2024-03-01"),
            ("推动设立每年6月11日为“鲁班工匠日”。本节日由枣庄市总工会设立。", "4月28日举行首届手造工匠大赛。")),
    Article("models", Source("劳动模范", date="2024-04-02"),
            ("枣庄市表彰劳动模范197名。该批劳模来自全市各行业。",)),
    Article("school", Source("工匠学院", date="2024-05-03"),
            ("枣庄工匠学院于2023年9月1日揭牌。其培训课程面向一线职工。", "学院培育了1470名工匠。")),
]
NEW_TEXT = "2024年5月1日,枣庄市举办了新的鲁班工匠日活动,共有三百名工匠参加。"
EXTRA = Article("new", Source("新文章", date="2024-06-04"), (NEW_TEXT,))
QUESTIONS = ["鲁班工匠日是哪天", "表彰了多少劳动模范", "工匠学院什么时候揭牌", "培育了多少工匠", "新的活动有多少人参加",
             "手造工匠大赛", "天气怎么样", "离鲁班工匠日还有几天"]


@pytest.fixture(scope="module")
def counting() -> CountingTokenizer:
    return CountingTokenizer()


def segmented_texts(articles: list[Article]) -> list[str]:
    """What a build segments for these articles: each title, then each sentence."""
    corpus = Corpus.build(articles)
    first = corpus.article_ranges[1]
    return [text for a, article in enumerate(articles)
            for text in (article.source.title, *(s.text for s in corpus.sentences[first[a]:first[a + 1]]))]


def assert_same_engine(built: Engine, fresh: Engine) -> None:
    assert built.corpus == fresh.corpus
    assert list(built.sentences.terms()) == list(fresh.sentences.terms())  # the same ids, in the same order
    assert [built.sentence_vocab(i) for i in range(len(built.corpus.sentences))] == \
        [fresh.sentence_vocab(i) for i in range(len(fresh.corpus.sentences))]
    assert [built.passage_vocab(i) for i in range(len(built.corpus.passages))] == \
        [fresh.passage_vocab(i) for i in range(len(fresh.corpus.passages))]
    assert built.date_facts == fresh.date_facts
    assert built._suggester.per_passage == fresh._suggester.per_passage
    for question in QUESTIONS:
        assert built.search(question) == fresh.search(question)  # scores to the last bit
        assert built.ask(question) == fresh.ask(question)


def test_a_reload_segments_only_the_new_article(counting):
    serving = Engine(ARTICLES, counting)
    counting.segmented.clear()
    reloaded = Engine([*ARTICLES, EXTRA], counting, previous=serving)
    assert counting.segmented == segmented_texts([EXTRA])
    assert_same_engine(reloaded, Engine([*ARTICLES, EXTRA], counting))
    assert "三百名" in reloaded.ask("新的活动有多少人参加").best.sentence
    assert reloaded.corpus.sentences[0] is serving.corpus.sentences[0]  # unmoved sentences are the same objects


@pytest.mark.parametrize("change", ["edited", "removed", "reordered", "inserted"])
def test_changed_and_moved_articles_give_a_fresh_build(counting, change):
    serving = Engine([*ARTICLES, EXTRA], counting)
    edited = Article("models", Source("劳动模范", date="2024-04-02"),
                     ("枣庄市表彰劳动模范198名。该批劳模来自全市各行业。",))
    articles, new = {
        "edited": ([ARTICLES[0], edited, ARTICLES[2], EXTRA], [edited]),
        "removed": ([ARTICLES[1], ARTICLES[2], EXTRA], []),
        "reordered": ([EXTRA, ARTICLES[2], ARTICLES[0], ARTICLES[1]], []),
        "inserted": ([ARTICLES[0], edited, *ARTICLES, EXTRA], [edited]),
    }[change]
    counting.segmented.clear()
    reloaded = Engine(articles, counting, previous=serving)
    assert counting.segmented == segmented_texts(new)  # a changed article IS segmented again
    assert_same_engine(reloaded, Engine(articles, counting))


def test_other_dictionary_data_is_never_taken_over(tmp_path, counting):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "userdict.txt").write_text((DATA_DIR / "userdict.txt").read_text(encoding="utf-8") + "表彰劳动 10 n\n",
                                       encoding="utf-8")
    edited = CountingTokenizer(userdict=data / "userdict.txt", data_dir=data)
    assert edited.data_hash != counting.data_hash
    serving = Engine(ARTICLES, counting)
    reloaded = Engine(ARTICLES, edited, previous=serving)
    assert edited.segmented == segmented_texts(ARTICLES)  # every article again, with the new dictionary
    assert_same_engine(reloaded, Engine(ARTICLES, edited))


def test_added_words_change_the_data_hash_and_are_not_taken_over():
    tokenizer = CountingTokenizer()
    serving = Engine(ARTICLES, tokenizer)
    before = tokenizer.data_hash
    tokenizer.add_words(["表彰劳动"])
    assert tokenizer.data_hash != before  # the token cache and a reload both follow the dictionary
    tokenizer.segmented.clear()
    reloaded = Engine(ARTICLES, tokenizer, previous=serving)
    assert tokenizer.segmented == segmented_texts(ARTICLES)
    assert_same_engine(reloaded, Engine(ARTICLES, tokenizer))


def test_another_anaphora_setting_is_not_taken_over(counting):
    serving = Engine(ARTICLES, counting)
    counting.segmented.clear()
    settings = EngineSettings(anaphora=False)
    reloaded = Engine(ARTICLES, counting, settings, previous=serving)
    assert counting.segmented == segmented_texts(ARTICLES)
    assert_same_engine(reloaded, Engine(ARTICLES, counting, settings))
    assert reloaded.sentence_vocab(1) != serving.sentence_vocab(1)  # 「本节日…」 borrows no title terms now


def test_the_bot_reload_hands_over_the_serving_engine(config, counting):
    service = KnowledgeService(config, counting)
    (config.knowledge.articles / "new.txt").write_text(f"新文章\n{NEW_TEXT}\n", encoding="utf-8")
    service.reload()
    cache = service.engine.token_cache
    assert cache is not None and (cache.hits, cache.misses) == (0, 1)  # the seed article was not even read
    assert "三百名" in service.ask("新的活动有多少人参加").best.sentence
    fresh = KnowledgeService(config, counting)
    assert fresh.engine.token_cache.hits == 2
    assert_same_engine(service.engine, fresh.engine)


def reference_topics(passage_terms: list[list[str]]) -> list[tuple[str, ...]]:
    """The definition, over term strings: terms only this passage uses, Han, 3+ characters, none
    inside another; longest first, then by first use."""
    df = {t: sum(t in set(p) for p in passage_terms) for t in set(itertools.chain(*passage_terms))}
    topics = []
    for terms in passage_terms:
        own = {t for t in terms if df[t] == 1 and len(t) >= 3 and all("\u3400" <= c <= "\u9fff" for c in t)}
        own = {t for t in own if not any(t != o and t in o for o in own)}
        topics.append(tuple(sorted(own, key=lambda t: (-len(t), terms.index(t)))[:2]))
    return topics


def test_passage_topics_from_ids_follow_the_definition(tokenizer):
    crafted = [["枣庄手造工匠", "手造工匠", "工匠", "鲁班工匠日", "枣庄手造工匠"],
               ["工匠", "鲁班工匠日", "劳动模范表彰"], [],
               ["abc", "工匠学院", "学院", "工匠学院", "培训课程表", "一线职工"], ["工匠"]]
    assert reference_topics(crafted) == [("枣庄手造工匠",), ("劳动模范表彰",), (), ("培训课程表", "工匠学院"), ()]
    seed = [[t for s in article.paragraphs for t in tokenizer.terms(s)] for article in load_folder(SEED_DIR)]
    passages = crafted + seed
    vocab, flat, lengths = encode(passages)
    df = np.zeros(len(vocab), dtype=np.int64)
    for terms in passages:
        df[[vocab[t] for t in set(terms)]] += 1
    assert passage_topics(list(vocab), flat, lengths, df) == reference_topics(passages)


def count_cleaning(monkeypatch) -> list[str]:
    """The first line (the title) of every article file cleaned from now on."""
    import knowledge.articles

    cleaned: list[str] = []
    clean_article = knowledge.articles.clean_article

    def counted(raw: str, **kwargs):
        cleaned.append(raw.splitlines()[0])
        return clean_article(raw, **kwargs)

    monkeypatch.setattr(knowledge.articles, "clean_article", counted)
    return cleaned


def test_a_reload_cleans_only_the_article_files_that_changed(config, counting, monkeypatch):
    service = KnowledgeService(config, counting)
    seed = service.engine.corpus.articles[0]
    cleaned = count_cleaning(monkeypatch)
    folder = config.knowledge.articles
    (folder / "new.txt").write_text(f"新文章\n{NEW_TEXT}\n", encoding="utf-8")
    service.reload()
    assert cleaned == ["新文章"] and service.engine.corpus.articles[0] is seed
    meta = next(folder.glob("*.meta.yaml"))
    meta.write_text(meta.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")  # the sidecar changed
    (folder / "new.txt").write_text(f"新文章\n{NEW_TEXT.replace('三百', '四百')}\n", encoding="utf-8")
    cleaned.clear()
    service.reload()
    assert len(cleaned) == 2 and "新文章" in cleaned  # both files again: one text, one sidecar changed
    assert "四百名" in service.ask("新的活动有多少人参加").best.sentence
    (folder / "new.txt").unlink()
    cleaned.clear()
    service.reload()
    assert cleaned == [] and len(service.engine.corpus.articles) == 1


def test_a_second_start_takes_the_cleaned_articles_from_the_cache(config, counting, monkeypatch):
    import bot.services.loading
    from bot.services.knowledge import ARTICLES_FILE

    (config.knowledge.articles / "new.txt").write_text(f"新文章\n{NEW_TEXT}\n", encoding="utf-8")
    first = KnowledgeService(config, counting)
    cleaned = count_cleaning(monkeypatch)
    second = KnowledgeService(config, counting)
    assert cleaned == [] and second.engine.corpus.articles == first.engine.corpus.articles
    assert second.ask("新的活动有多少人参加") == first.ask("新的活动有多少人参加")
    stored = second.cache_dir / ARTICLES_FILE
    stored.write_text(stored.read_text(encoding="utf-8")[:-20], encoding="utf-8")  # cut short: ignored
    assert KnowledgeService(config, counting).engine.corpus.articles == first.engine.corpus.articles
    assert len(cleaned) == 2
    cleaned.clear()
    assert KnowledgeService(config, counting).engine.corpus == first.engine.corpus and cleaned == []  # rewritten
    monkeypatch.setattr(bot.services.loading, "_cleaning_version", lambda: "other cleaning code")
    KnowledgeService(config, counting)
    assert len(cleaned) == 2  # kept by other code: cleaned again
