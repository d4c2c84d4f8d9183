"""The token cache: a second build with unchanged knowledge runs no jieba on cached articles;
a changed article or dictionary is segmented again; broken files are rebuilt."""

import shutil

import pytest

from knowledge.articles import Article, Source
from knowledge.engine import Engine
from knowledge.token_cache import LOG_NAME, TokenCache
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


def records(folder) -> list[str]:
    """The keys of the records in the cache's one file, in file order."""
    [log] = folder.glob(f"tokens-*/{LOG_NAME}")
    return [line[1:33] for line in log.read_text(encoding="utf-8").split("\n") if line.startswith("\x1d")]


@pytest.mark.parametrize("damage", ["cut", "garbage", "count", "bytes"])
def test_damaged_records_are_ignored_and_rebuilt(tmp_path, counting, damage):
    Engine(ARTICLES, counting, cache_dir=tmp_path)
    [log] = tmp_path.glob(f"tokens-*/{LOG_NAME}")
    text = log.read_text(encoding="utf-8")
    second = text.index("\x1d", 1)
    if damage == "cut":  # a crash while appending the second record
        log.write_text(text[:second + 45], encoding="utf-8")
    elif damage == "garbage":  # something after the first record (which is then not trusted), and at the end
        log.write_text(text[:second] + "不是记录\n" + text[second:] + "\x1dxyz", encoding="utf-8")
    elif damage == "count":  # a record that says it holds another number of sentences
        key, count, length = text[second:text.index("\n", second)].split("\t")
        header = "\t".join((key, str(int(count) + 1), length))
        log.write_text(text[:second] + header + text[second + len(header):], encoding="utf-8")
    else:
        log.write_bytes(b"\xff\xfe" + text.encode("utf-8"))
    counting.segmented.clear()
    engine = Engine(ARTICLES, counting, cache_dir=tmp_path)
    lost = 2 if damage == "bytes" else 1
    assert engine.token_cache.misses == lost and engine.token_cache.hits == 2 - lost
    assert len(counting.segmented) == {1: 2 if damage != "garbage" else 3, 2: 5}[lost]  # a title and its sentences
    again = Engine(ARTICLES, counting, cache_dir=tmp_path)
    assert again.token_cache.hits == 2 and sorted(records(tmp_path)) == sorted(set(records(tmp_path)))  # rewritten
    assert again.ask("表彰了多少劳动模范") == engine.ask("表彰了多少劳动模范")


def test_new_records_are_appended_and_stale_ones_dropped_in_time(tmp_path, counting):
    Engine(ARTICLES, counting, cache_dir=tmp_path)
    first = records(tmp_path)
    changed = [Article("b", Source("劳动模范"), (f"枣庄市表彰劳动模范{n}名。",)) for n in range(198, 202)]
    Engine([ARTICLES[0], changed[0]], counting, cache_dir=tmp_path)
    assert records(tmp_path)[:2] == first and len(records(tmp_path)) == 3  # appended, nothing rewritten
    for article in changed[1:]:
        Engine([ARTICLES[0], article], counting, cache_dir=tmp_path)
    assert len(records(tmp_path)) <= 2 * 2 + 1  # more than half stale: rewritten with the current ones
    engine = Engine([ARTICLES[0], changed[-1]], counting, cache_dir=tmp_path)
    assert engine.token_cache.hits == 2


def test_terms_the_format_cannot_hold_are_not_cached(tmp_path):
    cache = TokenCache(tmp_path, "x")
    cache.put("a" * 32, ["标题"], [["有\t制表符"], []])
    cache.put("b" * 32, ["标题"], [["换\n行"]])
    cache.put("c" * 32, ["标题"], [[""]])
    cache.put("d" * 32, [], [["工匠", "鲁班"], []])
    cache.put("e" * 32, ["标题"], [["工匠", ""]])
    cache.put("f" * 32, ["", "标题"], [["工匠"]])
    cache.put("0" * 32, ["标题"], [["工匠\t"], ["鲁班"]])
    cache.put("1" * 32, ["标\x1d题"], [])
    cache.flush()
    reader = TokenCache(tmp_path, "x")
    assert [reader.get(k * 32, n) for k, n in (("a", 2), ("b", 1), ("c", 1), ("e", 1), ("f", 1), ("0", 2),
                                               ("1", 0))] == [None] * 7
    assert reader.get("d" * 32, 2) == ([], [["工匠", "鲁班"], []])


def test_an_unwritable_cache_only_costs_the_caching(tmp_path, counting):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    engine = Engine(ARTICLES, counting, cache_dir=blocker / "cache")  # a path under a file: cannot be created
    assert engine.ask("鲁班工匠日是哪天").answered
    assert TokenCache(blocker, "x").get("k", 1) is None
