"""What a question asks beyond its topic, found from its shape (no word list per article).

Each rule names a part of the question that the answer sentence itself must say:

- a yes/no question (「疗休养能带家属吗」, 「管不管饭」, 「有没有奖金」) asks about its predicate,
  the words after the modal or the A-not-A form (带家属, 饭, 奖金), not about its topic;
- a "where" question needs a place the sentence puts something in, at or from (「在…」,
  「从…发布会」, 「位于」), not any word ending in 市 or 馆 (鲁班纪念馆 is the topic, not a place);
- a "how many" question needs a count, not an ordinal (「第八届」 is not how many were chosen),
  and a 「第几」 question needs an ordinal;
- a "who exactly" question (「都是谁」, 「叫什么名字」) needs a name, not a post or a group, and a
  group the sentence leaves vague (「省内部分工匠」) is not named by it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from knowledge.reading import Token

YES_NO_END = re.compile(r"(?:吗|(?<![什怎那这多])么|不|没|没有)[呢吧啊呀哩呗嘛]*$")
# 「今年是头一回办吧」「许振超会来吧」: a statement with 吧 asks to have it confirmed
_CONFIRMING = re.compile(r"(?:是|会|能|要|有|还).+吧$")
# 「是头一回搞还是第几回」: two alternatives, the first one a statement to check
_CHOICE = re.compile(r"(?<=\w)还是(?=\w)")
_NUMBER_ASKED = re.compile(r"第几|几|多少")
# A-not-A: 能不能, 要不要, 有没有, 管不管, 放不放, 可不可以, 需不需要
_A_NOT_A = re.compile(r"有没有|是不是|(\w)[不没]\1")
# (资格 of 「有没有资格参加」 says may, like 能)
MODALS = frozenset({"能", "能够", "可以", "可", "要", "需要", "需", "得", "用", "会", "让", "准", "允许",
                    "必须", "应该", "该", "想", "得要", "资格"})
# modals of permission: 「X能评Y吗」 asks whether X may, so X must be said as well as Y
ELIGIBILITY_MODALS = frozenset({"能", "能够", "可以", "可", "准", "允许", "能不能", "可不可以", "准不准", "让不让"})
# asking the bot to tell (「能告诉我…吗」「能不能跟我说说」「能帮我核对一下吗」), not whether one may
REQUEST = re.compile(r"告诉|说说|说一下|讲讲|讲一下|帮|核对|查|列|介绍|解释|[给跟和对]\s*[我俺咱]")
# A modal jieba fused onto the verb it governs (能带, 要穿, 可报): the predicate starts with it.
_FUSED_MODAL = "能要可需准该"
# The asked place: something happens in, at, from or to it, or the sentence says where it lies.
_PLACE_SUFFIX = (r"(?:省|市|县|区|镇|乡|村|街道|路|街|号|广场|公园|[馆园站场院室楼厅厂]|中心|基地|会场|学校|大学|"
                 r"学院|酒店|宾馆|大厦|公司|企业|单位|发布会|景区|[山湖岛]|[内外上里中下]|家)")
_LOCATION = re.compile(
    r"(?:(?<![存现正实所])在(?!于)|(?<![得达受感做想提遇看听收找回])到|(?<![对关由用属等终善在易至])于|"
    r"(?<![自服])从(?!事)|赴|前往|来自)[^,，。;；:：、!?！？]{0,14}?" + _PLACE_SUFFIX
    + r"|(?:向|往|朝)(?![着来])[^,，。;；]{2}|位于|坐落|地点|地址|场地")
# a named venue (鲁班纪念馆, 体育中心): an answer when the question does not already name it
_VENUE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:馆|园|广场|中心|基地|礼堂|会场|体育场|学校|公园|景区|大厦|酒店|宾馆|"
                    r"会议室)")
# 「钱从哪来」, 「哪里的支持」: a source, which an organization names as well as a place
SOURCE_ASK = re.compile(r"从哪|哪来|哪[里儿]来|哪[里儿]?的|哪些地方的|什么地方的|哪个地方的|"
                        r"哪[里儿]?给|谁给|哪[里儿]?出|哪[里儿]?弄|哪家(?:媒体|报社|单位|报纸)|哪家的")
_ORDINAL = re.compile(r"第[\d一二三四五六七八九十百千两]+[个名项届位家种次人批类条座所件年期轮]?")
_DATE = re.compile(r"\d{4}年|\d{1,2}月\d{1,2}[日号]?")
_COUNT = re.compile(r"\d|[一二三四五六七八九十百千万两]+[个名项届位家种次人批成大类条座所件余多]|%|百分之|"
                    r"半数|全部|所有")
# 「都是谁」, 「都有谁」, 「具体是谁」, 「叫什么名字」: the asker wants names, not a post or a group
WHO_EXACTLY = re.compile(r"都[是有]谁|都[是有]哪些人|都(?:邀请|请|叫|来)了?(?:谁|哪些人)|具体(?:是|有)?谁|是哪几位|"
                         r"叫(?:什么|啥)名字?|名字叫|"
                         r"名字是(?:啥|什么)|都叫(?:什么|啥)|姓(?:什么|啥)")
# a group a sentence mentions without naming its members
_VAGUE = "部分|一些|若干|多名|多位|众多|其他|其余|有关|相关"


def yes_no_predicate(clause: str, tokens: Sequence[Token], offset: int) -> tuple[int, int] | None:
    """Where a yes/no question's predicate starts (for the label) and where the words it needs
    covered start; ``None`` for a question that is not yes/no. Positions are in the question.

    「疗休养管不管饭」 -> the words after 管不管 (饭); 「拍全家福要穿工装吗」 -> after 要 (穿工装);
    「疗休养能带家属吗」 (jieba: 能带) -> from 能带; with no modal, the last word
    (「疗休养包吃住吗」 -> 吃住).
    """
    m = _A_NOT_A.search(clause)
    if m:
        return offset + m.start(), offset + m.end()
    choice = _CHOICE.search(clause)
    if choice:  # 「是头一回搞还是第几回了」: a first alternative stating a number is checked like 「是头一回吗」
        tokens = [t for t in tokens if t.end <= offset + choice.start()]
        if not (any(is_number_word(t.word) for t in tokens) and _NUMBER_ASKED.search(clause, choice.end())):
            return None  # (「只办一次还是年年都有」 offers two statements, it checks no number)
    elif not (YES_NO_END.search(clause) or _CONFIRMING.search(clause)):
        return None
    words = [t for t in tokens if re.search(r"\w", t.word) and not YES_NO_END.fullmatch(t.word)]
    for token in words[1:]:  # the first word is the topic, even 「要求…」
        if token.word in MODALS:
            return token.start, token.end
        if len(token.word) == 2 and token.word[0] in _FUSED_MODAL:
            return token.start, token.start
    if len(words) >= 2:
        return words[-1].start, words[-1].start
    return None


_DATE_UNIT = frozenset("年月日号")
# a day guessed by its holiday (「是不是6月1号儿童节那天」): a stated date answers it
_HOLIDAY = re.compile(r"儿童节|劳动节|五一|国庆节?|十一|端午节?|中秋节?|春节|元旦|清明节?|妇女节|青年节|建党节|建军节|"
                      r"教师节|重阳节?|七夕|元宵节?|腊八|除夕|小年")

# when a statement holds (「今年」「这次」): said once for a whole passage, not in each sentence
TIME_FRAME = re.compile(r"今年|去年|明年|这次|这回|这届|本次|本届|此次|目前|现在|如今")
# 「许振超是不是已经确定要来了」: whether a plan is settled is answered by a sentence stating the
# plan (「拟邀请」: planned, not settled), yes or no
SETTLED = frozenset({"确定", "肯定", "一定", "定了", "敲定", "落实", "定下来", "定下", "确认",
                     "板上钉钉", "铁定", "准定", "定"})
_PLANNED = re.compile(r"拟|计划|预计|准备|即将|将要|已经|已|确定|敲定")
# Verbs and measure words that carry no claim of their own in a yes/no predicate: 「有没有给工匠
#安排疗休养」 asks about 疗休养, whatever verb the article uses for it (开展).
GENERIC_PREDICATE = frozenset({
    "有", "有份", "是", "办", "搞", "弄", "整", "给", "送",
    "拍", "做", "干", "去", "来", "安排", "开展", "举办", "组织",
    "进行", "参加", "参与", "人", "个", "名", "位", "事", "一下", "自己", "咱", "俺", "咱们", "俺们", "大家",
    # receiving (「有没有拿到省总工会的钱」): what was received is the predicate that matters
    "拿", "拿到", "得到", "收到", "获得", "领到", "得了",
    # being part of it (「俺们非公的能沾上边不」): what one would be part of is the predicate
    "沾", "沾边", "沾上边", "沾上", "沾光", "沾点光", "上边",
})
# words that compare a number (「超过了200名」, 「不到一百个」): the sentence's number answers them
COMPARATIVES = frozenset({"超过", "超", "多于", "少于", "不到", "不足", "达到", "到达", "以上", "以下", "上百",
                          "过百", "破百", "差不多", "将近", "接近", "左右", "大概", "大约", "至少", "最多", "多", "少",
                          # a share checked (「占比有没有过半」): 65.6% answers it, yes or no
                          "过半", "一半", "超过一半", "半数", "大半", "多一半"})
_NUMBER_WORD = re.compile(r"^(?:\d+|[一二三四五六七八九十百千万两几]+)[余多来]?"  # 一千多名
                          r"[个名项届位家种次人批成大类条座所件余多]?$")


def is_number_word(word: str) -> bool:
    """A count (200, 两百个) or an ordinal (第一个)."""
    return bool(_NUMBER_WORD.match(word) or _ORDINAL.fullmatch(word))


def is_holiday(word: str) -> bool:
    """A holiday's name, also two said together (五一劳动节, 六一儿童节)."""
    return _HOLIDAY.fullmatch(word) is not None or re.fullmatch(rf"(?:五一|六一|十一|八一|七一)(?:{_HOLIDAY.pattern})",
                                                                 word) is not None


