"""Turn a scraped web article into clean paragraphs.

Scraped pages carry noise that would pollute answers: pinyin glosses after hard words
(``发布会(fābùhuì)``), the title repeated and glued to the first paragraph, the body pasted
twice, and page furniture (相关推荐, 评论列表 …). Each rule below is general so that organizers
can drop in more articles scraped the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from knowledge.normalize import clean_line

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A gloss is a parenthesised run of lower-case pinyin: tone marks or tone digits show it is pinyin,
# which keeps real parentheses such as "(工人日报客户端记者 田国垒)" or "(AI)".
_GLOSS = re.compile(
    rf"\((?=[a-z{_TONED}1-5' ]*[{_TONED}1-5])[a-z{_TONED}1-5' ]{{1,40}}\)"
)
_PUNCT_OR_SPACE = re.compile(r"[\s\W_]+")
_SENTENCE_END = "。!?;…"

DEFAULT_FURNITURE: tuple[str, ...] = (
    "相关推荐", "相关阅读", "评论列表", "暂无评论", "发表评论", "欢迎", "责任编辑", "分享到", "扫一扫",
    "上一篇", "下一篇", "返回顶部", "版权所有", "点击查看", "打开APP", "阅读原文",
)
_FURNITURE_MAX_CHARS = 20


@dataclass(frozen=True)
class CleanArticle:
    """An article's title and its paragraphs, in reading order, each once."""

    title: str
    paragraphs: tuple[str, ...]


def strip_pinyin_glosses(text: str) -> str:
    return _GLOSS.sub("", text)


def _key(text: str) -> str:
    """Comparison key: what is left after spaces and punctuation, so near-identical copies match."""
    return _PUNCT_OR_SPACE.sub("", text)


def is_furniture(line: str, furniture: Iterable[str]) -> bool:
    """A short line without sentence punctuation that names a page widget is page furniture."""
    key = _key(line)
    if len(key) > _FURNITURE_MAX_CHARS or any(mark in line for mark in _SENTENCE_END):
        return False
    return any(_key(word) and _key(word) in key for word in furniture)


_HEADLINE_MIN_CHARS = 8


def _split_title(line: str, title: str) -> str:
    """Remove a headline from the start of a line, however often it was glued there.

    Only headlines are stripped: a short title such as a name (「范廷颂」) legitimately starts
    its first sentence, so it is removed only when it stands alone on the line.
    """
    if line == title:
        return ""
    if len(title) < _HEADLINE_MIN_CHARS:
        return line
    while title and line.startswith(title):
        line = line[len(title):].lstrip(" :,")
    return line


def clean_article(raw: str, *, title: str | None = None, furniture: Sequence[str] = DEFAULT_FURNITURE) -> CleanArticle:
    """Clean a scraped article; the first non-empty line is its title unless metadata gives one."""
    lines = [clean_line(strip_pinyin_glosses(line)) for line in raw.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return CleanArticle(title=title or "", paragraphs=())
    page_title = clean_line(title) if title else lines[0]
    seen: set[str] = set()
    paragraphs: list[str] = []
    for line in lines:
        line = _split_title(line, page_title)
        if not line or is_furniture(line, furniture):
            continue
        key = _key(line)
        if key in seen:
            continue
        seen.add(key)
        paragraphs.append(line)
    return CleanArticle(title=page_title, paragraphs=tuple(paragraphs))
