"""Text normalization shared by ingestion and questions.

Articles and questions must be folded the same way before they meet in the index, otherwise a
question typed with full-width digits, traditional characters or stray control characters would
miss text that says the same thing. Display text keeps its simplified, NFKC-folded form.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import warnings

import zhconv

# zhconv opens its dictionary without closing it; load it once here so the ResourceWarning is
# contained and no question pays for the load.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ResourceWarning)
    zhconv.loaddict()

_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# In a question, spaces between two CJK characters are typing noise ("鲁班 工匠日") or a clause
# break (see _space_between_words); in articles they separate names in bylines, so only questions.
_CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》"
_CJK_SPACE = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}])")


def fold_width(text: str) -> str:
    """NFKC turns full-width digits, letters and ASCII punctuation into their half-width forms."""
    return unicodedata.normalize("NFKC", text)


def to_simplified(text: str) -> str:
    """Fold traditional characters so 「紀念館」 meets 「纪念馆」."""
    return str(zhconv.convert(text, "zh-cn"))


def clean_line(text: str) -> str:
    """One line of display text: width-folded, simplified, no control characters, tidy spaces."""
    text = _CONTROL.sub("", fold_width(text))
    text = to_simplified(text)
    return _SPACES.sub(" ", text).strip()


# two-character words that stand as a clause of their own before a space (「您好 我是…」)
_CLAUSE_WORDS = frozenset({"您好", "你好", "拜拜", "谢谢", "多谢", "请问", "麻烦", "打扰", "师傅", "老师", "同志",
                           "大哥", "大姐", "对了", "那个", "就是", "还有", "另外", "好的", "好嘞", "哎呀", "是吗",
                           "是的", "知道", "哈哈", "呵呵", "嘿嘿", "晚安", "早安", "再见", "辛苦", "在吗", "在不",
                           "好吧", "行吧", "明白", "收到", "懂了", "嗯嗯", "谢了", "中中"})
_RUN_BEFORE = re.compile("[\u3400-\u9fff]*$")
_RUN_AFTER = re.compile("[\u3400-\u9fff]*")


def _space_between_words(m: re.Match[str]) -> str:
    """Typed on a phone, a space between two runs of characters often ends a clause (「您好 我是山亭区
    的公交司机 想请问一下…」); inside a name it is noise (「鲁班 工匠日」). A space with a run of at
    least three characters before it, two after it and four on one side, or after a word that stands
    alone (您好, 请问, 师傅), is read as a comma."""
    text, at, end = m.string, m.start(), m.end()
    before, after = _RUN_BEFORE.search(text, 0, at), _RUN_AFTER.match(text, end)
    left, right = len(before.group(0)) if before else 0, len(after.group(0)) if after else 0
    if left == 2 and right >= 2:
        return "，" if text[at - 2:at] in _CLAUSE_WORDS else ""
    return "，" if left >= 3 and right >= 2 and max(left, right) >= 4 else ""


@functools.lru_cache(maxsize=4096)
def normalize_question(text: str, spaces_break: bool = True) -> str:
    """A question folded like article text, on one line, with repeated punctuation collapsed.

    ``spaces_break=False`` joins every space between characters: words spelled from pinyin are
    separated by spaces that never end a clause. Cached: several steps of answering one question
    need it, and zhconv is pure Python."""
    text = clean_line(text.replace("\n", " ").replace("\r", " "))
    text = _CJK_SPACE.sub(_space_between_words if spaces_break else "", text)
    return re.sub(r"([?!。,~.])\1+", r"\1", text)
