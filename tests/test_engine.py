
import pytest

from knowledge.evaluation import evaluate, load_cases
from tests.conftest import ROOT, SHARED


def test_card_example(engine):
    answer = engine.ask("鲁班工匠日是哪天")
    assert answer.answered
    assert answer.best.sentence.startswith("推动设立每年6月11日为“鲁班工匠日”")
    assert answer.best.passage[answer.best.start:answer.best.end] == answer.best.sentence
    assert answer.best.source.source == "工人日报客户端"
    assert "鲁班工匠日" in answer.matched_terms


@pytest.mark.parametrize(("question", "expected"), [
    ("这次表彰了多少劳动模范", "197名"),
    ("一共培育了多少工匠", "1470名"),
    ("劳模选树有几个特点", "三大特点"),
    ("徐婷是什么职务", "副主席"),
    ("鲁班纪念館", "鲁班纪念馆"),
    ("哪年发出的工匠之城动员令", "2023年"),
])
def test_intent_and_wording(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence


@pytest.mark.parametrize("question", ["明天会下雨吗", "hello world", "", "？？", "asdf", "公积金怎么提取",
                                      "鲁班是哪个朝代的人", "<b>&amp;</b>", "\x00\x1f", "天气" * 2000])
def test_abstains_with_suggestions(engine, question):
    answer = engine.ask(question)
    assert not answer.answered and answer.best is None
    assert len(answer.suggestions) == 3
    assert all(engine.ask(s).answered for s in answer.suggestions)


def test_runners_up_are_distinct_and_ranked(engine):
    answer = engine.ask("工匠家里会收到什么")
    ids = [answer.best.sentence_id] + [c.sentence_id for c in answer.runners_up]
    assert len(ids) == len(set(ids)) and len(answer.runners_up) <= 2
    assert all(c.score <= answer.best.score for c in answer.runners_up)


def test_explain_lists_term_scores(engine):
    answer = engine.ask("许振超会来做什么", explain=True)
    assert {t.term for t in answer.explanation} == set(answer.terms)
    assert any(t.term == "许振超" and t.weight > 0 for t in answer.explanation)


def test_dev_set_fully_passes(engine):
    path = SHARED / "eval" / "dev_questions.yaml"
    if not path.exists():
        pytest.skip(f"{path} not present")
    report = evaluate(engine, load_cases(path))
    assert report.failures == []


def test_own_question_set_stays_above_97_percent(engine):
    """Our own wordings, four batches. Known misses: 我想换工作 (chat built on a word the article
    uses), 给工匠写信了吗 (写信 vs 一封信: no shared word), 这篇新闻是谁写的 (only words about the
    article itself), 谁是枣庄市长 (jieba reads 枣庄市/长)."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / "extra_questions.yaml"))
    assert report.in_scope >= 100 and report.out_of_scope + report.hard_out_of_scope >= 45
    assert report.overall >= 0.97, report.failures


def test_tiny_articles_with_negative_okapi_idf_still_answer(tokenizer):
    from knowledge.articles import Article, Source
    from knowledge.engine import Engine

    engine = Engine([Article("a", Source("短文"), ("职工运动会在9月举行。",))], tokenizer)
    answer = engine.ask("职工运动会在几月举行")
    assert answer.answered and "9月" in answer.best.sentence
    engine = Engine([Article("b", Source("两句话的短文"), ("运动会在9月举行。运动会在体育馆举行。",))], tokenizer)
    assert engine.ask("运动会在哪里举行").best is not None


def test_compound_credit_is_head_final():
    from knowledge.confidence import compound_credit

    assert compound_credit("鲁班锁", ["鲁班"]) == pytest.approx(1 / 3)  # modifier known, head unknown
    assert compound_credit("技术人员", ["技术", "人员"]) == 1.0
    assert compound_credit("专业人员", ["人员"]) == 0.5
    assert compound_credit("股票", []) == 0.0


@pytest.mark.parametrize(("question", "expected"), [
    ("鲁班工匠日是第几个了", "第二个"),       # 第几 -> an ordinal
    ("劳模评了多少个", "197名"),             # 多少「个」 is a measure word, 评「了」 a particle
    ("这次评上劳模的有多少人", "197名"),      # 评「上」 is a particle
])
def test_grammar_words_do_not_steer_the_answer(engine, question, expected):
    answer = engine.ask(question)
    assert answer.answered and expected in answer.best.sentence


def test_fifth_batch_colloquial_longwinded_homophone_pinyin_hard_off_topic(engine):
    """Written by someone who never saw the engine (issue 9), kept as a regression set: before
    the issue 54% in scope, 30% hard off-topic abstention, precision 60% (see README)."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / "batch5_colloquial_etc.yaml"))
    assert report.sentence_accuracy >= 0.95 and min(report.kind_accuracy().values()) >= 0.8, report.failures
    assert report.abstention_accuracy == 1.0 and report.hard_abstention_accuracy >= 0.9, report.failures
    assert report.precision >= 0.97 and report.small_talk_hits == report.small_talk
    assert report.countdown_hits == report.countdown


def test_sixth_batch_tuning2(engine):
    """Written independently (tuning2): colloquial, long-winded, homophone and pinyin-mixed
    questions, hard off-topic ones, small talk (emoji only, 你会干什么) and countdowns (weekend,
    weeks, English). Before: 84.3% in scope, 86.7% hard off-topic, precision 91.7% (see README)."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / "batch6_tuning2.yaml"))
    assert report.sentence_accuracy >= 0.95 and min(report.kind_accuracy().values()) >= 0.85, report.failures
    assert report.abstention_accuracy == 1.0 and report.hard_abstention_accuracy >= 0.93, report.failures
    assert report.precision >= 0.97, report.failures
    assert report.small_talk_hits >= report.small_talk - 1 and report.countdown_hits == report.countdown


def test_seventh_batch_tuning3(engine):
    """Written independently (tuning3): hard off-topic questions reusing the article's words to
    ask what it does not say (where, yes/no about details, counts, who exactly). Before: 91.4%
    in scope, hard off-topic 25/35, precision 86.6%; after: hard 35/35, precision 98.6%."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / "batch7_tuning3.yaml"))
    assert report.sentence_accuracy >= 0.9 and report.abstention_accuracy == 1.0, report.failures
    assert report.hard_abstention_accuracy >= 0.97 and report.precision >= 0.97, report.failures
    assert report.small_talk_hits == report.small_talk and report.countdown_hits >= report.countdown - 1


@pytest.mark.parametrize("newer", ["a", "b"])
def test_among_near_ties_the_newer_source_wins(tokenizer, newer):
    """A later announcement corrects an older article: whichever of two near-identical sentences
    comes from the newer source is the answer, whatever the order of the articles."""
    from knowledge.articles import Article, Source
    from knowledge.engine import Engine

    dates = {"a": "2025-06-12", "b": "2025-05-01"} if newer == "a" else {"a": "2025-05-01", "b": "2025-06-12"}
    articles = [Article("a", Source("开幕式安排", date=dates["a"]), ("开幕式将在鲁班纪念馆广场举行。",)),
                Article("b", Source("开幕式安排", date=dates["b"]), ("开幕式将在市民中心广场举行。",))]
    answer = Engine(articles, tokenizer).ask("开幕式在哪里举行")
    assert answer.answered and answer.best.source.date == "2025-06-12"


def test_eighth_batch_tuning4(engine):
    """Written independently (tuning4), mostly answerable tricky shapes the strict tuning3 rules
    declined. Before: 73.8% in scope (yes/no 4/11), hard off-topic 14/15, precision 95.6%."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / "batch8_tuning4.yaml"))
    assert report.sentence_accuracy >= 0.83 and report.abstention_accuracy == 1.0, report.failures
    assert report.hard_abstention_accuracy >= 0.9 and report.precision >= 0.94, report.failures
    assert report.small_talk_hits == report.small_talk and report.countdown_hits == report.countdown


def test_ninth_batch_tuning5(engine):
    """Written independently (tuning5): long-winded, pinyin/English, same-sound, numbers and
    colloquial questions. Before: 88.8% in scope, hard off-topic 13/15, precision 97.4%, small
    talk 5/6; after 96.2%, 15/15, 100%, 6/6."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / "batch9_tuning5.yaml"))
    assert report.sentence_accuracy >= 0.93 and report.abstention_accuracy == 1.0, report.failures
    assert report.hard_abstention_accuracy >= 0.93 and report.precision >= 0.97, report.failures
    assert report.small_talk_hits == report.small_talk and report.countdown_hits == report.countdown


def test_tenth_batch_tuning6(engine):
    """Written independently (tuning6): colloquial, long-winded, same-sound, pinyin/English and
    small talk. Before: 87.1% in scope, hard off-topic 20/20, precision 95.7%, small talk 4/6;
    after 91.4%, 20/20, 98.6%, 6/6."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / "batch10_tuning6.yaml"))
    assert report.sentence_accuracy >= 0.90 and report.abstention_accuracy == 1.0, report.failures
    assert report.hard_abstention_accuracy == 1.0 and report.precision >= 0.97, report.failures
    assert report.small_talk_hits == report.small_talk and report.countdown_hits == report.countdown


def test_eleventh_batch_heldout(engine):
    """The lead's held-out batch, never tuned on while issue 9 was built: before issue 9 56.1% in
    scope, hard off-topic 12/26, precision 68.5%; at the end 90.9%, 25/26, 98.4%. Kept as a
    regression set; its misses are abstentions, not wrong answers, except one hard off-topic."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / "batch11_heldout.yaml"))
    assert report.sentence_accuracy >= 0.89 and report.abstention_accuracy == 1.0, report.failures
    assert report.hard_abstention_accuracy >= 0.92 and report.precision >= 0.97, report.failures
    assert report.small_talk_hits == report.small_talk and report.countdown_hits == report.countdown



# Session-3 batches, each written independently and measured once before any tuning on it (14, 15
# and 16 as held-out sets); README "Batches 12–16" has the before/after figures. Floors:
# in scope, hard off-topic, precision (off-topic, small talk and countdown must be perfect).
SESSION3_BATCHES = [
    # before: 89.2%, 29/30, 98.3%, small talk 6/10, countdown 5/8
    ("batch12_tuning7.yaml", 0.95, 0.96, 0.98),
    # before: 83.8% (long-winded 1/12: clauses separated by spaces), 30/30, 97.3%, 7/10, 7/8
    ("batch13_tuning8.yaml", 0.92, 1.0, 0.97),
    # held-out before: 94.6%, 28/30, 97.6%, 9/10, 8/8
    ("batch14_tuning9.yaml", 0.98, 1.0, 0.98),
    # held-out before: 95.3%, 28/30, 96.9%, 7/10, 7/8
    ("batch15_tuning10.yaml", 0.98, 0.96, 0.99),
    # held-out before: 92.2%, 26/30, 95.2%, 7/10, 8/8
    ("batch16_tuning11.yaml", 0.96, 0.93, 0.98),
    # held-out before: 94.7%, 28/30, 95.5%, 8/10, 8/8
    ("batch17_tuning12.yaml", 0.97, 1.0, 0.99),
    # held-out before: 95.4%, 30/30 (off-topic 14/15), 99.2%, 9/10, 6/8
    ("batch18_tuning13.yaml", 0.95, 1.0, 1.0),
    # session 4, held-out before: 90.8%, 29/30, 98.3%, 10/10, 7/8
    ("batch19_tuning14.yaml", 0.98, 1.0, 1.0),
    # session 4, held-out before: 87.7%, 27/30, 95.8%, 10/10, 7/8
    ("batch20_tuning15.yaml", 0.96, 0.96, 0.99),
    # session 4, held-out before (after the batch 19-20 rules): 88.5%, 30/30, 99.1%, 8/10, 8/8
    ("batch21_tuning16.yaml", 0.93, 1.0, 0.99),
    # session 4, held-out before (after the batch 19-20 rules): 90.8%, 29/30, 95.9%, 9/10, 8/8
    ("batch22_tuning17.yaml", 0.95, 1.0, 0.99),
    # session 4, held-out before (after the batch 19-22 rules): 96.2%, 26/30, 96.2%, 10/10, 8/8
    ("batch23_tuning18.yaml", 0.98, 1.0, 1.0),
    # session 4, held-out before (after the batch 19-22 rules): 92.3%, 25/30, 95.2%, 10/10, 7/8
    ("batch24_tuning19.yaml", 0.94, 1.0, 0.99),
    # session 4, the last held-out measurement (after the batch 19-24 rules): 93.1%, 29/30, 96.8%, 9/10, 8/8
    ("batch25_tuning20.yaml", 0.96, 1.0, 0.99),
    # session 4, the last held-out measurement (after the batch 19-24 rules): 92.3%, 30/30, 99.2%, 9/10, 8/8
    ("batch26_tuning21.yaml", 0.96, 1.0, 1.0),
    # session 4, held-out after the batch 19-26 rules: 92.3%, 29/30 (off-topic 14/15), 98.4%, 10/10, 8/8
    ("batch27_tuning22.yaml", 0.94, 1.0, 1.0),
    # session 4, held-out after the batch 19-26 rules: 96.2%, 29/30, 98.4%, 10/10, 8/8
    ("batch28_tuning23.yaml", 0.96, 1.0, 0.99),
    # session 4, the last held-out measurement (after the batch 19-28 rules): 96.9%, 30/30, 100%, 8/10, 8/8
    ("batch29_tuning24.yaml", 0.97, 1.0, 1.0),
    # session 4, the last held-out measurement (after the batch 19-28 rules): 96.9%, 28/30, 98.4%, 9/10, 8/8
    ("batch30_tuning25.yaml", 0.97, 1.0, 1.0),
    # written at the end of session 4 and measured untouched at the start of session 5 (after all
    # session-4 rules): 95.4%, 30/30, 99.2%, 10/10, 8/8; then tuned on in session 5
    ("batch31_tuning26.yaml", 0.99, 1.0, 1.0),
    # the same: 92.3%, 27/30, 97.6%, 9/10, 8/8
    ("batch32_tuning27.yaml", 0.99, 0.96, 0.99),
    # session 5, held-out after the batch 31-32 rules: 85.4%, 28/30, 96.5%, 9/10, 7/8
    ("batch33_tuning28.yaml", 0.96, 1.0, 1.0),
    # session 5, held-out after the batch 31-32 rules: 90.8%, 30/30, 97.5%, 10/10, 7/8
    ("batch34_tuning29.yaml", 0.95, 1.0, 0.98),
    # session 5, the last held-out measurement (four sets after the batch 31-34 rules):
    # 93.8%, 29/30, 97.6%, 10/10, 7/8
    ("batch35_tuning30.yaml", 0.98, 1.0, 0.99),
    # 96.2%, 28/30, 97.7%, 10/10, 7/8
    ("batch36_tuning31.yaml", 0.98, 0.96, 0.99),
    # 98.5%, 30/30, 100%, 10/10, 8/8
    ("batch37_tuning32.yaml", 0.99, 1.0, 1.0),
    # 90.8%, 30/30, 97.5%, 10/10, 8/8
    ("batch38_tuning33.yaml", 0.95, 1.0, 0.98),
    # session 5, held-out after all session-5 rules (with 39 and 40): 94.6%, 30/30, 100%, 10/10, 8/8
    ("batch41_tuning34.yaml", 0.96, 1.0, 1.0),
    # 92.3% (off-topic 14/15: a countdown cue beside 枣庄), 30/30, 97.6%, 10/10, 7/8
    ("batch42_tuning35.yaml", 0.93, 1.0, 0.98),
    # session 5, the last held-out measurement (after the batch 41-42 rules): 98.5%, 30/30, 98.5%, 10/10, 8/8
    ("batch43_tuning36.yaml", 0.99, 1.0, 0.99),
    # 93.1%, 30/30, 98.4%, 10/10, 8/8
    ("batch44_tuning37.yaml", 0.93, 1.0, 0.99),
    # session 5, the last held-out measurement (after the batch 43-44 rules): 91.5%, 30/30, 99.2%, 9/10, 8/8
    ("batch45_tuning38.yaml", 0.92, 1.0, 0.99),
    # 96.2%, 30/30, 99.2%, 10/10, 8/8
    ("batch46_tuning39.yaml", 0.96, 1.0, 0.99),
    # kept untuned through session 5 (first measured after the batch 31-38 rules: 96.2% / 93.1%),
    # measured again untouched at the start of session 6: 96.2%, 29/30, 98.4%, 10/10, 8/8
    ("batch39_tuning40.yaml", 0.98, 1.0, 1.0),
    # the same: 93.1%, 30/30, 98.4%, 10/10, 8/8
    ("batch40_tuning41.yaml", 0.96, 1.0, 0.98),
    # session 6, held-out after all session-5 rules (four fresh sets): 95.4%, 29/30, 99.2%, 10/10, 8/8
    ("batch47_tuning42.yaml", 0.96, 1.0, 1.0),
    # 97.7%, 30/30, 100%, 10/10, 8/8
    ("batch48_tuning43.yaml", 0.99, 1.0, 1.0),
    # 96.2%, 30/30, 98.4%, 10/10, 8/8
    ("batch49_tuning44.yaml", 0.98, 1.0, 1.0),
    # 96.2%, 30/30, 96.9%, 10/10, 8/8
    ("batch50_tuning45.yaml", 0.98, 1.0, 0.98),
    # session 6, held-out after the batch 39-40 and 47-50 rules (four fresh sets, each meeting all
    # four targets): 97.7%, 30/30, 99.2%, 10/10, 8/8
    ("batch51_tuning46.yaml", 0.99, 1.0, 0.99),
    # 97.7%, 29/30, 98.4%, 10/10, 8/8
    ("batch52_tuning47.yaml", 0.99, 1.0, 1.0),
    # 97.7%, 30/30, 99.2%, 10/10, 7/8
    ("batch53_tuning48.yaml", 0.99, 1.0, 1.0),
    # 98.5%, 30/30, 99.2%, 10/10, 8/8
    ("batch54_tuning49.yaml", 0.99, 1.0, 1.0),
    # session 6, held-out after the batch 51-54 rules: 93.8%, 29/30, 98.4%, 10/10, 8/8
    ("batch55_tuning50.yaml", 0.95, 1.0, 0.99),
    # 95.4%, 29/30, 99.2%, 10/10, 8/8
    ("batch56_tuning51.yaml", 0.97, 0.96, 0.99),
    # 92.3%, 28/30, 97.6%, 10/10, 8/8
    ("batch57_tuning52.yaml", 0.95, 1.0, 0.99),
    # 98.5%, 30/30, 99.2%, 10/10, 8/8
    ("batch58_tuning53.yaml", 0.98, 1.0, 0.99),
    # session 6, the last held-out measurement (after every rule of the session before them):
    # 94.6%, 27/30, 95.3%, 10/10, 8/8
    ("batch59_tuning54.yaml", 0.95, 1.0, 0.98),
    # 96.2%, 28/30, 97.7%, 10/10, 8/8
    ("batch60_tuning55.yaml", 0.96, 0.96, 0.98),
    # 97.7% (off-topic 14/15: a photo question), 30/30, 97.7%, 10/10, 8/8
    ("batch61_tuning56.yaml", 0.98, 1.0, 0.99),
    # 97.7%, 29/30, 99.2%, 10/10, 8/8
    ("batch62_tuning57.yaml", 0.96, 1.0, 0.99),
    # session 6, held-out after every earlier session-6 rule (the round meets all four targets):
    # 97.7%, 28/30, 98.4%, 10/10, 8/8
    ("batch63_tuning58.yaml", 0.98, 0.96, 0.99),
    # 93.8%, 30/30, 97.6%, 10/10, 8/8
    ("batch64_tuning59.yaml", 0.93, 1.0, 0.97),
    # 95.4%, 30/30, 98.4%, 10/10, 8/8
    ("batch65_tuning60.yaml", 0.96, 1.0, 0.98),
    # 93.8%, 30/30, 98.4%, 10/10, 8/8
    ("batch66_tuning61.yaml", 0.94, 1.0, 0.98),
    # session 6, the last round, held-out after every session-6 rule: 96.9%, 29/30, 99.2%, 10/10, 8/8
    ("batch71_tuning62.yaml", 0.97, 1.0, 0.99),
    # 99.2%, 29/30, 99.2%, 10/10, 8/8
    ("batch72_tuning63.yaml", 0.99, 0.96, 0.99),
    # 99.2%, 29/30, 98.5%, 10/10, 8/8
    ("batch73_tuning64.yaml", 0.99, 1.0, 0.99),
    # 94.6% (off-topic 14/15: Shandong 中 matched 「职工中」, now a stopword), 30/30, 98.4%, 9/10, 8/8
    ("batch74_tuning65.yaml", 0.96, 1.0, 0.98),
    # session 7, written after every session-6 rule and measured once before tuning:
    # 97.7%, 29/30, 98.4%; then 98.5%, 30/30, 100%
    ("batch79_tuning66.yaml", 0.98, 1.0, 1.0),
    # 94.6%, 29/30, 98.4%; then 96.2%, 29/30, 98.4% (「为啥偏偏把鲁班工匠日定在6月11日」 answered with
    # the naming sentence; 「工匠的家属也有礼遇吗」 with the heading of the passage about families)
    ("batch80_tuning67.yaml", 0.96, 0.96, 0.98),
    # 97.7%, 30/30, 100%; then 99.2%
    ("batch81_tuning68.yaml", 0.99, 1.0, 1.0),
    # 98.5%, 29/30, 99.2%; then 100%, 29/30 (「省内工匠都有哪几位」 answered with 许振超's sentence)
    ("batch82_tuning69.yaml", 1.0, 0.96, 0.99),
    # session 8, written after every session-7 rule and measured once before tuning (in scope,
    # off-topic, hard, small talk, countdowns, precision as `run.py eval` counts it):
    # 93.8%, 15/15, 30/30, 10/10, 6/8, 98.5%; then 98.5%, 15/15, 30/30, 10/10, 8/8, 100%
    ("batch87_tuning70.yaml", 0.98, 1.0, 1.0),
    # 91.5%, 14/15, 28/30, 9/10, 7/8, 96.2%; then 96.9%, 15/15, 30/30, 10/10, 8/8 (「这回表彰的劳模
    # 是不是有两百好几十口子」 and 「是不是就那么一两个行业的人能评上」, numbers guessed loosely, not read)
    ("batch88_tuning71.yaml", 0.96, 1.0, 0.99),
    # 88.5%, 15/15, 29/30, 8/10, 6/8, 97.6%; then 96.2%, 29/30 (「鲁班是不是枣庄人，为啥枣庄搞鲁班工匠日」
    # answered for its second question)
    ("batch89_tuning72.yaml", 0.96, 0.96, 0.99),
    # 96.2% (with 山东省枣庄市 accepted for where), 15/15, 30/30, 10/10, 7/8, 97.8%; then 99.2%, 100%
    ("batch90_tuning73.yaml", 0.99, 1.0, 1.0),
    # written after the batch 87-90 rules and measured untouched before tuning on them (in scope,
    # hard off-topic, small talk, precision; off-topic and countdowns perfect): 96.9%, 29/30, 8/10,
    # 99.3%; then 99.2%, 30/30, 10/10, 100%
    ("batch91_tuning74.yaml", 0.99, 1.0, 1.0),
    # 92.3%, 29/30, 10/10, 97.0%; then 98.5%, 30/30, 100%
    ("batch92_tuning75.yaml", 0.98, 1.0, 1.0),
    # 93.8%, 28/30, 9/10, 97.7%; then 96.9%, 30/30, 99.3%
    ("batch93_tuning76.yaml", 0.96, 1.0, 0.99),
    # 95.4%, 30/30, 8/10, 99.2%; then 99.2%, 30/30, 99.3%
    ("batch94_tuning77.yaml", 0.99, 1.0, 0.99),
    # written after every rule of the first two session-8 rounds, measured untouched (in scope,
    # hard off-topic, small talk, countdowns, precision): 100%, 30/30, 10/10, 8/8, 100%; 96.2%,
    # 30/30, 10/10, 6/8, 100%; 93.8%, 30/30, 8/10, 7/8, 97.7%; 94.6%, 28/30, 9/10, 8/8, 98.5%;
    # then tuned on: 100%, 96.9%, 96.9%, 97.7%
    ("batch95_tuning78.yaml", 1.0, 1.0, 1.0),
    ("batch96_tuning79.yaml", 0.96, 1.0, 1.0),
    ("batch97_tuning80.yaml", 0.96, 1.0, 0.98),
    ("batch98_tuning81.yaml", 0.97, 0.96, 0.99),
    # session 9, written after every session-8 rule, measured untouched (in scope, hard off-topic,
    # small talk, countdowns, precision): 95.4%, 30/30, 10/10, 8/8, 100%; 89.2%, 30/30, 8/10, 8/8,
    # 97.6%; 91.5%, 29/30, 10/10, 8/8, 99.2%; then tuned on: 97.7%, 94.6%, 97.7%
    ("batch104_tuning83.yaml", 0.97, 1.0, 1.0),
    ("batch105_tuning84.yaml", 0.94, 1.0, 0.99),
    ("batch106_tuning85.yaml", 0.97, 0.96, 0.99),
    # session 9, second round, written after the 104-106 rules, measured untouched: 96.2%, 29/30,
    # 9/10, 8/8, 98.5%; 96.2%, 30/30, 10/10, 8/8, 98.5%; 91.5%, 30/30, 10/10, 8/8, 98.4%;
    # then tuned on: 98.5%, 96.9%, 98.5%
    ("batch108_tuning86.yaml", 0.98, 1.0, 0.99),
    ("batch109_tuning87.yaml", 0.96, 1.0, 0.98),
    ("batch110_tuning88.yaml", 0.98, 1.0, 0.99),
    # written during that round, measured untouched after its rules: 92.3%, 30/30, 10/10, 8/8,
    # 100%; then tuned on: 96.9%
    ("batch111_tuning89.yaml", 0.96, 1.0, 1.0),
    # session 9, fourth round, measured untouched after the 111 rules: 96.2%, 29/30, 9/10, 7/8,
    # 97.8%; 96.2%, 30/30, 10/10, 7/8, 97.8%; 98.5%, 30/30, 8/10, 7/8, 97.8%; then tuned on:
    # 96.2%, 96.9%, 100%
    ("batch112_tuning90.yaml", 0.96, 1.0, 0.98),
    ("batch113_tuning91.yaml", 0.96, 1.0, 0.99),
    ("batch114_tuning92.yaml", 1.0, 1.0, 1.0),
    # session 9, fifth round (wrong premises, detailed follow-ups, elderly askers), measured
    # untouched after every rule before it: 93.1%, 29/30, 97.0%; 90.0%, 30/30, 97.6%; 92.3%,
    # 29/30, 96.2%; then tuned on: 93.8%, 91.5%, 93.1%, hard 30/30 each, precision 98.5%, 99.2%, 97.7%
    ("batch117_tuning93.yaml", 0.93, 1.0, 0.98),
    ("batch118_tuning94.yaml", 0.91, 1.0, 0.99),
    ("batch119_tuning95.yaml", 0.93, 1.0, 0.97),
    # session 9, sixth round (a group chat addressing the bot; neighbouring cities), measured
    # untouched after every rule before it: 93.1%, 30/30, 9/10, 6/8, 99.2%; 96.2%, 28/30, 9/10,
    # 8/8, 97.8%; then tuned on: 93.8%, 96.9%
    ("batch120_tuning96.yaml", 0.93, 1.0, 0.99),
    ("batch121_tuning97.yaml", 0.96, 0.96, 0.98),
]


# An English and pinyin set (session 8), measured untouched (67.7%, 26/30 hard off-topic, small talk
# 1/10, countdowns 6/8, precision 89.5%), then tuned on the English words of the campaign and of
# chat: 86.2%, 27/30, 10/10, 7/8, 93.7%. Its floors stand apart: English questions are still read
# word by word through a glossary, and some of its hard off-topic questions are still answered.
ENGLISH_BATCHES = [("batch100_tuning82.yaml", 0.86, 0.9, 0.93, 10, 7)]


@pytest.mark.parametrize(("name", "in_scope", "hard", "precision", "small_talk", "countdown"), ENGLISH_BATCHES)
def test_english_batches(engine, name, in_scope, hard, precision, small_talk, countdown):
    assert_floors(engine, name, in_scope, hard, precision, small_talk, countdown)


@pytest.mark.parametrize(("name", "in_scope", "hard", "precision"), SESSION3_BATCHES)
def test_session3_batches(engine, name, in_scope, hard, precision):
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / name))
    assert report.sentence_accuracy >= in_scope and report.abstention_accuracy == 1.0, report.failures
    assert report.hard_abstention_accuracy >= hard and report.precision >= precision, report.failures
    assert report.small_talk_hits == report.small_talk and report.countdown_hits == report.countdown


