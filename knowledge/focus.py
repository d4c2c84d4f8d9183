"""Answerability: does the chosen passage say the thing asked, not only the thing asked about?

「鲁班纪念馆几点开门」 is *about* 鲁班纪念馆 (its topic), but *asks* for an opening hour (its
focus). A passage that mentions the museum without an hour must not be served as the answer.
A focus is found three ways, all general rules of how Chinese questions ask:

- a word of ``data/focus.yaml`` (开放时间, 门票, 电话, 名单, 报名, 放假, 年龄 …): covered when
  the passage matches that class's pattern (a "when" focus by a time, a price by an amount …);
- the question's kind (哪天 -> a date, 多少 -> a number, 谁 -> a person, post or body, 哪里 ->
  a place): covered when the sentence carries that kind of fact;
- a list asked for when the question already states how many (「130多个工匠品牌都有哪些」):
  a count does not answer it, an enumeration does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

# (「“6+3”产业具体指哪6个哪3个」: which ones of a stated number)
_ENUM_ASK = re.compile(r"哪些|哪几|都有啥|都有什么|都是啥|都是什么|都叫啥|都叫什么|都是谁|都有谁|具体是|"
                       r"哪[\d一二三四五六七八九十两]+[个家项类种样]")
# (「这几年都做了哪些事」: a span of years states no count)
_STATED_COUNT = re.compile(r"\d|那几(?![年天])|这几(?![年天])|多个|那些")
_NAMES_ASK = re.compile(r"(?:哪些|哪几家|哪几个|哪家)[\u4e00-\u9fff]{0,3}?"
                        r"(?:企业|公司|单位|厂子?|工厂|学校|医院|机构|煤矿|矿)|"
                        r"哪几家|哪些家|"
                        # (「参加结对共建的企业都有哪些」: the kind named first, then asked for)
                        r"(?:企业|公司|单位|厂子|工厂|学校|医院|机构)(?:都|具体|分别)?(?:有|是)哪些")
_WHICH_OUTLETS = re.compile(r"哪几家|哪些家")
_BODY = r"(?:日报|晚报|电视台|广播电台|客户端|报社|公司|集团|企业|工厂|厂|学校|医院|协会|联盟)"
_LISTED_BODIES = re.compile(rf"{_BODY}[、和及与][^,，。;；、]{{1,10}}{_BODY}")
# 「前几天听工友说」: a time in the past, not a question about how many days
_TIME_AGO = re.compile(r"[前这那近好头]几天")
_ENUMERATION = re.compile(r"、|一是|其一|分别是|包括")
# a count stated in the question and the noun it counts (「近40个行业」 -> 行业)
_COUNTED_NOUN = re.compile(r"(?:\d+|[一二三四五六七八九十百千]+)[余多]?[个名项家种类条所座]([\u4e00-\u9fff]{2})")
# (「拍全家福的是哪些单位」 asks who did it: 各级工会 says it)
_KIND_ASKED = re.compile(r"主要|重点|哪类|哪种|什么样|啥样|什么类型|哪一类|的是哪些")
# 「主要组织哪些企业」 is answered by a kind of organization too (非公企业, 中小企业), not only by names
_KIND_OF_ORGANIZATION = re.compile(r"(?:非公|民营|国有|国营|私营|中小|小微|规上|规模以上|骨干|龙头|外资|合资|省属|市属|"
                                   r"县属|区属|重点|高新技术)(?:企业|公司|单位|工厂|厂)|各级(?:工会|政府|部门|单位|组织)")


# 「刷手机看到个消息」「在微信上看到」: the phone is how the worker heard, not a contact asked for
_MEANS_WORDS = frozenset({"手机", "微信"})
_WORKED_IN = frozenset({"办公室", "会议室"})


_CALLED = frozenset({"电话", "手机"})


# 「介绍情况的那位女同志叫什么」: after a classifier for a person it is that person, not a part of the
# workforce asked about
_PERSON_WORDS = frozenset({"女同志", "男同志", "女性", "男性", "女工", "妇女"})


# 「有没有资格参加结对共建」: whether one may take part, asked like 能不能参加; not what it takes
_MAY_TAKE_PART = re.compile(r"(?<=[有够])资格(?=参加|参与|参评|报名|报|评|加入|去|入选)")
_POINTED = frozenset({"这种", "那种", "这类", "那类", "这样的", "那样的"})
_CONDITION_WORDS = frozenset({"当上", "当选"})
_CONDITION_AFTER = re.compile(r"[^，,。？?！!]{1,6}?(?:能|可以|就|以后|之后)")


def _means(text: str, m: re.Match[str]) -> bool:
    """A focus word used as a means, not asked for: 「刷手机看到的」, 「打电话问我」; or naming the
    person asked about: 「那位女同志」."""
    before = text[m.start() - 1] if m.start() > 0 else ""
    if m.group(0) in _PERSON_WORDS and before in ("位", "个"):
        return True
    if m.group(0) in _MEANS_WORDS and before and before in "刷玩翻用拿在看":
        return True
    if m.group(0) in _WORKED_IN and before == "坐":  # 「坐办公室的」: office workers, not an address
        return True
    if m.group(0) in _CALLED and before in ("打", "接", "来"):  # 打电话 is a call, not a number asked
        return True
    if _MAY_TAKE_PART.match(text, m.start()):
        return True
    if text[max(m.start() - 2, 0):m.start()] in _POINTED or text[max(m.start() - 3, 0):m.start()] in _POINTED:
        return True  # 「有没有疗养这种待遇」: the 待遇 is the thing named before it, not money asked
    # 「当上工匠能去疗养不」: taking the title is the condition of what is asked, not the ask
    return m.group(0) in _CONDITION_WORDS and _CONDITION_AFTER.match(text, m.end()) is not None


@dataclass(frozen=True)
class FocusClass:
    name: str
    words: tuple[str, ...]
    covered_by: re.Pattern[str]


@dataclass(frozen=True)
class Focus:
    """One thing the question asks for, and where in the question it was found."""

    word: str
    start: int
    rule: str  # a focus class name, an intent value, or "list"


class FocusRules:
    def __init__(self, path: Path):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path.name}: expected a mapping of class -> {{words, covered_by}}")
        self.classes: list[FocusClass] = []
        for name, entry in data.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("words"), list) \
                    or not isinstance(entry.get("covered_by"), str):
                raise ValueError(f"{path.name}: {name} needs words (a list) and covered_by (a pattern)")
            try:
                pattern = re.compile(entry["covered_by"])
            except re.error as exc:
                raise ValueError(f"{path.name}: {name}: bad covered_by pattern ({exc})") from None
            self.classes.append(FocusClass(str(name), tuple(str(w) for w in entry["words"]), pattern))
        self._by_name = {c.name: c for c in self.classes}
        words = sorted({w for c in self.classes for w in c.words}, key=len, reverse=True)
        self._owner = {w: c.name for c in reversed(self.classes) for w in c.words}
        self._find = re.compile("|".join(map(re.escape, words))) if words else None

    @property
    def words(self) -> set[str]:
        return set(self._owner)

    def lexical(self, text: str, spans: list[tuple[int, int]]) -> list[Focus]:
        """Focus words inside the given character spans of the question (its non-preamble clauses)."""
        if self._find is None:
            return []
        found = []
        for lo, hi in spans:
            found += [Focus(m.group(0), m.start(), self._owner[m.group(0)]) for m in self._find.finditer(text, lo, hi)
                      if not _TIME_AGO.match(text, max(m.start() - 1, 0)) and not _means(text, m)]
        return found

    def covers(self, focus: Focus, passage: str) -> bool:
        focus_class = self._by_name.get(focus.rule)
        return focus_class is None or bool(focus_class.covered_by.search(passage))


def asks_enumeration(question: str) -> bool:
    """「130多个工匠品牌都有哪些」: the asker knows how many and wants them named; 「都有哪些企业
    参加了」: the asker wants the names of organizations, which a description does not give."""
    if _NAMES_ASK.search(question):
        return True
    m = _ENUM_ASK.search(question)
    return m is not None and bool(_STATED_COUNT.search(question[:m.start()]))


def enumerates(sentence: str, question: str = "") -> bool:
    """Does the sentence list things, or (for 「主要组织哪些企业」, a kind asked) name a kind of
    organization? 「都有哪些企业参加了」 still wants names."""
    if _WHICH_OUTLETS.search(question):
        # 「市级主流媒体指的是哪几家」: a list of the outlets or bodies themselves, not of what they do
        return bool(_LISTED_BODIES.search(sentence))
    counted = _COUNTED_NOUN.search(question)
    at = sentence.find(counted.group(1)) if counted else -1
    if at >= 0:
        # 「近40个行业领域具体是哪些行业」: the list must follow the counted noun (the sentence's
        # 一是… lists the 特点, not the 行业)
        return bool(_ENUMERATION.search(sentence, at))
    if _ENUMERATION.search(sentence):
        return True
    return bool(_NAMES_ASK.search(question)) and bool(_KIND_ASKED.search(question)) \
        and bool(_KIND_OF_ORGANIZATION.search(sentence))
