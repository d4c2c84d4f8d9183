"""Tuning5 rules: long-winded and hearsay clauses, approximate numbers, editions, parts of a
counted whole, years, pinyin around English words, dialect particles in small talk.

Own cases written for each rule (not taken from a batch).
"""

from __future__ import annotations

import pytest

from knowledge import asks
from knowledge.answer import AnswerKind
from knowledge.intent import Intent, asks_ordinal, counted_part, question_intent
from knowledge.pinyin import SoundIndex
from knowledge.transliterate import Transliterator


@pytest.mark.parametrize(("question", "expected"), [
    # a past career, years of service, a hearsay frame: none of it is the topic
    ("俺以前在机床厂干了二十多年，听人说鲁班工匠日要办活动，是哪一天啊", "6月11日"),
    ("我刚入职一年，想问问枣庄手造工匠一共评了几届", "第三届"),
    ("我在纺织厂上班，算是个老手艺人吧，看新闻说要请人民工匠来分享，是哪一位", "许振超"),
    ("我干木匠好几十年了，鲁班工匠日是几号", "6月11日"),
])
def test_self_introduction_and_hearsay_are_not_the_question(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence, answer


@pytest.mark.parametrize(("question", "intent"), [
    ("我干钳工十几年了", Intent.NONE),          # an approximate number asks nothing
    ("家里好几代都是木匠", Intent.NONE),
    ("我干了几十年木工", Intent.NONE),
    ("培育了几千名工匠", Intent.HOW_MANY),      # 几千名 does ask
    ("评了几个人", Intent.HOW_MANY),
])
def test_approximate_numbers_are_not_questions(question, intent):
    assert question_intent(question) is intent


def test_editions_are_counted_by_the_latest_ordinal():
    assert asks_ordinal("鲁班工匠评过几届了") and asks_ordinal("这是第几期")
    assert not asks_ordinal("评了几个人")


@pytest.mark.parametrize(("question", "part"), [
    ("197名劳模里头党员有多少", "党员"),
    ("工匠当中年轻人有几个", "年轻人"),
    ("劳模里有多少", None),                     # the whole itself is counted
    ("劳模里一线职工占多少", None),             # a share, asked with 占
])
def test_counted_part_of_a_whole(question, part):
    assert counted_part(question) == part


@pytest.mark.parametrize("question", ["197名劳模当中党员有多少", "1470名工匠里面女工匠有多少",
                                      "职业技能大赛是哪一年开始办的"])
def test_a_part_or_a_year_the_knowledge_does_not_state_is_not_answered(engine, question):
    assert not engine.ask(question).answered


def test_a_year_is_said_by_a_year_only():
    assert asks.YEAR_ASK.search("工匠之城是哪年提出的")
    assert asks.names_year("自2023年市委发出动员令") and asks.names_year("今年，枣庄市完成选树工作")
    assert not asks.names_year("“鲁班工匠日”前夕，开展技能大赛") and not asks.names_year("6月6日发布会")


def test_pinyin_prefers_question_words_over_a_same_sound_topic():
    sounds = SoundIndex(["事迹", "工匠"], ["是", "几月", "几号"])
    assert sounds.from_pinyin(["shi", "ji", "yue", "ji", "hao"]) == "是几月几号"
    assert sounds.from_pinyin(["gong", "jiang", "shi", "ji"]) == "工匠事迹"


def test_pinyin_is_read_around_english_words_the_glossary_lacks():
    read = Transliterator({"who": "谁"}, SoundIndex(["人民工匠"], ["谁"]))
    assert "人民工匠" in read("who is renmin gongjiang") and "is" in read("who is renmin gongjiang")
    assert read("hello") == "hello"


@pytest.mark.parametrize(("question", "expected"), [
    ("the letter to craftsmen jiao shenme", "一封信"),
    ("what is gongjiang zhi cheng", "工匠之城"),
    ("luban gongjiang ri shi ji yue ji hao", "6月11日"),
])
def test_english_and_pinyin_mixed(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence, answer


@pytest.mark.parametrize("message", ["谢谢你咧", "好嘞谢谢哩", "多谢昂"])
def test_dialect_particles_in_small_talk(engine, message):
    assert engine.ask(message).kind is AnswerKind.SMALL_TALK


def test_a_name_with_a_linking_character_is_read_by_sound(engine):
    answer = engine.ask("工匠之陈是啥意思", explain=True)
    assert ("工匠之陈", "工匠之城") in {(c.typed, c.read_as) for c in answer.corrections}


def test_numerals_and_ordinals_are_never_read_by_sound(engine):
    assert not engine.reader._unknown("第一个") and not engine.reader._unknown("三十")