# Held-out sets measured at the end of session 6 after every rule of the session, and not tuned on
# (the next session's baseline): their floors are the figures measured then, so a rule that
# costs them shows at once. 67: 100%, 29/30 (「工匠疗休养的费用是谁出,要不要自己掏钱」 answered
# with the museum's 资金扶持), 99.2%; 68-70: 96.9% each, 30/30, 100% / 98.4% / 99.2%.
# 75-78, written after every session-6 rule (including the batch 71-74 ones) and measured
# untouched: 97.7%, 95.4%, 96.2%, 93.8% in scope; 60/60 off-topic; 119/120 hard; 99.2% precision.
UNTUNED_BATCHES = [
    # name, in scope, hard off-topic, precision, small talk recognized (67: 「你都会些啥本事」 is
    # not), countdowns (78: 「鲁班工匠日距离今天还有多久」 is not read as one)
    ("batch67_heldout.yaml", 1.0, 0.96, 0.99, 9, 8),
    ("batch68_heldout.yaml", 0.96, 1.0, 1.0, 10, 8),
    ("batch69_heldout.yaml", 0.96, 1.0, 0.98, 10, 8),
    ("batch70_heldout.yaml", 0.96, 1.0, 0.99, 10, 8),
    ("batch75_heldout.yaml", 0.97, 1.0, 1.0, 10, 8),
    ("batch76_heldout.yaml", 0.95, 1.0, 0.98, 10, 8),
    ("batch77_heldout.yaml", 0.96, 0.96, 0.98, 10, 8),
    ("batch78_heldout.yaml", 0.93, 1.0, 1.0, 10, 7),
    # session 7, written after every rule of the session (the batch 79-82 ones included) and
    # measured untouched: 96.9%, 93.8%, 97.7%, 97.7% in scope; 60/60 off-topic; 118/120 hard;
    # precision 98.4%, 96.8%, 97.7%, 98.4%
    ("batch83_heldout.yaml", 0.96, 1.0, 0.98, 10, 8),
    ("batch84_heldout.yaml", 0.93, 0.96, 0.96, 10, 8),
    ("batch85_heldout.yaml", 0.97, 1.0, 0.97, 10, 8),
    ("batch86_heldout.yaml", 0.97, 0.96, 0.98, 10, 8),
    # session 8, written after the rules of its first two rounds and the third (95-98, then tuned
    # on) and measured untouched: 97.7%, 95.4%, 96.2% in scope; 45/45 off-topic; 88/90 hard;
    # precision 99.3%, 98.5%, 98.5% (`run.py eval`); small talk 29/30; countdowns 23/24
    ("batch99_heldout.yaml", 0.97, 1.0, 0.99, 10, 8),
    ("batch101_heldout.yaml", 0.95, 0.96, 0.98, 9, 8),
    ("batch102_heldout.yaml", 0.96, 0.96, 0.98, 10, 7),
    # half English or pinyin, written while the English rules were made (after 100 was tuned on):
    # 80.0%, 15/15, 27/30, precision 93.3%, small talk 7/10, countdowns 8/8
    ("batch103_heldout.yaml", 0.8, 0.9, 0.93, 7, 8),
    # session 9, written after every session-8 rule and measured before and after the session-9
    # rules: 96.9% in scope both times, 15/15, 30/30, small talk 8/10, countdowns 8/8, precision
    # 99.3% after (「早上好 夜班刚下来」「辛苦了 好样的」 are not read as small talk)
    ("batch107_heldout.yaml", 0.96, 1.0, 0.99, 8, 8),
    # written during the last session-9 round and measured after every session-9 rule: 94.6%,
    # 15/15, 29/30, 10/10, 7/8, 99.2%; 96.2%, 15/15, 28/30, 9/10, 8/8, 97.8% (「早上好 打工人报道」
    # is answered with the byline: 报道 read as the article)
    ("batch115_heldout.yaml", 0.94, 0.96, 0.99, 10, 7),
    ("batch116_heldout.yaml", 0.96, 0.93, 0.97, 9, 8),
    # the whole city's workforce, written during the last round and measured after every session-9
    # rule before it: 97.7%, 15/15, 30/30, 9/10, 8/8, 99.3% (its one small-talk miss, 「早上好师傅们」,
    # was then answered by the last round's greeting rule)
    ("batch122_heldout.yaml", 0.97, 1.0, 0.99, 9, 8),
]


@pytest.mark.parametrize(("name", "in_scope", "hard", "precision", "small_talk", "countdown"), UNTUNED_BATCHES)
def test_untuned_heldout_batches(engine, name, in_scope, hard, precision, small_talk, countdown):
    assert_floors(engine, name, in_scope, hard, precision, small_talk, countdown)


def assert_floors(engine, name: str, in_scope: float, hard: float, precision: float, small_talk: int,
                  countdown: int) -> None:
    """A question set meets its floors: every plain off-topic question declined, the rest at least
    as good as measured when the floors were set."""
    report = evaluate(engine, load_cases(ROOT / "tests" / "data" / name))
    assert report.sentence_accuracy >= in_scope and report.abstention_accuracy == 1.0, report.failures
    assert report.hard_abstention_accuracy >= hard and report.precision >= precision, report.failures
    assert report.small_talk_hits >= small_talk and report.countdown_hits >= countdown, report.failures
