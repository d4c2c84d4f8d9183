"""Same-sound tolerance: fuzzy readings, pinyin splitting, and the engine reading by sound."""

from __future__ import annotations

import pytest

from knowledge.pinyin import SoundIndex, fuzzy, split_syllables


@pytest.mark.parametrize(("a", "b"), [("zhang", "zang"), ("chu", "cu"), ("shi", "si"), ("ning", "lin"),
                                      ("neng", "len"), ("ying", "yin")])
def test_shandong_fuzzy_pairs_fold_together(a, b):
    assert fuzzy(a) == fuzzy(b)


def test_pinyin_chunks_split_into_syllables_and_english_does_not():
    assert split_syllables("gongjiangri") == ["gong", "jiang", "ri"]
    assert split_syllables("xian") == ["xian"]
    assert split_syllables("hello") is None and split_syllables("asdf") is None


def test_sound_index_reads_index_words_only():
    sounds = SoundIndex(["工匠", "表彰", "领域"], ["多少"])
    assert sounds.index_word("公匠") == "工匠"
    assert sounds.index_word("表章") == "表彰"
    assert sounds.index_word("宁域") == "领域"      # n/l and in/ing
    assert sounds.index_word("多少") is None        # a lexicon word is not an index word
    assert sounds.from_pinyin(["duo", "shao", "gong", "jiang"]) == "多少工匠"


@pytest.mark.parametrize(("question", "expected", "typed"), [
    ("今年表章了多少名劳动模范", "197名", "表章"),
    ("要邀请哪位人民公匠分享成长历程", "许振超", "人民公匠"),  # read as the whole name
    ("找庄市培育了多少名各类工匠", "1470名", "找庄市"),     # zh/z across a word jieba cut differently
])
def test_same_sound_words_are_answered_and_explained(engine, question, expected, typed):
    answer = engine.ask(question, explain=True)
    assert answer.answered and expected in answer.best.sentence
    assert typed in {c.typed for c in answer.corrections}


def test_a_common_word_is_never_corrected(engine):
    answer = engine.ask("推荐一部电影")  # 一部 sounds like 一步 (in 进一步) but is a real word
    assert not answer.answered and answer.corrections == ()


def test_a_corrected_word_counts_a_little_less(engine):
    exact, misheard = engine.ask("鲁班工匠日是哪天"), engine.ask("鲁般工匠日是哪天")
    assert misheard.answered and misheard.best.sentence == exact.best.sentence
    assert misheard.confidence < exact.confidence


@pytest.mark.parametrize(("question", "expected"), [
    ("gongjiangri shi ji yue ji hao", "6月11日"),
    ("gong jiang ri shi ji yue ji hao", "6月11日"),
    ("jinnian biaozhang le duoshao laomo", "197名"),
    ("Luban day 是几月几号", "6月11日"),
    ("劳模 how many", "197名"),
])
def test_pinyin_and_english_questions(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence


def test_a_second_start_reads_the_index_words_readings_from_the_cache(tmp_path, tokenizer, monkeypatch):
    from knowledge import pinyin
    from knowledge.articles import load_folder
    from knowledge.engine import SOUND_KEYS_FILE, Engine
    from tests.helpers import SEED_DIR

    articles = load_folder(SEED_DIR)
    first = Engine(articles, tokenizer, cache_dir=tmp_path)
    asked = first.ask("今年表章了多少名劳动模范", explain=True)
    stored = pinyin.SoundKeys(tmp_path / SOUND_KEYS_FILE).load()
    assert stored["表彰"] == ("biao", "zang")  # the index words' readings, kept
    keyed: list[str] = []
    word_key = pinyin.word_key

    def counted(word: str) -> tuple[str, ...] | None:
        keyed.append(word)
        return word_key(word)

    monkeypatch.setattr(pinyin, "word_key", counted)
    second = Engine(articles, tokenizer, cache_dir=tmp_path)
    assert second.ask("今年表章了多少名劳动模范", explain=True) == asked
    assert keyed and not set(keyed) & set(stored)  # only the typed words were read, no index word


def test_sound_keys_of_another_version_or_damaged_are_ignored(tmp_path):
    from knowledge.pinyin import SoundKeys

    keys = SoundKeys(tmp_path / "keys.txt")
    assert keys.load() == {}
    keys.save({"工匠": ("gong", "jiang"), "乛": None})
    assert keys.load() == {"工匠": ("gong", "jiang"), "乛": None}
    text = (tmp_path / "keys.txt").read_text(encoding="utf-8")
    (tmp_path / "keys.txt").write_text(text + "\nabc\tx\n表彰\n\t\n", encoding="utf-8")
    assert keys.load() == {"工匠": ("gong", "jiang"), "乛": None}  # odd lines skipped
    (tmp_path / "keys.txt").write_text(text.replace("pypinyin", "pypinyin 0"), encoding="utf-8")
    assert keys.load() == {}
    SoundIndex(["工匠"], (), cache := {"工匠": ("xxx", "yyy")})
    assert cache == {"工匠": ("xxx", "yyy")}  # a known reading is used as it is
    assert SoundIndex(["工匠"], (), cache).index_word("公匠") is None
    assert SoundIndex(["工匠"], (), {}).index_word("公匠") == "工匠"