def in_date(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a number of a date (「6月1号」: 6 and 1), not a count?"""
    return text[start:end].isdigit() and (text[end:end + 1] in ("月", "日", "号") or text[start - 1:start] == "月")


def said_loosely(word: str, sentence: str) -> bool:
    """A predicate word the sentence says in other words: a generic verb, a number (any count
    answers 「是不是有两百个人」, yes or no), or a word most of whose characters the sentence
    uses (写信 -> 一封信, 省里 -> 省市级)."""
    if word in GENERIC_PREDICATE:
        return True
    if word in _DATE_UNIT or is_holiday(word):  # 6月11号, 儿童节那天: said by 6月11日, yes or no
        return _DATE.search(sentence) is not None
    if _NUMBER_WORD.match(word) or word in COMPARATIVES:
        return has_count(sentence)  # 「是不是超过了200名」 is answered by 197名, yes or no
    if _ORDINAL.fullmatch(word):
        return has_ordinal(sentence)  # 「是不是第一个」 by 第二个
    if word in SETTLED:
        return _PLANNED.search(sentence) is not None
    return len(word) >= 2 and 2 * sum(ch in sentence for ch in word) >= len(word)


def names_place(sentence: str, question: str) -> bool:
    """「在…」, 「从…」, 「向…」, 「位于…」, or a venue the question does not name itself."""
    if _LOCATION.search(sentence):
        return True
    return any(m.group(0) not in question and m.group(0)[-3:] not in question for m in _VENUE.finditer(sentence))


# 「哪个省」「哪个区的」: the level of place asked for
ASKED_LEVEL = re.compile(r"哪(?:个|一个|座)?([省市县区镇乡村])")
# 「省内部分工匠」「全国各地」: where people come from, which answers 「哪里的工匠」
_SCOPE = re.compile(r"[省市区县](?:内|外|级)|全国|全省|全市|本地|外地|各地|国内|省市|[省市区县]、[市区县镇]")


def names_level(sentence: str, level: str, question: str) -> bool:
    """A place of the asked level (山东省 for 「哪个省」) that the question does not name itself."""
    return any(m.group(0)[-3:] not in question for m in re.finditer(f"[\u4e00-\u9fff]{{2,3}}{level}", sentence))


def names_scope(sentence: str) -> bool:
    return _SCOPE.search(sentence) is not None


_HEAD_POST = re.compile(r"(?<![副付])(?:主席|书记|主任|局长|部长|处长|科长|厂长|经理|院长|校长|会长|市长|省长|"
                        r"县长|区长|董事长|总经理)")


# 「介绍情况的是哪位领导」: a leader is asked, whom a leading post names (a reporter is no leader)
LEADER_ASK = re.compile(r"(?:哪位|哪个|哪些|哪几位|什么|啥)领导|领导(?:是|叫)(?:谁|哪位|什么|啥)")
_LEADER = re.compile(r"主席|书记|主任|局长|部长|处长|科长|厂长|经理|院长|校长|会长|市长|省长|县长|区长|"
                     r"董事长|总经理|负责人|领导")


_EDITION = re.compile(r"第([\d一二三四五六七八九十两]+)([届期次个批轮])")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _numeral(text: str) -> int | None:
    """「八」 -> 8, 「十二」 -> 12, 「7」 -> 7."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text) if len(text) == 1 else None


def other_edition(question: str, text: str) -> str | None:
    """「第七届鲁班工匠评上了谁」 against a text about 第八届: the edition asked, when the text
    numbers editions of the same kind but never this one (a different edition is no answer)."""
    asked = list(_EDITION.finditer(question))
    if not asked:
        return None
    said = {(_numeral(m.group(1)), m.group(2)) for m in _EDITION.finditer(text)}
    for m in asked:
        edition = (_numeral(m.group(1)), m.group(2))
        if edition[0] is not None and edition not in said and any(unit == edition[1] for _, unit in said):
            return m.group(0)
    return None


def names_leader(sentence: str) -> bool:
    return _LEADER.search(sentence) is not None


def deputy_only(sentence: str, question: str) -> str | None:
    """「总工会主席是谁」 asked, 「副主席徐婷」 said: the post asked for (主席) that the sentence
    names only as its deputy's, which is another post. A question naming the deputy post too
    (「徐婷是主席还是副主席」) is answered by it."""
    for m in _HEAD_POST.finditer(question):
        post = m.group(0)
        if f"副{post}" in question:
            continue
        if post in sentence and not re.search(f"(?<!副){post}", sentence):
            return post
    return None


def has_count(sentence: str) -> bool:
    """A quantity that is neither an ordinal (第八届) nor a date (2023年, 6月6日)."""
    return _COUNT.search(_ORDINAL.sub("", _DATE.sub("", sentence))) is not None


YEAR_ASK = re.compile(r"哪一?年|什么年份|啥年份|哪个年份|几几年|哪一届是哪年")
_YEAR = re.compile(r"\d{4}年|[今去明前]年|同年|当年")


def names_year(sentence: str) -> bool:
    """「哪一年」 is answered by a year, not by a day (6月6日) or 前夕."""
    return _YEAR.search(sentence) is not None


def has_ordinal(sentence: str) -> bool:
    return _ORDINAL.search(sentence) is not None


_QUOTED = re.compile(r"“[^”]{2,20}”|《[^》]{2,30}》|「[^」]{2,20}」|\"[^\"]{2,20}\"")


# 「成立多个联盟」: a count or a vague quantity before the thing is no name of it
_QUANTIFIER = re.compile(r"多个|几个|一些|各类|若干|部分|这些|那些|相关|各种|多种|多项|一批|两个|三个|各级|有关")


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def names_thing(sentence: str, thing: str, question: str, is_word: Callable[[str], bool] = lambda w: False) -> bool:
    """「实施“未来工匠”培育计划」, 「结对共建活动」: a thing's name, which articles quote, put in
    《》 or write before the kind of thing it is (a name the question does not already say)."""
    quoted = list(_QUOTED.finditer(sentence))
    if thing not in sentence:
        return bool(quoted)  # 「那封信叫啥」: the name holds the thing (《致全市工匠的一封信》)
    # the quote must name this thing (“未来工匠”培育计划, “劳模工匠助企行”暨…交流活动), not another
    # thing of the sentence
    if any(re.match(rf"[^，,。；;、“”《》]{{0,12}}?{re.escape(thing)}", sentence[m.end():])
           or thing in m.group(0) for m in quoted):
        return True
    # the two characters before it, or the three of a word (「休养活动叫什么」: 疗休养活动 says more
    # than the question; 「系列活动叫啥」: 开展系列活动 does not)
    for m in re.finditer(re.escape(thing), sentence):
        two, three = sentence[max(m.start() - 2, 0):m.start()], sentence[max(m.start() - 3, 0):m.start()]
        if len(two) < 2 or not _HAN_RUN.fullmatch(two) or _QUANTIFIER.fullmatch(two):
            continue
        if two not in question or len(three) == 3 and three not in question and is_word(three):
            return True
    return False


def leaves_vague(sentence: str, noun: str) -> bool:
    """「拟邀请许振超和省内部分工匠」: the asked group (工匠) is mentioned, its members unnamed."""
    return re.search(rf"(?:{_VAGUE})[^,，。;；、]{{0,4}}?{re.escape(noun)}", sentence) is not None
