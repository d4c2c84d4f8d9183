"""Latin letters in a question: English words and pinyin, turned into the Chinese they stand for.

Workers type 「Luban day 是几月几号」 or a whole question in pinyin when the keyboard is in the
wrong mode. English phrases come from ``data/english.yaml`` (longest first, whole words); what
is left is read as pinyin when every chunk splits into syllables, and spelled with the index's
and the question vocabulary's words (:class:`knowledge.pinyin.SoundIndex`). Anything else (a
product name, ``hello``) stays as typed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from knowledge.pinyin import SoundIndex, split_syllables

_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z' ]*[A-Za-z]|[A-Za-z]")


def read_glossary(path: Path) -> dict[str, str]:
    """English phrase (lower case) -> Chinese, from a YAML mapping of Chinese -> [phrases]."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping of Chinese -> [English phrases]")
    glossary: dict[str, str] = {}
    for chinese, phrases in data.items():
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ValueError(f"{path.name}: the phrases of {chinese!r} must be a list of strings")
        for phrase in phrases:
            glossary[" ".join(phrase.lower().split())] = str(chinese)
    return glossary


class Transliterator:
    def __init__(self, glossary: dict[str, str], sounds: SoundIndex):
        self.sounds = sounds
        self.glossary = glossary
        alternatives = sorted(glossary, key=len, reverse=True)
        self._english = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
                                   + r")\b", re.IGNORECASE) if alternatives else None

    def __call__(self, text: str) -> str:
        """The question with English phrases and pinyin replaced; unchanged when it has no letters."""
        if not re.search(r"[A-Za-z]", text):
            return text
        text = _POSSESSIVE.sub(" 的", text)  # 「Xu Ting's position」: 徐婷的职务
        return _LATIN_RUN.sub(lambda m: self._run(m.group(0)), text)

    def _run(self, run: str) -> str:
        pieces: list[str] = []
        last = 0
        for match in self._english.finditer(run) if self._english else ():
            pieces.append(self._pinyin(run[last:match.start()]))
            pieces.append(self.glossary[" ".join(match.group(0).lower().split())])
            last = match.end()
        pieces.append(self._pinyin(run[last:]))
        return "".join(pieces)

    def _pinyin(self, text: str) -> str:
        """Each run of chunks that all split into syllables is read; other chunks (an English
        word the glossary lacks: 「who is renmin gongjiang」) stay as typed between them."""
        chunks = text.split()
        if not chunks:
            return text
        out: list[str] = []
        run: list[str] = []
        for chunk in [*chunks, ""]:
            split = split_syllables(chunk) if chunk else None
            if split is not None:
                run.append(chunk)
                continue
            if run:
                sounds = [s for c in run for s in split_syllables(c) or []]
                out.append(self.sounds.from_pinyin(sounds) or " ".join(run))
                run = []
            if chunk:
                out.append(chunk)
        joined = " ".join(out)
        return (" " if text[:1] == " " else "") + joined + (" " if text[-1:] == " " else "")
