"""Rendering answers for Telegram: highlighted, escaped, and always within the message limit."""

from bot.render import answer_html, trimmed
from knowledge.answer import Answer, Candidate
from knowledge.articles import Source
from tests.standin import utf16_len, visible_text


def answer_for(passage: str, start: int, end: int, *, runner: str = "", title: str = "标题") -> Answer:
    source = Source(title=title, source="来源<&>", date="2025-06-06")
    best = Candidate(1, 1, passage[start:end], passage, start, end, 3.0, source)
    runners = (Candidate(2, 1, runner, runner, 0, len(runner), 2.9, source),) if runner else ()
    return Answer("问", True, best, runners, 1.0, "none", (), (), tied=bool(runner))


def test_key_sentence_is_bold_inside_its_passage_and_everything_is_escaped():
    passage = "前一句<b>&amp;。关键的一句话 & <i>。后一句。"
    start = passage.index("关键")
    html = answer_html(answer_for(passage, start, passage.index("。", start) + 1))
    assert "<b>关键的一句话 &amp; &lt;i&gt;。</b>" in html
    assert "前一句&lt;b&gt;&amp;amp;。" in html and "来源&lt;&amp;&gt;" in html
    visible_text(html, "HTML")  # parses the way Telegram would


def test_huge_passages_are_trimmed_around_the_key_sentence_within_4096_utf16_units():
    for filler in ("工匠😀&<" * 2000, "😀" * 9000, "&" * 9000):  # emoji count twice; & expands when escaped
        passage = filler + "关键句在这里。" + filler
        start = passage.index("关键句")
        answer = answer_for(passage, start, start + 7, runner="😀" * 5000, title="😀" * 5000)
        html = answer_html(answer)
        assert utf16_len(visible_text(html, "HTML")) <= 4096
        assert "<b>关键句在这里。</b>" in html
        before, sentence, after = trimmed(answer.best)
        assert before.startswith("…") and after.endswith("…") and sentence == "关键句在这里。"
        assert "\ud83d" not in html.encode("utf-16-le", "surrogatepass").decode("utf-16-le")  # no half emoji


def test_context_goes_to_the_side_that_has_it():
    passage = "短。" + "关键句。" + "后" * 5000
    answer = answer_for(passage, 2, 6)
    before, _, after = trimmed(answer.best)
    assert before == "短。" and len(after) > 3000


def test_display_uses_full_width_punctuation_next_to_chinese_only():
    from bot.render import display

    assert display("6月6日,记者从发布会获悉:占比65.6%;“6+3”产业(工人日报)") == \
        "6月6日，记者从发布会获悉：占比65.6%；“6+3”产业（工人日报）"
    assert display("AI, GDP: 3.5") == "AI, GDP: 3.5"


def test_short_passages_are_not_trimmed():
    passage = "第一句。第二句。"
    before, sentence, after = trimmed(answer_for(passage, 4, 8).best)
    assert (before, sentence, after) == ("第一句。", "第二句。", "")


def test_new_answer_kinds_render(engine):
    from bot import texts
    from bot.render import answer_html, answer_plain

    partial = engine.ask("鲁班纪念馆焕新开放是哪一天")
    assert answer_html(partial).startswith("资料里提到了鲁班纪念馆焕新开放，但没有说哪一天。")
    assert "【" in answer_plain(partial)  # the console shows the related passage at once
    assert answer_html(engine.ask("谢谢")) == texts.SMALL_TALK["thanks"]
    computed = answer_html(engine.ask("离鲁班工匠日还有几天"))
    assert computed.startswith("<b>离鲁班工匠日") and f"{texts.COMPUTED_BASIS}：推动设立" in computed
