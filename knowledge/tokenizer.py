"""The one tokenizer for articles and questions.

Both sides go through the same steps (width folding, traditional->simplified, jieba with the
campaign dictionary, stopwords) so a term can only match itself. jieba's search mode also emits
the known sub-words of long terms (鲁班工匠日 -> 鲁班, 工匠, 工匠日, 鲁班工匠日), which lets a
partial name still meet the full one. Questions additionally map workers' aliases to the
campaign's wording, from ``data/synonyms.yaml``; which granularity of a question word to search
for is the engine's choice, since only it knows the vocabulary.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jieba
import yaml

from knowledge.focus import FocusRules
from knowledge.normalize import clean_line, normalize_question
from knowledge.smalltalk import SmallTalk
from knowledge.transliterate import read_glossary

DATA_DIR = Path(__file__).with_name("data")
_WORDLIKE = re.compile(r"[\w%]", re.UNICODE)
jieba.setLogLevel(logging.WARNING)

# An ordinal (第八届, 第二个) is also indexed by its class (第#届): 「是不是第一个鲁班工匠日」 and
# 「这是第几届」 then find the sentence that says which one, whatever its number.
ORDINAL_WORD = re.compile(r"第(?:\d+|[一二三四五六七八九十百千两]+)([个届次期批轮季])")


TERMS_MEMO_MAX = 200_000  # distinct words whose index terms are kept
QUESTION_TERMS_MEMO_MAX = 20_000  # distinct question words whose index terms are kept
USERDICT_FLOOR = 2000  # a dictionary word's count that holds against 日前, 前头 (2,144, 315)


def ordinal_class(unit: str) -> str:
    return f"第#{unit}"


_HAN = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")


def char_bigrams(text: str) -> list[str]:
    """Overlapping character pairs of each run of Han characters (and of Latin/digit runs)."""
    grams: list[str] = []
    for run in _HAN.findall(text.lower()):
        grams.extend(run[i:i + 2] for i in range(len(run) - 1)) if len(run) > 1 else grams.append(run)
    return grams


def read_word_list(path: Path) -> set[str]:
    """Whitespace-separated words; ``#`` starts a comment."""
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return words


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML keeps the last of two equal keys silently; a term listed twice would lose the
    aliases of its first line, so it is an error that names the term."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ValueError(f"{key!r} is listed twice (line {key_node.start_mark.line + 1}); "
                                 "merge its aliases into one line")
            seen.add(key)
        return super().construct_mapping(node, deep)


def read_synonyms(path: Path) -> dict[str, str]:
    """alias -> canonical term, from a YAML mapping of canonical term -> list of aliases."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader) or {}
    except ValueError as error:
        raise ValueError(f"{path.name}: {error}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping of term -> [aliases]")
    aliases: dict[str, str] = {}
    for canonical, names in data.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError(f"{path.name}: the aliases of {canonical!r} must be a list of strings")
        for name in names:
            aliases[clean_line(name)] = clean_line(str(canonical))
    return aliases


def _tagged_words(path: Path, tag: str) -> set[str]:
    """Words of a jieba user dictionary that carry the given part-of-speech tag."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[-1] == tag:
            words.add(parts[0])
    return words


