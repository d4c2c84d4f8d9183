"""What kind of answer a question asks for, and whether a sentence carries that kind.

A "when" question is answered by a sentence with a date, a "how many" question by one with a
number, a "who" question by one naming a person or a post, a "which department" question by one
naming an organization. These are rules about Chinese
question words and answer shapes, not about any one article, so they carry over to new ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from knowledge.tokenizer import Tokenizer

if TYPE_CHECKING:
    from knowledge.reading import Token


class Intent(StrEnum):
    WHEN = "when"
    HOW_MANY = "how_many"
    WHO = "who"
    ORGANIZATION = "organization"
    WHERE = "where"
    HOW = "how"
    NONE = "none"


_QUESTION_RULES: tuple[tuple[Intent, re.Pattern[str]], ...] = (
    (Intent.WHEN, re.compile(r"哪天|哪一天|几号|几月|什么时候|啥时候|何时|哪一?年|哪个月|什么日子|日期(?!间)|"
                             r"几点|星期几|周几|什么时间|啥时间|多会儿|时间是|啥日子|哪个日子|哪一日|哪日|多少号|时间节点|时间点|哪个阶段|"
                             r"几儿|多咱|多早晚|啥前儿|多前儿|同一天|同一日|固定的?日子|固定的?日期|固定一天|固定的一天|固定[这那]一?天|几几年|多久一[次回届]|几年一[次回届评]|"
                             r"几年[评办搞拍过]一[次回]|多久[评办搞拍过]一[次回]|多长时间一次")),
    (Intent.HOW_MANY, re.compile(r"多少[个名项届位家种次人批类条座所件年]?|几[十百千万]|"
                                 r"(?<![这近前那好头过哪])几[个名项届位家种次人批成大类条座所件年]|占比|比例|"
                                 r"比重|百分之|第几|多大|多高|多长|多远|多重|多久|有几|数量|人数|总数|规模|多不多|占多少")),
    (Intent.ORGANIZATION, re.compile(r"负责|哪个部门|什么部门|哪个单位|哪家单位|哪个机构|什么机构|主办|承办|"
                                     r"谁组织|谁举办|谁牵头|谁办的|谁搞的|由谁|哪个组织|哪家媒体|哪家报社|"
                                     r"哪家报纸|哪[家个级]工会")),
    (Intent.WHO, re.compile(r"谁|哪位|叫什么|叫啥|领导|什么人|哪些人|何人|名字|姓什么|职务|职位|什么职|头衔|"
                            r"身份|什么官|名人|大人物")),
    (Intent.WHERE, re.compile(r"哪里|哪儿|在哪|什么地方|何地|何处|地点|地址|哪家|从哪|搁哪|啥地方|哪块|"
                              r"哪个[省市县区镇乡村]|哪座城|哪个位置|具体位置|"
                              r"哪个城市|哪个地方|哪些地方|哪地方|去哪(?![些个])|"
                              r"什么场合|啥场合|哪个场合|哪种场合|什么会上|啥会上|哪个会上|什么渠道|啥渠道|哪些渠道|哪个渠道")),
    (Intent.HOW, re.compile(r"怎么|如何|怎样|咋|流程|步骤|程序|办法|方式|途径|手续|环节")),
)

_DATE = re.compile(r"\d{4}年|\d{1,2}月\d{0,2}[日号]?|\d{1,2}[日号]|每年|今年|明年|去年|前夕|当天|当日|"
                   r"星期[一二三四五六日天]|周[一二三四五六日]|[上中下]旬|年底|年初|月底|月初|春节|国庆|五一")
_NUMBER = re.compile(r"\d|[一二三四五六七八九十百千万两]+[个名项届位家种次人批成大类条座所件余多]|%|百分之")
# A year or a calendar date is a number but not a count (「2023年」, 「6月6日」).
_NOT_A_COUNT = re.compile(r"\d{4}年|\d{1,2}月\d{1,2}[日号]?")
_POST = re.compile(r"主席|书记|主任|局长|部长|处长|科长|厂长|经理|院长|校长|会长|市长|省长|县长|区长|"
                   r"代表|记者|通讯员|专家|教授|工程师|师傅|委员|董事长|总经理|负责人")
_ORGANIZATION = re.compile(r"工会|政府|[市省区县]委|新闻办|[局厅部办处]\b|委员会|协会|联盟|中心|公司|集团|客户端|报社")
_PROCEDURE = re.compile(r"按照|依照|根据|程序|流程|步骤|环节|通过|经过|首先|然后|最后|方式|办法|"
                        r"先后|、.+、")
_PLACE = re.compile(r"[省市县区镇村馆场园厅院站]|中心|基地|学校|工厂|企业|公司|单位|广场|礼堂|会议室|"
                    r"新闻办|发布会")


_QUANTITY_CUE = re.compile(r"(?:多少|几[十百千万]?)[个名项届位家种次人批大类条座所件]?")
# Digits always count; Chinese numerals only before a measure word, since they also hide inside
# ordinary words (进一步, 统一, 一线).
_QUANTITY = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千万两]+(?=[个名项届位家种次人批大类条座所件余多]))"


# each alternative is searched alone, so the rules above hold no alternation inside a group
_CUE_ALTERNATIVES = tuple(re.compile(alt) for _, pattern in _QUESTION_RULES for alt in pattern.pattern.split("|"))


# 「那封信叫啥」, 「那个活动名字是啥」, 「工匠称号叫啥名」: the name of a thing (a document, plan, event,
# title, brand, place), which a sentence gives by quoting it, not by naming a person
THING_NOUNS = (r"信|计划|活动|行动|称号|荣誉|品牌|牌子|名号|城|日子|节日?|比赛|大赛|工程|项目|联盟|文件|政策|口号|"
               r"主题|奖项?|工作室|模式|平台|机制|制度|会议?|纪念馆|馆")
# the kinds 「什么样的X」 may ask with one character (城, 信, 馆 …): names ending in one are searched
ONE_CHARACTER_KINDS = frozenset({k[:-2] if k.endswith("?") else k for k in THING_NOUNS.split("|")
                                 if len(k) == 1 or len(k) == 3 and k.endswith("?")} | {"城"})
_THING_NAME = re.compile(rf"(?P<thing>{THING_NOUNS})(?:的|这个|那个)?(?:分别|各自|都|各|具体|到底|究竟)?"
                         rf"(?:的?名字|的?名称)?"
                         rf"(?:是|叫)(?:个)?(?:什么|啥)(?!目的|意思|用意|意义|作用|用处|好处|来头|情况)|"
                         rf"(?P<thing2>{THING_NOUNS})(?:的)?(?:名字|名称)")
_PERSON_ASK = re.compile(r"谁|哪位|什么人|哪些人|何人|姓什么|姓啥|领导|职务|身份")
# 「要打造一座什么样的城」: the kind of thing asked for, which the answer must name (工匠之城)
# (「打造成一座什么城」「要建成个啥城」: a city is asked by its kind without 样的 too)
_KIND_OF = re.compile(rf"(?:什么样|啥样|怎样|怎么样)的(?P<thing>{THING_NOUNS}|城市)|(?:什么|啥)(?P<city>城)")


def asked_kind(question: str) -> str | None:
    """「什么样的城」 -> 城: a description asked for, of a thing the answer must name."""
    m = _KIND_OF.search(question)
    if m is None:
        return None
    return m.group("city") or (m.group("thing")[:1] if m.group("thing") == "城市" else m.group("thing"))
# 「许振超是个啥称号」: the asked kind of name describes the answer, it is not a topic word
_NAME_KIND = re.compile(r"(?:什么|啥)(?:称号|名称|名号|头衔|名字|名)|(?:称号|名称|名号|名字)(?:是|叫)")


def asked_thing(question: str) -> str | None:
    """「那个计划叫啥」 -> 计划: the thing whose name the question wants, if it asks one."""
    m = _THING_NAME.search(question)
    if m is None or _PERSON_ASK.search(question):
        return None
    return m.group("thing") or m.group("thing2")

# The noun a "who" question asks for (「那个领导叫啥」, 「介绍情况的人是谁」) names the answer, not the topic.
_ASKED_PERSON = re.compile(r"(?:领导|人|那位|这位|同志|老师|师傅|负责人)(?=(?:叫|是)(?:啥|什么|谁|哪位))")


# asking why (「为了啥」「图个啥」): no kind of fact, but a question of its own
ASKS_WHY = re.compile(r"为什么|为啥|为了啥|为了什么|图啥|图个啥|干嘛用|有啥用|什么用|"
                      r"(?:啥|什么)目的|目的是(?:啥|什么)|(?:啥|什么)用意")

# approximate numbers, not questions: 十几年, 二十几个, 好几代 (「我干电焊十几年了」 asks nothing)
# (「几个老师傅都挺上心的」: several, all of them)
APPROXIMATE = re.compile(r"[十百千万]几|几[十百千万](?=[年代岁])|好几|(?<=们)几个|几个(?=[^，,。？?！!]{1,4}都)|"
                         r"[没不](?:多久|多长时间|几[天年个回次]?|多少)")  # 「刚进厂没多久」 asks nothing


def mask_approximate(text: str) -> str:
    """The text with approximate numbers blanked out, positions kept."""
    return APPROXIMATE.sub(lambda m: "〇" * len(m.group(0)), text)


@functools.lru_cache(maxsize=4096)
def cue_positions(question: str) -> frozenset[int]:
    """Character positions of question words that say what kind of answer is wanted (哪天, 职务 ...).

    They describe the answer, not the topic, so they must not count as topic words the
    knowledge fails to cover. Each alternative is searched on its own so that overlapping cues
    (「什么职务」: 什么职 and 职务) are all found.
    """
    positions: set[int] = set()
    question = mask_approximate(question)
    for alternative in (*_CUE_ALTERNATIVES, _ASKED_PERSON, _NAME_KIND):
        for m in alternative.finditer(question):
            positions.update(range(m.start(), m.end()))
    return frozenset(positions)


def counted_noun(text: str, tokens: Sequence[Token], tokenizer: Tokenizer) -> str | None:
    """The noun a "how many" question counts: 「表彰了多少劳动模范」 -> 劳动模范 (from the tokens
    the question was read into, so no second segmentation)."""
    if not tokens:
        return None
    matches = list(_QUANTITY_CUE.finditer(text, tokens[0].start, tokens[-1].end))
    if not matches:
        return None
    match = matches[-1]  # 「这几年一共评了多少个…」: the last quantity asks, earlier ones are time spans
    passive = False
    for token in tokens:
        if token.start >= match.end() and token.word.startswith("被"):
            # 「多少人被评为劳模」「多少人被评上…」: what they were made (劳模) is counted, not the verb
            passive = token.word == "被"
            if not passive:
                continue
        elif token.start >= match.end() and tokenizer.is_content(token.word):
            if passive:
                passive = False
                continue
            return token.word
    # 「197名劳模里女同志有多少」: a part of a counted whole, named before the cue
    return counted_part(text[tokens[0].start:match.end()])


_SUMMED = re.compile(r"加一块|加一起|加起来|加在一起|合起来|合一块|合一起|算一块|算起来|拢共|统共")


def summed_noun(text: str, tokens: Sequence[Token], tokenizer: Tokenizer) -> str | None:
    """「各种工匠加一块，枣庄培养了多少个」: the count asks for what is summed up, even when it is
    named in the clause before the one that asks; 「…培养了好多工匠，总共多少名」: for what was
    counted vaguely before."""
    m = _SUMMED.search(text)
    if m is not None:
        before = [t.word for t in tokens if t.end <= m.start() and tokenizer.is_content(t.word)]
        return before[-1] if before else None
    vague = _VAGUE_COUNT.search(text)
    if vague is not None:  # the noun right after it (「一百多个？吹的吧」 counts nothing named)
        after = [t.word for t in tokens if t.start == vague.end() and tokenizer.is_content(t.word)]
        return after[0] if after else None
    return None


_VAGUE_COUNT = re.compile(r"好多|很多|不少|许多|一大批|这么多|那么多|老多|"
                          r"[\d一二三四五六七八九十百千万两]+多[个名位]")  # 「说培养了一千多个工匠」


def counted_part(text: str) -> str | None:
    """「197名劳模里女同志有多少」 -> 女同志: a part of a counted whole, which only a sentence
    counting that very part answers."""
    part = _PART_OF.search(text)
    return part.group("part") if part else None


# 「X里Y有多少」: Y, a part of the whole X, is what is counted (「Y占多少」 asks a share, see focus.yaml)
_PART_OF = re.compile(r"(?:里头|里面|里边|当中|之中|其中|[里中])(?P<part>(?![有占是的面头边])[\u4e00-\u9fff]{1,6}?)"
                      r"(?:的)?(?:有|是)?(?<!占)(?:多少|几)")


def counts_noun(sentence: str, noun: str) -> bool:
    """Does the sentence put a quantity right before the noun (「三大特点」, 「1470名各类工匠」)?

    Ordinals (「第八届“鲁班工匠”」) are not counts, and a quoted name is not the counted noun.
    """
    not_ordinal = r"(?<![第\d一二三四五六七八九十百千万两])"
    pattern = not_ordinal + _QUANTITY + r"[^,。;:!?“”《》「」()]{0,4}?" + re.escape(noun)
    return re.search(pattern, sentence) is not None


_ORDINAL = re.compile(r"第[\d一二三四五六七八九十百]+")


def asks_ordinal(question: str) -> bool:
    """「第几届」, and 「评了几届」: editions are counted by the ordinal of the latest (第八届)."""
    return "第几" in question or re.search(r"几[届期]", question) is not None


def has_ordinal(sentence: str) -> bool:
    """「第二个“鲁班工匠日”」, 「第八届」: the answer to a 「第几」 question."""
    return _ORDINAL.search(sentence) is not None


def question_intent(question: str) -> Intent:
    """The first rule whose question words appear; questions rarely ask two things at once.
    「那个计划叫啥」 asks the name of a thing, not a person: a "what" question."""
    question = mask_approximate(question)
    for intent, pattern in _QUESTION_RULES:
        if pattern.search(question):
            if intent is Intent.WHO and asked_thing(question):
                return Intent.NONE
            return intent
    return Intent.NONE


def sentence_fits(intent: Intent, sentence: str, tokenizer: Tokenizer) -> bool:
    """Does the sentence carry the kind of fact the question asks for?"""
    if intent is Intent.WHEN:
        return bool(_DATE.search(sentence))
    if intent is Intent.HOW_MANY:
        return bool(_NUMBER.search(_NOT_A_COUNT.sub("", sentence)))
    if intent is Intent.WHO:
        return bool(_POST.search(sentence)) or any(map(tokenizer.is_person_name, tokenizer.words(sentence)))
    if intent is Intent.ORGANIZATION:
        return bool(_ORGANIZATION.search(sentence))
    if intent is Intent.WHERE:
        return bool(_PLACE.search(sentence))
    if intent is Intent.HOW:
        return bool(_PROCEDURE.search(sentence))
    return True
