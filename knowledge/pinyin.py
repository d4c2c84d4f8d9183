"""Same-sound tolerance: words typed by voice or a pinyin keyboard, and questions typed in pinyin.

Workers dictate or pick the first candidate of a pinyin keyboard, so a question arrives with a
word that sounds like the campaign's but is written differently (公匠 for 工匠, 表章 for 表彰),
or in pinyin itself (``gongjiangri shi ji yue ji hao``). Readings come from ``pypinyin`` and are
compared tone-insensitively and across the pairs a Shandong speaker mixes (z/zh, c/ch, s/sh,
n/l, en/eng, in/ing). Only words the index does not know are read as index words: a word the
knowledge uses is never "corrected".
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import types
from collections.abc import Iterable
from pathlib import Path

from knowledge.atomic_file import write_atomically

MAX_WORD = 6          # longest word read by sound, in characters
MAX_READINGS = 16     # cap on heteronym combinations of one substring
_HAN = re.compile(r"^[\u3400-\u9fff]+$")


def fuzzy(syllable: str) -> str:
    """A toneless syllable folded across the sound pairs Shandong speakers mix."""
    s = syllable.lower().replace("ü", "v")
    if s[:2] in ("zh", "ch", "sh"):
        s = s[0] + s[2:]
    if s.startswith("n"):
        s = "l" + s[1:]
    if s.endswith(("eng", "ing")):
        s = s[:-1]
    return _SPOKEN.get(s, s)


# readings said (and typed) beside the dictionary's: 谁 is shei as often as shui
_SPOKEN = {"sei": "sui"}


def _pypinyin() -> types.ModuleType:  # imported on first use: its tables cost 0.5 s and 60 MB at start-up
    import pypinyin

    return pypinyin


@functools.lru_cache(maxsize=8192)
def char_readings(char: str) -> tuple[str, ...]:
    """Every fuzzy reading of one character (heteronyms included: 长 is chang and zhang)."""
    pinyin, Style = _pypinyin().pinyin, _pypinyin().Style
    readings = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(fuzzy(r) for r in readings[0])) if readings else ()


@functools.lru_cache(maxsize=65536)
def word_key(word: str) -> tuple[str, ...] | None:
    """The fuzzy reading of a word as written (pypinyin's phrase-aware choice of heteronyms)."""
    pinyin, Style = _pypinyin().pinyin, _pypinyin().Style
    syllables = pinyin(word, style=Style.NORMAL, errors="ignore")
    if len(syllables) != len(word):
        return None
    return tuple(fuzzy(s[0]) for s in syllables)


@functools.lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """All toneless pinyin syllables, from pypinyin's character table."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            found.add(to_normal(reading).replace("ü", "v"))
    return frozenset(s for s in found if s.isascii() and s.isalpha())


_INTERJECTIONS = frozenset({"ng", "n", "m", "hm", "hng", "ê"})


def split_syllables(chunk: str) -> list[str] | None:
    """``gongjiangri`` -> [gong, jiang, ri]; None if the chunk is not pinyin (``hello``).

    The split with the fewest syllables, longest syllable first on a tie, so ``xian`` stays one
    syllable, ``xianggang`` still splits and ``lubangongjiangri`` is lu ban gong jiang ri, not
    lu bang o ng jiang ri. Interjections (ng, m, hm) are never typed as syllables.
    """
    chunk = chunk.lower().replace("'", "")
    known = syllables() - _INTERJECTIONS

    @functools.cache
    def split(i: int) -> tuple[str, ...] | None:
        if i == len(chunk):
            return ()
        best: tuple[str, ...] | None = None
        for n in range(min(6, len(chunk) - i), 0, -1):
            piece = chunk[i:i + n]
            if piece in known:
                rest = split(i + n)
                if rest is not None and (best is None or len(rest) + 1 < len(best)):
                    best = (piece, *rest)
        return best

    found = split(0)
    return list(found) if found else None


_QUESTION_CHARS = re.compile(r"[几哪谁啥吗么怎咋多]|什么")


_HEARD_MAX = 50_000  # stretches remembered by a sound index (cleared when full)


class SoundIndex:
    """Fuzzy reading -> words, for the index's words and the question words the engine knows."""

    def __init__(self, index_words: Iterable[str], lexicon_words: Iterable[str] = (),
                 keys: dict[str, tuple[str, ...] | None] | None = None):
        """``keys``: words' readings known already (see :class:`SoundKeys`); the ones worked
        out here are added to it."""
        self._index: dict[tuple[str, ...], str] = {}
        self._lexicon: dict[tuple[str, ...], str] = {}
        # a typed stretch -> the index word it sounds like: questions share their misheard and
        # unknown stretches, and reading one costs a few pinyin look-ups
        self._heard: dict[str, str | None] = {}
        known: dict[str, tuple[str, ...] | None] = {} if keys is None else keys
        for table, words in ((self._index, index_words), (self._lexicon, lexicon_words)):
            for word in sorted(set(words), key=lambda w: (-len(w), w)):
                if 1 <= len(word) <= MAX_WORD and _HAN.match(word):
                    key = known[word] if word in known else known.setdefault(word, word_key(word))
                    if key:
                        table.setdefault(key, word)

    def index_word(self, text: str) -> str | None:
        """An index word that sounds like ``text`` (any reading of each character), if one does."""
        if not 2 <= len(text) <= MAX_WORD:
            return None
        if text in self._heard:
            return self._heard[text]
        if len(self._heard) >= _HEARD_MAX:
            self._heard.clear()
        found = self._heard[text] = self._index_word(text)
        return found

    def _index_word(self, text: str) -> str | None:
        # voice input writes a character for its common reading: 车 typed for che, never for its
        # chess reading ju (车证 is no 矩阵); the typed word's own phrase reading comes first
        per_char = [char_readings(ch) for ch in text]
        if not all(per_char):
            return None
        typed = word_key(text)
        if typed is not None:
            word = self._index.get(typed)
            if word is not None:
                return word
        per_char = [readings[:1] for readings in per_char]
        for key in itertools.islice(itertools.product(*per_char), MAX_READINGS):
            word = self._index.get(key)
            if word is not None:
                return word
        return None

    def from_pinyin(self, sounds: list[str]) -> str:
        """Han text for a run of pinyin syllables: the spelling with the fewest words (syllables
        that spell no known word are dropped: a lone ``le`` or ``de`` carries nothing), ties going
        to question words of two syllables or more, so ``shi ji yue ji hao`` is 是几月几号, not
        事迹月几号."""
        keys = [fuzzy(s) for s in sounds]
        # best[i]: (cost, -syllables in question words, words) for keys[i:]
        best: list[tuple[int, int, list[str]]] = [(0, 0, [])] * (len(keys) + 1)
        for i in range(len(keys) - 1, -1, -1):
            options = [(best[i + 1][0] + 2, best[i + 1][1], 0, best[i + 1][2])]  # syllable dropped
            for n in range(1, min(MAX_WORD, len(keys) - i) + 1):
                key = tuple(keys[i:i + n])
                listed = self._lexicon.get(key) if n > 1 else None
                word = listed or self._index.get(key) if n > 1 else self._lexicon.get(key) or self._index.get(key)
                if word:
                    cost, bonus, rest = best[i + n]
                    # only a question word earns the bonus (几月, 几号): 「jizhe shi shui」 is
                    # 记者是谁, not 几 + 这事 (a stopword of the lexicon) + 谁
                    asked = listed is not None and _QUESTION_CHARS.search(listed) is not None
                    options.append((cost + 1, bonus - (n if asked else 0), -n, [word, *rest]))
            # on a tie the longer word at this position wins (记者 over 几)
            cost, bonus, _, words = min(options, key=lambda o: (o[0], o[1], o[2]))
            best[i] = (cost, bonus, words)
        return "".join(best[0][2])


class SoundKeys:
    """Words' readings (``word_key``) kept on disk, so a restart builds its sound index without
    pypinyin's phrase lookup for each of the index's words (at 100k sentences, 33,000 words: a
    second, paid by the first question that needs the sound index).

    One line per word, ``word<TAB>syllables`` (space-separated; ``!`` when it has no reading),
    after a first line naming this format and pypinyin's version: a file of another version is
    ignored. Written whole, to a temporary name and renamed; unreadable or odd lines are skipped.
    """

    FORMAT = 2  # bump when fuzzy() or word_key() change

    def __init__(self, path: Path):
        self.path = path

    def _stamp(self) -> str:
        return f"sound-keys {self.FORMAT} pypinyin {_pypinyin().__version__}"

    def load(self) -> dict[str, tuple[str, ...] | None]:
        try:
            lines = self.path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            return {}
        if lines[0] != self._stamp():
            return {}
        keys: dict[str, tuple[str, ...] | None] = {}
        for line in lines[1:]:
            word, tab, reading = line.partition("\t")
            if tab and _HAN.match(word) and reading:
                keys[word] = None if reading == "!" else tuple(reading.split(" "))
        return keys

    def save(self, keys: dict[str, tuple[str, ...] | None]) -> None:
        """Store these readings (and only these); a full or read-only disk only costs the keeping."""
        text = "\n".join([self._stamp(), *(f"{w}\t{' '.join(k) if k else '!'}" for w, k in keys.items())])
        with contextlib.suppress(OSError):
            write_atomically(self.path, text)
