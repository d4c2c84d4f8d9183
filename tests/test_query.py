"""Reading a question once: clauses, colloquial words, one jieba call per ask."""

from __future__ import annotations

import time

import pytest

from knowledge.normalize import normalize_question


@pytest.mark.parametrize(("question", "expected"), [
    ("您好，我是薛城区一家机械厂的钳工，干了十几年了，最近厂里都在说鲁班工匠日的事，我想咨询一下，"
     "这个鲁班工匠日到底是每年的哪一天啊？谢谢！", "6月11日"),
    ("今年企业职工里一线职工和专业技术人员占多大比例？我是市中区基层工会的小王，写汇报材料要用这个数，"
     "麻烦您帮我查查，感谢感谢", "65.6%"),
    ("俺想问问鲁班工匠日是多会儿啊", "6月11日"),
    ("恁总工会这几年一共整了多少个工匠牌子", "130余个"),
    ("咋培养小年轻当工匠哩，有啥计划不", "未来工匠"),
])
def test_the_clause_carrying_the_question_decides(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence


def test_preamble_does_not_dilute_confidence(engine):
    plain = engine.ask("鲁班工匠日是每年的哪一天")
    wordy = engine.ask("您好，我是薛城区一家机械厂的钳工，干了十几年了，我想咨询一下，鲁班工匠日是每年的哪一天？")
    assert wordy.confidence == pytest.approx(plain.confidence)


def test_main_clause_is_the_one_asking(engine):
    reading = engine.analyse("这回选上的劳模都是啥行当的，得有多少个行业").reading
    assert reading.main == 1 and reading.context == (0,)


def test_jieba_runs_once_per_ask(engine, monkeypatch):
    calls = []
    jieba = engine.tokenizer._jieba
    for name in ("tokenize", "lcut"):  # the entry points (both call cut inside)
        original = getattr(jieba, name)
        monkeypatch.setattr(jieba, name, lambda *a, _o=original, _n=name, **k: calls.append(_n) or _o(*a, **k))
    for question in ("这次表彰了多少劳动模范", "鲁般工匠日是哪天", "工匠 品牌 有 多少 个", "鲁班纪念馆几点开门"):
        normalize_question.cache_clear()
        calls.clear()
        engine.ask(question)
        assert len(calls) == 1, (question, calls)


def test_suggestions_follow_the_question(engine):
    museum = engine.ask("鲁班纪念馆几点开门").suggestions
    photo = engine.ask("全家福在哪个照相馆拍").suggestions
    assert len(museum) == 3 and len(photo) == 3 and museum != photo
    assert all(engine.ask(s).answered for s in museum + photo)


@pytest.mark.parametrize("question", ["俺寻思问问恁，鲁班工匠日是哪天哩", "咱这鲁班工匠日是哪天呗",
                                      "恁知道鲁班工匠日是哪天不"])
def test_dialect_words_do_not_dilute_confidence(engine, question):
    plain = engine.ask("鲁班工匠日是哪天")
    colloquial = engine.ask(question)
    assert colloquial.answered and colloquial.confidence == pytest.approx(plain.confidence)


def test_a_long_run_of_unknown_words_is_read_in_linear_time(engine):
    """Every unknown word looks for a same-sound stretch around it; looking at every pair of word
    bounds in the run made a 500-character run cost seconds (and a 4096-character one minutes),
    on the event loop. The stretches are at most 6 characters, so each word has a few to try."""
    engine.ask("鲁般工匠日是哪天")  # the sound index is built on first need, not timed here
    started = time.perf_counter()
    answer = engine.ask("1号问题" + "长" * 500 + "&<>")
    reading = engine.reader.read("鲁般" + "长" * 1500)
    assert time.perf_counter() - started < 5.0  # was about 20 s; now a tenth of a second
    assert not answer.answered
    assert reading.corrections[0].read_as == "鲁班"  # still read by sound
