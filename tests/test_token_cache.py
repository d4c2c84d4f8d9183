"""The token cache: a second build with unchanged knowledge runs no jieba on cached articles;
a changed article or dictionary is segmented again; broken files are rebuilt."""

import json
import shutil

import pytest

from knowledge.articles import Article, Source
from knowledge.engine import Engine
from knowledge.token_cache import TokenCache
from knowledge.tokenizer import DATA_DIR, Tokenizer

ARTICLES = [
    Article("a", Source("鲁班工匠日"), ("鲁班工匠日定于每年6月11日。本节日由枣庄市总工会设立。",)),
    Article("b", Source("劳动模范"), ("枣庄市表彰劳动模范197名。",)),
]


class CountingTokenizer(Tokenizer):
    """Counts jieba segmentations of article text."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.segmented: list[str] = []

    def terms(self, text: str) -> list[str]:
        self.segmented.append(text)
        return super().terms(text)


@pytest.fixture(scope="module")
def counting() -> CountingTokenizer:
    return CountingTokenizer()


def test_second_build_uses_the_cache_and_answers_the_same(tmp_path, counting):
    first = Engine(ARTICLES, counting, cache_dir=tmp_path)
    assert counting.segmented and first.token_cache.misses == 2
    counting.segmented.clear()
    second = Engine(ARTICLES, counting, cache_dir=tmp_path)
    assert counting.segmented == []  # no jieba on article text at all
    assert second.token_cache.hits == 2 and second.token_cache.misses == 0
    for question in ("鲁班工匠日是哪天", "表彰了多少劳动模范"):
        assert first.ask(question) == second.ask(question)
    assert second.sentence_vocab(1) == first.sentence_vocab(1)  # anaphoric: title terms from the cache too


def test_only_a_changed_article_is_segmented_again(tmp_path, counting):
    Engine(ARTICLES, counting, cache_dir=tmp_path)
    counting.segmented.clear()
    changed = Article("b", Source("劳动模范"), ("枣庄市表彰劳动模范198名。",))
    engine = Engine([ARTICLES[0], changed], counting, cache_dir=tmp_path)
    assert counting.segmented == ["劳动模范", "枣庄市表彰劳动模范198名。"]
    assert "198名" in engine.ask("表彰了多少劳动模范").best.sentence


def test_a_changed_dictionary_invalidates(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    tokenizer = CountingTokenizer(userdict=data / "userdict.txt", data_dir=data)
    Engine(ARTICLES, tokenizer, cache_dir=tmp_path / "cache")
    with (data / "userdict.txt").open("a", encoding="utf-8") as handle:
        handle.write("枣庄工匠 10 n\n")
    edited = CountingTokenizer(userdict=data / "userdict.txt", data_dir=data)
    assert edited.data_hash != tokenizer.data_hash
    engine = Engine(ARTICLES, edited, cache_dir=tmp_path / "cache")
    assert engine.token_cache.misses == 2 and len(edited.segmented) == 5  # 2 titles + 3 sentences
    assert len(list((tmp_path / "cache").glob("tokens-*"))) == 1  # the stale folder is gone


def test_corrupt_or_foreign_files_are_ignored_and_rebuilt(tmp_path, counting):
    Engine(ARTICLES, counting, cache_dir=tmp_path)
    files = sorted(tmp_path.glob("tokens-*/*.json"))
    files[0].write_text("{not json", encoding="utf-8")
    foreign = json.loads(files[1].read_text(encoding="utf-8"))
    foreign["sentences"] = [[7] for _ in foreign["sentences"]]  # right key and count, terms not strings
    files[1].write_text(json.dumps(foreign), encoding="utf-8")
    counting.segmented.clear()
    engine = Engine(ARTICLES, counting, cache_dir=tmp_path)
    assert engine.token_cache.misses == 2 and counting.segmented
    assert Engine(ARTICLES, counting, cache_dir=tmp_path).token_cache.hits == 2  # written again


def test_an_unwritable_cache_only_costs_the_caching(tmp_path, counting):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    engine = Engine(ARTICLES, counting, cache_dir=blocker / "cache")  # a path under a file: cannot be created
    assert engine.ask("鲁班工匠日是哪天").answered
    assert TokenCache(blocker, "x").get("k", 1) is None