@dataclass
class Tokenizer:
    """jieba with the campaign dictionary; build once at start-up (loading takes ~0.3 s)."""

    userdict: Path = DATA_DIR / "userdict.txt"
    stopwords_path: Path = DATA_DIR / "stopwords.txt"
    synonyms_path: Path = DATA_DIR / "synonyms.yaml"
    data_dir: Path = DATA_DIR
    stopwords: set[str] = field(init=False)
    light_words: set[str] = field(init=False)
    synonyms: dict[str, str] = field(init=False)
    _terms_memo: dict[str, tuple[str, ...]] = field(init=False, repr=False, default_factory=dict)
    _word_terms_memo: dict[str, tuple[str, ...]] = field(init=False, repr=False, default_factory=dict)
    _added_words: list[str] = field(init=False, repr=False, default_factory=list)

    def __post_init__(self) -> None:
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        with self.userdict.open("rb") as handle:  # a path would be opened and never closed by jieba
            self._jieba.load_userdict(handle)
        for word in self._userdict_words():
            # jieba gives a listed word just enough weight to be cut whole on its own; beside a
            # common word it loses (工匠日前头 -> 工匠 / 日前 / 头). Campaign words are what
            # questions are about, so they weigh like ordinary common words.
            if len(word) > 2 and self._jieba.FREQ.get(word, 0) < USERDICT_FLOOR:
                self._jieba.add_word(word, USERDICT_FLOOR)
        self.stopwords = read_word_list(self.stopwords_path)
        self.light_words = read_word_list(self.data_dir / "lightwords.txt")
        self.synonyms = read_synonyms(self.synonyms_path)
        for word in (*self.synonyms, *self.synonyms.values()):
            if self._jieba.FREQ.get(word, 0) == 0:
                self._jieba.add_word(word)
        # question-side language data: what a question can ask for, small talk, English words
        self.focus = FocusRules(self.data_dir / "focus.yaml")
        self.small_talk = SmallTalk(self.data_dir / "smalltalk.yaml")
        self.glossary = read_glossary(self.data_dir / "english.yaml")
        self.person_names = _tagged_words(self.userdict, "nr")
        self.surnames = set("".join(read_word_list(DATA_DIR / "surnames.txt")))

    def words(self, text: str) -> list[str]:
        """Plain segmentation of display text (no sub-words, nothing dropped)."""
        return [w for w in self._jieba.lcut(text) if w.strip()]

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """Words with their character offsets, for rules that look at positions."""
        return list(self._jieba.tokenize(text))

    def is_person_name(self, word: str) -> bool:
        """A listed name, or a 2-3 character word jieba's HMM found that starts with a surname.

        jieba's POS tagger would say the same for most names but costs 0.4 s of start-up.
        """
        if word in self.person_names:
            return True
        return (
            2 <= len(word) <= 3
            and word[0] in self.surnames
            and self._jieba.FREQ.get(word, 0) == 0
            and all("\u4e00" <= ch <= "\u9fff" for ch in word)
        )

    def frequency(self, word: str) -> int:
        """jieba's dictionary count for a word (0 when jieba does not know it as a word)."""
        return self._jieba.FREQ.get(word, 0) or 0

    def is_content(self, word: str) -> bool:
        """A word that says what the question is about (not punctuation, not a stopword)."""
        if len(word) == 2 and word[1] in "了过着" and word[0] in self.stopwords:
            return False  # jieba fuses aspect particles onto light verbs (整了, 搞过)
        return bool(_WORDLIKE.search(word)) and word not in self.stopwords

    def terms(self, text: str) -> list[str]:
        """Index terms: each content word plus the dictionary words inside it.

        jieba's search mode (known 2- and 3-character sub-words), applied after stopword removal
        so a stopword compound (什么时候) does not leak its parts. Longer sub-words are added only
        when they end the word: Chinese compounds are head-final, so 枣庄手造工匠 is a kind of
        手造工匠, while 鲁班工匠日 is a day and not a 鲁班工匠.
        """
        terms: list[str] = []
        memo = self._terms_memo
        for word in self._jieba.lcut(text):
            expanded = memo.get(word)
            if expanded is None:  # a corpus repeats its words: each is expanded once
                expanded = tuple(self._word_terms(word)) if self.is_content(word) else ()
                if len(memo) < TERMS_MEMO_MAX:
                    memo[word] = expanded
            terms.extend(expanded)
        return terms

    def word_terms(self, word: str) -> list[str]:
        """The index terms of one already segmented word (its known sub-words, then itself);
        no jieba call, so a question segmented once can be expanded freely."""
        known = self._word_terms_memo.get(word)
        if known is not None:
            return list(known)
        terms = self._word_terms(word)
        if len(self._word_terms_memo) < QUESTION_TERMS_MEMO_MAX:  # questions' words, not the corpus's
            self._word_terms_memo[word] = tuple(terms)
        return terms

    def _word_terms(self, word: str) -> list[str]:
        freq = self._jieba.FREQ
        terms: list[str] = []
        for n in (2, 3):
            if len(word) > n:
                terms.extend(g for i in range(len(word) - n + 1) if freq.get(g := word[i:i + n]))
        terms.extend(g for n in range(4, len(word)) if freq.get(g := word[-n:]))
        terms.append(word)
        ordinal = ORDINAL_WORD.fullmatch(word)
        if ordinal:
            terms.append(ordinal_class(ordinal.group(1)))
        return [t.lower() for t in terms]

    def query_words(self, question: str) -> list[tuple[str, ...]]:
        """Each content word of a question with its alias's wording: 「家里」 -> ("家里", "家庭")."""
        words: list[tuple[str, ...]] = []
        for word in self.words(normalize_question(question)):
            word = word.lower()
            if self.is_content(word):
                canonical = self.synonyms.get(word)
                words.append((word, canonical) if canonical and canonical != word else (word,))
        return words

    @functools.cached_property
    def data_hash(self) -> str:
        """What article terms depend on besides the text: the dictionaries, stopwords, synonyms
        and jieba's version, and the words added since (the token cache, and a reloading engine
        taking over its predecessor's terms, are keyed by it)."""
        digest = hashlib.sha256(f"jieba {jieba.__version__} {self._jieba.dictionary or 'default dictionary'}".encode())
        for path in (self.userdict, self.stopwords_path, self.synonyms_path):
            digest.update(b"\x00" + path.read_bytes())
        for word in self._added_words:
            digest.update(b"\x01" + word.encode("utf-8"))
        return digest.hexdigest()

    @functools.cached_property
    def lexicon(self) -> frozenset[str]:
        """Words a question may contain besides the index's: spelled from pinyin by sound."""
        words = {*self.stopwords, *self.synonyms, *self.focus.words, *self.glossary.values()}
        words.update(w for w in self._userdict_words() if len(w) > 1)
        return frozenset(words)

    def _userdict_words(self) -> list[str]:
        return [line.split()[0] for line in self.userdict.read_text(encoding="utf-8").splitlines() if line.split()]

    def add_words(self, words: Iterable[str]) -> None:
        for word in words:
            self._jieba.add_word(word)
            self._added_words.append(word)
        self._terms_memo.clear()  # sub-words depend on the dictionary
        self._word_terms_memo.clear()
        self.__dict__.pop("data_hash", None)  # and so do the terms cached under it
