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
# In a question, spaces between two CJK characters are typing noise ("鲁班 工匠日"); in articles
# they separate names in bylines, so only questions drop them.
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


@functools.lru_cache(maxsize=4096)
def normalize_question(text: str) -> str:
    """A question folded like article text, on one line, with repeated punctuation collapsed.

    Cached: several steps of answering one question need it, and zhconv is pure Python."""
    text = _CJK_SPACE.sub("", clean_line(text.replace("\n", " ").replace("\r", " ")))
    return re.sub(r"([?!。,~.])\1+", r"\1", text)
