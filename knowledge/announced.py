"""Items announced by a sentence and given as paragraphs of their own.

Government articles often announce a list (「接下来,枣庄市将围绕以下三个方面,结合实际开展庆祝活动:」)
and give each item as a paragraph opening with a short heading (「培育匠人。…」「礼遇匠才。…」).
The n-th such paragraph is the n-th item; the headings are what 「是哪几个方面」 asks for; and the
announcement says what each item is about.
"""

from __future__ import annotations

import re

from knowledge.passages import Corpus

# 「围绕以下三个方面…:」: a sentence announcing items that follow as paragraphs
_ANNOUNCED = re.compile(r"(?:以下|如下)([二三四五六七八九\d])(?:个|条|项|大)?[\u4e00-\u9fff]{0,4}[^。]*[:：]$")
_CN = "零一二三四五六七八九"
# a paragraph's heading: a short phrase closed by 。 before its first sentence
_HEADING = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})。")


def announced_count(text: str) -> int:
    """How many items the text announces (0 when it announces none)."""
    m = _ANNOUNCED.search(text)
    if m is None:
        return 0
    count = m.group(1)
    return int(count) if count.isdigit() else _CN.find(count)


def announcer(corpus: Corpus, passage_id: int) -> int | None:
    """The passage announcing the items this passage is one of."""
    passages = corpus.passages
    article = passages[passage_id].article_index
    for distance in range(1, 10):
        before = passage_id - distance
        if before < 0 or passages[before].article_index != article:
            return None
        total = announced_count(passages[before].text)
        if total:
            return before if distance <= total else None
    return None


def item_passage(corpus: Corpus, announcing_passage: int, nth: int) -> int | None:
    """The passage giving the n-th item (1-based) of an announcement, if the article has it."""
    total = announced_count(corpus.passages[announcing_passage].text)
    target = announcing_passage + nth
    if not 0 < nth <= total or target >= len(corpus.passages) \
            or corpus.passages[target].article_index != corpus.passages[announcing_passage].article_index:
        return None
    return target


def headings(corpus: Corpus, announcing_passage: int) -> tuple[str, ...]:
    """The items' headings (培育匠人, 礼遇匠才, 传承匠技), or () unless every item has one."""
    total = announced_count(corpus.passages[announcing_passage].text)
    found = []
    for nth in range(1, total + 1):
        target = item_passage(corpus, announcing_passage, nth)
        m = _HEADING.match(corpus.passages[target].text) if target is not None else None
        if m is None:
            return ()
        found.append(m.group(1))
    return tuple(found)
