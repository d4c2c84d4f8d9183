"""The answer-or-not decision for a ranked question: coverage, focus, partial knowledge, dates.

Ranking finds the best sentence; this module decides what may be said about it. The question's
main clause must be covered by the passage (context clauses may add cover but never dilute it);
the question's focus (:mod:`knowledge.focus`) must be covered too, or the reply says honestly
what the knowledge does cover and what it does not say. Countdown questions are computed from a
stated date (:mod:`knowledge.dates`) instead of ranked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from knowledge import announced, asks, dates
from knowledge.answer import Answer, AnswerKind, Candidate
from knowledge.confidence import Weighed, coverage, credit
from knowledge.countdown import countdown
from knowledge.focus import Focus, asks_enumeration, enumerates
from knowledge.intent import Intent, asked_kind, asked_thing, counted_part, counts_noun, cue_positions
from knowledge.passages import Corpus
from knowledge.query import GUESS_CHECKED, Query
from knowledge.reading import Token
from knowledge.settings import EngineSettings
from knowledge.tokenizer import Tokenizer

# Kinds of question whose answer is a kind of fact: a sentence without one does not answer.
REQUIRED_FIT = (Intent.WHEN, Intent.HOW_MANY, Intent.WHO, Intent.WHERE, Intent.ORGANIZATION)
_YES_NO = re.compile(r"(?:吗|不|没|没有|(?<![什怎那这多])么)$|有没有|是不是|会不会|能不能|要不要|中不中|行不行")
_TRAILING = re.compile(r"(?:[吗呢吧啊呀了的哩呗嘛不没]|(?<![什怎那这多])么)+$")
LABEL_MAX = 8
# 「第三个特点」「第2条」: an item of an enumeration (一是…二是…三是…)
_NTH = re.compile(r"第([一二三四五六七八九十]|\d)(?:个|条|点|项|大|方面)")
_CN_NUMERALS = "零一二三四五六七八九"
_ITEMS_AFTER = 12  # how far after the sentence naming a list its items are looked for
# which-words whose following words name what is asked (「哪些岗位」「哪几道关」「什么组织」)
_WHICH = re.compile(r"哪些|哪几|哪几个|哪几道|哪几项|哪几种|什么|啥|哪种|哪类|哪样")
# a question for the day itself, which only a stated day answers
# 「三个特点都是什么」: a count stated and its items asked
_STATED_LIST = re.compile(r"[一二三四五六七八九十两\d]+[个项条点大]([\u4e00-\u9fff]{2})"
                          r"(?:都|分别|各|具体)?(?:是|有|叫)(?:什么|啥|哪些)")
_SAID_BY = re.compile(r"(?:说|讲|介绍|提到|称|透露)")
_FULL_DATE = re.compile(r"(\d{1,2}月\d{1,2})[日号]")
_CHECKED = re.compile(r"是不是|不是|对不对|对吗|对吧|是吧|没错|没听错|没记错|没看错|吗|吧[?？]|[不没][?？]?$")
# a day asked for by what it is (「属于工匠的日子」「工匠的节日」)
_DAY_WORDS = frozenset({"日子", "节日", "节", "纪念日", "日"})
# how a day is set for someone (「给工匠专门定的节日」「给工匠过的节」)
_SETTING = frozenset({"定", "设", "过", "定下", "设的", "定的"})
_DAY_ASKED = re.compile(r"的(?:那个|这个|那|这)?(?:日子|节日|纪念日)|(?:什么|啥)节|过的节")
_EXACT_DAY = re.compile(r"哪一?天|几号|几月几[号日]|哪一?日|啥日子|什么日子|具体日期|具体时间")
_DAY_DATE = re.compile(r"\d{1,2}[日号]|当天|当日|今天|明天")
_PAIR_ASKED = re.compile(r"谁(?:跟|和|与|同)谁")
_PAIRED = re.compile(r"[\u4e00-\u9fff]{2,}(?:与|和|同)[\u4e00-\u9fff]{2,}(?:结对|合作|共建|联合|携手)")
_ASKING_WORD = re.compile(r"什么|啥|谁|哪|怎|几|多少|如何|为何|咋|吗|呢|么")
_BYLINE_ASKS = frozenset({Intent.WHO, Intent.ORGANIZATION, Intent.WHERE})
# steps listed: 「基层推荐、初评、专家评审…等主要程序」, 「流程为：…、…、…」 (not 「条件和程序」)
_LISTED_STEPS = re.compile(r"(?:[^,，。;；、]{1,8}、){2,}[^,，。;；、]{1,8}等(?:主要|基本)?"
                           r"(?:程序|流程|步骤|环节|手续)|"
                           r"(?:程序|流程|步骤|环节|手续)(?:为|是|包括|有)?[:：][^。]*、[^。]*、")
_STEPS_ASKED = re.compile(r"(?:程序|流程|步骤|环节|手续)(?:都|一共|具体|主要)?(?:有|是)?(?:哪些|哪几|啥|什么)|"
                          r"(?:哪些|哪几[个道步]?|啥|什么)(?:主要)?(?:程序|流程|步骤|环节|手续)")
_POINTER_BEFORE = re.compile(r"(?:这|那)个?$")
_OWNER_LINKS = frozenset({"的", "那个", "这个", "的那个", "的这个", "那", "这"})
_LATER_ROUND = re.compile(r"明年|后年|(?<!一)下一?(?:届|次|回|年)|"
                          r"上一?(?:届|次|回|个)(?=的?(?:鲁班|工匠|活动|评选|表彰))")
_RECURS = re.compile(r"每年|每届|每一年|年年|常态化|长期")
_PLACE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:区|县|市|镇|乡|村)$")
_PEOPLE = re.compile(r"劳模|劳动模范|工匠|职工|工人|人员|人才|代表|群众|家庭|工作室|团队|先进工作者")


@dataclass(frozen=True)
class Decision:
    kind: AnswerKind
    confidence: float
    focus: str = ""
    topic: str = ""


class Knowledge(Protocol):
    """What the decision reads of the engine (the engine is one; no import of it here)."""

    settings: EngineSettings
    tokenizer: Tokenizer
    corpus: Corpus
    date_facts: list[dates.DateFact]
    today: Callable[[], dt.date]

    def passage_vocab(self, passage_id: int) -> frozenset[str]: ...
    def sentence_df(self, term: str) -> int: ...
    def sentence_vocab(self, sentence_id: int) -> frozenset[str]: ...
    def date_facts_using(self, terms: set[str]) -> list[dates.DateFact]: ...
    def date_facts_named(self, terms: Sequence[str]) -> list[dates.DateFact]: ...
    def date_facts_naming_part(self, words: Sequence[str]) -> list[dates.DateFact]: ...
    def fits(self, intent: Intent, sentence_id: int) -> bool: ...
    def weighed(self, tokens: Sequence[Token], text: str) -> list[Weighed]: ...
    def candidate(self, sentence_id: int, score: float = 0.0) -> Candidate | None: ...
    def byline(self, article: int) -> int | None: ...


class Decider:
    def __init__(self, engine: Knowledge):
        self.engine = engine
        self._announcers: dict[int, int | None] = {}  # passage -> the passage announcing it (a fixed corpus)
        self._people: dict[int, tuple[str, ...]] = {}  # sentence -> the person names it says (segmented once)

    def people(self, sentence_id: int) -> tuple[str, ...]:
        """The person names a sentence says, in order (cached: a fixed corpus, and segmenting a
        sentence again for every question that weighs it is a tenth of an ask)."""
        found = self._people.get(sentence_id)
        if found is None:
            e = self.engine
            words = e.tokenizer.words(e.corpus.sentences[sentence_id].text)
            found = self._people[sentence_id] = tuple(w for w in dict.fromkeys(words) if e.tokenizer.is_person_name(w))
        return found

    def decide(self, query: Query, best_id: int) -> Decision:
        e = self.engine
        reading, text = query.reading, query.text
        pid = e.corpus.sentences[best_id].passage_id
        passage, vocab = e.corpus.passages[pid].text, e.passage_vocab(pid)
        announcer = self._announcers.get(pid, -1)
        if announcer == -1:  # read once per passage: it searches up to nine long passages before it
            announcer = self._announcers[pid] = announced.announcer(e.corpus, pid)
        if announcer is not None:  # 「庆祝活动的第一个方面」: the item's topic is in the announcement
            passage, vocab = e.corpus.passages[announcer].text + passage, vocab | e.passage_vocab(announcer)
        main_words = self._unframed(e.weighed(reading.clause_tokens((reading.main,)), text), best_id)
        all_words = e.weighed(reading.clause_tokens((reading.main, *reading.context)), text) if reading.context \
            else main_words
        described = self._described_day(query, best_id, main_words)
        nth = _NTH.search(query.main_text)
        item = _item_marker(nth)
        if nth is not None and item is not None and item[1].search(e.corpus.sentences[best_id].text):
            # 「第三个特点是啥」: the item opening with 三是 is the third one asked for
            described = described | {w.word for w in main_words if w.start <= nth.start() < w.end}
        confidence = coverage(main_words, vocab, passage, described)
        if reading.context and confidence < e.settings.min_confidence:
            # a context clause (「俺师傅想报鲁班工匠，…评选要经过哪些程序」) may add what it
            # shares with the passage; its other words (车间, 替) say who asks, not what
            main_set = {w.word for w in main_words}
            shared = [w for w in all_words if w.word not in main_set and credit(w, vocab, passage) > 0]
            confidence = max(confidence, coverage(all_words, vocab, passage),
                             coverage(main_words + shared, vocab, passage))
        if reading.asked is not None and confidence < e.settings.min_confidence:
            # 「孙子放学回来问我鲁班工匠日，…这个日子是几月几号」: the clause that only lends the
            # question its topic adds what it shares with the passage (鲁班工匠日), not 孙子 or 放学;
            # the question clause's own words must still be covered
            lent = [w for w in main_words if credit(w, vocab, passage) > 0]
            own = e.weighed(reading.clause_tokens((reading.asked,)), text)
            if lent:
                confidence = max(confidence, coverage(lent + own, vocab, passage))
        if confidence < e.settings.min_confidence:
            # 「今年是不是第一个鲁班工匠日」: the sentence that says 第二个 answers it (no)
            answered = self._answered_numbers(query, best_id)
            if answered:
                confidence = max(confidence, coverage(main_words, vocab, passage, answered))
        focus = self.uncovered_focus(query, best_id, passage)
        if focus is None:
            kind = AnswerKind.ANSWER if confidence >= e.settings.min_confidence else AnswerKind.NONE
            return Decision(kind, confidence)
        focus_end = focus.start + len(focus.word)
        topic_words = [w for w in all_words if w.end <= focus.start or w.start >= focus_end]
        topic_confidence = coverage(topic_words, vocab, passage) if topic_words else 0.0
        if topic_confidence < e.settings.min_confidence:
            return Decision(AnswerKind.NONE, min(confidence, topic_confidence))
        return Decision(AnswerKind.PARTIAL, min(confidence, topic_confidence),
                        focus=self._focus_label(query, focus, vocab, passage),
                        topic=self._topic_label(topic_words, vocab, passage))

    def _described_day(self, query: Query, sentence_id: int, words: list[Weighed]) -> frozenset[str]:
        """「枣庄给工匠专门定的节日在哪一天过」: a day asked for by what it is, when the sentence is
        the one naming that day (每年6月11日为“鲁班工匠日”): the words describing it (节日, 定, 工匠,
        the title's 枣庄) are what the name says."""
        e = self.engine
        if query.intent is not Intent.WHEN or not _DAY_ASKED.search(query.main_text):
            return frozenset()
        names = {f.name for f in e.date_facts_naming_part(query.terms) if f.sentence_id == sentence_id}
        if not names:
            return frozenset()
        title = e.corpus.article_of(e.corpus.sentences[sentence_id]).source.title
        return frozenset(w.word for w in words if _describes_day(w.word, names, title))

    def _unframed(self, words: list[Weighed], sentence_id: int) -> list[Weighed]:
        """Without a time frame (今年, 这次) the sentence's article states: a report says 「今年」 once,
        and every passage of it is this year's (「今年有没有给工匠安排疗休养」); nor a year of a
        fact the sentence says recurs (「明年鲁班工匠日是哪天」: 每年6月11日)."""
        if not any(asks.TIME_FRAME.fullmatch(w.word) for w in words):
            return words
        e = self.engine
        sentence = e.corpus.sentences[sentence_id]
        stated = "".join(e.corpus.article_of(sentence).paragraphs)
        yearly = bool(_RECURS.search(sentence.text))
        kept = [w for w in words if not (asks.TIME_FRAME.fullmatch(w.word) and (
            w.word in stated or yearly and w.word.endswith("年")))]
        return kept or words

    def _answered_numbers(self, query: Query, sentence_id: int) -> frozenset[str]:
        """The numbers and ordinals a yes/no question checks that the sentence answers with a
        number or ordinal of its own (「超过200名」 by 197名, 「这次是第一个…吗」 by 第二个)."""
        reading, text = query.reading, query.text
        tokens = reading.clause_tokens((reading.main,))
        if not tokens:
            return frozenset()
        lo, hi = tokens[0].start, tokens[-1].end
        predicate = asks.yes_no_predicate(text[lo:hi], tokens, lo)
        if predicate is None:
            return frozenset()
        sentence = self.engine.corpus.sentences[sentence_id].text
        # (「是不是6月1号儿童节那天」: the date's numbers and the holiday are answered by a stated date)
        return frozenset(t.word for t in tokens if (
            asks.is_number_word(t.word) or asks.is_holiday(t.word) or asks.in_date(text, t.start, t.end)
            or t.word in ("月", "日", "号")) and asks.said_loosely(t.word, sentence))

    def fits(self, intent: Intent, sentence_id: int) -> bool:
        """Does the sentence carry the asked kind of fact? 「跟谁结对」 is answered by a group
        (省市级劳模工作室) or a body (各级工会) as well as by a named person."""
        e = self.engine
        if e.fits(intent, sentence_id):
            return True
        if intent is Intent.WHO:
            text = e.corpus.sentences[sentence_id].text
            if e.fits(Intent.ORGANIZATION, sentence_id) or bool(_PEOPLE.search(text)):
                return True
        if intent in (Intent.WHO, Intent.ORGANIZATION):
            # 「市总工会积极行动…。推动设立…“鲁班工匠日”;创新评选模式…;」: the items of a list
            # have no subject of their own; the sentence leading the list names who did them
            lead = self._list_lead(sentence_id)
            return lead is not None and (e.fits(Intent.ORGANIZATION, lead) or e.fits(Intent.WHO, lead))
        return False

    def _list_lead(self, sentence_id: int) -> int | None:
        """The sentence before the first item of the ;-separated list the sentence belongs to."""
        sentences = self.engine.corpus.sentences
        sentence = sentences[sentence_id]

        def item(i: int) -> bool:
            return 0 <= i and sentences[i].passage_id == sentence.passage_id and sentences[i].text.endswith((";", "；"))

        if not (item(sentence_id) or item(sentence_id - 1)):
            return None
        first = sentence_id if item(sentence_id) and not item(sentence_id - 1) else sentence_id - 1
        while item(first - 1):
            first -= 1
        lead = first - 1
        return lead if lead >= 0 and sentences[lead].passage_id == sentence.passage_id else None

    def best_fitting(self, query: Query, ranked: list[tuple[int, float]], ratio: float) -> int:
        """Position in ``ranked`` of the sentence to answer with: the best one, unless it lacks the
        asked kind of fact (or, for 「多少X」, does not count X) and a close runner-up has it."""
        if not ranked:
            return 0
        nth = self._enumerated(query, ranked)
        if nth is not None:
            return nth
        if self._is_byline(ranked[0][0]) and query.intent not in _BYLINE_ASKS and len(ranked) > 1 \
                and ranked[1][1] >= 0.5 * ranked[0][1] > 0 and not self._byline_asked(query, ranked[0][0]):
            # 「我爱看工人日报…这次请许振超来是干啥的」: the byline (工人日报客户端记者…) says who
            # wrote the article, which only a who, which-body or where question asks, or one
            # naming what the byline says (「报道 记者」)
            return 1
        steps = self._listed_steps(query, ranked)
        if steps:
            return steps
        about = self._named_person(query, ranked, ratio) or self._stated_date(query, ranked, ratio)
        if about:
            return about
        asked = self._named_by_ask(query, ranked, ratio) or self._checked_number(query, ranked, ratio) \
            or self._counted_list(query, ranked, ratio)
        if asked or query.intent not in REQUIRED_FIT:
            return asked or self._better_shaped(query, ranked, ratio) or self._covering_tie(query, ranked)
        e = self.engine
        if query.intent is Intent.WHEN:
            # 「工匠节是六月多少号」: the sentence that gives the named day its date (每年6月11日为
            # “鲁班工匠日”) answers, not another date beside the name (6月6日…第二个“鲁班工匠日”)
            facts = e.date_facts_named(query.terms)
            # 「6月份哪一天是专门属于工匠的日子」: a day described by whose it is, not named
            described = not facts and bool(_DAY_ASKED.search(query.main_text))
            if described:
                facts = e.date_facts_naming_part(query.terms)
            named = {f.sentence_id for f in facts}
            if named and ranked[0][0] not in named:
                title = e.corpus.article_of(e.corpus.sentences[ranked[0][0]]).source.title
                # (「今年鲁班工匠日是哪一天」: the year frames a yearly day, the naming sentence dates it)
                # (「第二个鲁班工匠日定在哪一天」: nor does the edition)
                # (「…有个鲁班工匠日，想问问这个节到底是哪一天」: 这个节 points at the day named before)
                main_words = e.weighed(query.reading.clause_tokens((query.reading.main,)), query.text)
                pointed = [w for w in main_words
                           if w.word in _DAY_WORDS and _POINTER_BEFORE.search(query.text, 0, w.start)]
                said = [w for w in main_words
                        if w.word not in e.tokenizer.light_words and not asks.TIME_FRAME.fullmatch(w.word)
                        and not asks.is_number_word(w.word) and w not in pointed]
                words = [w for w in said if w.word not in title]
                names = {f.name for f in facts}
                # 「枣庄的鲁班工匠日是哪天」「枣庄那个工匠日是几号」: nothing but the name is said
                # about (with its owner from the title before 的 or 那个), so the sentence naming
                # the day dates it
                owners = {w.word for w, following in zip(said, said[1:], strict=False)
                          if w.word in title and query.text[w.end:following.start] in _OWNER_LINKS
                          and set(following.variants) & names}
                only_name = bool(said or pointed) and all(set(w.variants) & names or w.word in owners
                                               or described and _describes_day(w.word, names, title) for w in said)
                if described and only_name and not any(s in named for s, _ in ranked[1:4]):
                    # 「给工匠过的节」 shares no word with the naming sentence's 日: it joins the ranking
                    ranked.insert(1, (min(named), ranked[0][1]))
                # 「讲鲁班工匠日的新闻发布会是几号开的」: an event the best sentence dates (发布会),
                # and not by the naming sentence, is what is dated
                # (「…刷到工匠日的消息，到底哪年开始说要建工匠之城的」: 工匠之城 is dated, not the day)
                reading = query.reading
                lent = [c for c in reading.context if c == reading.main - 1 and not any(
                    t.word in _SPEAKERS for t in reading.clause_tokens((c,)))]  # not the worker's own chat
                everything = [w for w in e.weighed(reading.clause_tokens((reading.main, *lent)), query.text)
                    if w.word not in title and w.word not in e.tokenizer.light_words
                    and not set(w.variants) & names and not asks.TIME_FRAME.fullmatch(w.word)]
                best_text = e.corpus.sentences[ranked[0][0]].text
                for n, (sentence_id, _) in enumerate(ranked[1:4], 1):
                    naming = e.corpus.sentences[sentence_id].text
                    other_event = any(credit(w, e.sentence_vocab(ranked[0][0]), best_text) >= 1.0
                                      and credit(w, e.sentence_vocab(sentence_id), naming) < 0.5 for w in everything)
                    if sentence_id in named and not other_event and (only_name or words and self._passage_cover(
                            words, sentence_id) >= max(self._passage_cover(words, ranked[0][0]), 1e-9)):
                        return n
        if query.intent is Intent.WHO:
            doer = self._doer(query, ranked, ratio)
            if doer:
                return doer
        if self.fits(query.intent, ranked[0][0]) and self._gives_asked_number(query, ranked[0][0]):
            return self._better_shaped(query, ranked, ratio) or self._covering_tie(query, ranked)

        best = ranked[0][1]
        floor = best - (1 - ratio) * abs(best)  # Okapi scores can be negative on tiny corpora
        words = e.weighed(query.reading.clause_tokens((query.reading.main,)), query.text)

        def cover(sentence_id: int) -> float:
            return self._passage_cover(words, sentence_id)

        if not self.fits(query.intent, ranked[0][0]):
            for n, (sentence_id, score) in enumerate(ranked[1:3], 1):
                # the runner-up must say as much of the question as the best, not merely carry a date
                if score >= floor and self.fits(query.intent, sentence_id) \
                        and cover(sentence_id) >= cover(ranked[0][0]):
                    return n
            return 0
        # 「一共培养了多少工匠」: the best has a number, but a close one counts the asked noun
        # (「培育1470名各类工匠」) or gives the asked ordinal (「第几届」 -> 「第八届」); it must
        # still cover enough of the question on its own
        for n, (sentence_id, score) in enumerate(ranked[1:4], 1):
            if score >= floor and self.fits(query.intent, sentence_id) \
                    and self._gives_asked_number(query, sentence_id) \
                    and cover(sentence_id) >= min(cover(ranked[0][0]), e.settings.min_confidence):
                return n
        return 0

    def _doer(self, query: Query, ranked: list[tuple[int, float]], ratio: float) -> int:
        """「发布会上谁讲的」: the one asked for is the name a sentence puts right before the asked
        deed (徐婷介绍) or right after the asked title (“人民工匠”许振超); a close runner-up
        binding a heavier question word to a name beats a best sentence binding a lighter one
        (「记者从…发布会获悉」 binds nothing: 记者 is no name)."""
        e = self.engine
        words = e.weighed(query.reading.clause_tokens((query.reading.main, *query.reading.context)), query.text)
        if not words or len(ranked) < 2:
            return 0

        def bound(sentence_id: int) -> float:
            text = e.corpus.sentences[sentence_id].text
            names = self.people(sentence_id)
            # a whole title (“人民工匠”许振超, not the 工匠 of it) or a deed right after the name
            return max((w.weight for w in words for v in w.variants for name in names
                        if re.search(re.escape(name) + r"[\s“”\"]?" + re.escape(v), text)
                        or re.search(r"(?<![\u4e00-\u9fff])" + re.escape(v) + r"[\s“”\"]?" + re.escape(name), text)),
                       default=0.0)

        floor = _floor(ranked, ratio)
        held = bound(ranked[0][0])
        for n, (sentence_id, score) in enumerate(ranked[1:3], 1):
            if score >= floor and bound(sentence_id) > held:
                return n
        return 0

    def _named_person(self, query: Query, ranked: list[tuple[int, float]], ratio: float) -> int:
        """「…听说这次要请许振超来枣庄，请问请他来主要是做什么」: a person the asking clause names
        (or points at with 他) is what it is about; a close runner-up naming them beats a best
        sentence whose passage never does (its 主要程序 only shares a framing word)."""
        e = self.engine
        names = {t.word for t in query.reading.clause_tokens((query.reading.main,))
                 if e.tokenizer.is_person_name(t.word) and e.sentence_df(t.word)}
        if not names or len(ranked) < 2:
            return 0
        # (a passage naming them may go on with 他: 「他在1954年出版了…」 answers about them)
        passage = e.corpus.passages[e.corpus.sentences[ranked[0][0]].passage_id].text
        if any(n in passage for n in names):
            return 0
        return _runner_up(ranked, _floor(ranked, ratio),
                          lambda s: all(n in e.corpus.sentences[s].text for n in names))

    def _stated_date(self, query: Query, ranked: list[tuple[int, float]], ratio: float) -> int:
        """「6月11日在枣庄算是个什么日子」: a date the question states is what it asks about; a close
        runner-up stating that date beats a best stating another (6月6日)."""
        dates = _FULL_DATE.findall(query.main_text)
        if not dates or len(ranked) < 2 or _CHECKED.search(query.text):
            return 0  # (「鲁班工匠日是不是6月6号」: a date checked is a guess, which 6月11日 answers)
        sentences = self.engine.corpus.sentences

        def says(sentence_id: int) -> bool:
            return all(re.search(rf"(?<!\d){re.escape(d)}(?!\d)", sentences[sentence_id].text) for d in dates)

        if says(ranked[0][0]):
            return 0
        return _runner_up(ranked, _floor(ranked, ratio), says)

    def _byline_asked(self, query: Query, byline: int) -> bool:
        """Does the main clause name something the byline itself says (记者, 工人日报)?"""
        e = self.engine
        words = e.weighed(query.reading.clause_tokens((query.reading.main,)), query.text)
        return any(credit(w, e.sentence_vocab(byline), e.corpus.sentences[byline].text) > 0 for w in words)

    def _is_byline(self, sentence_id: int) -> bool:
        """Is the sentence its article's byline?"""
        corpus = self.engine.corpus
        article = corpus.passages[corpus.sentences[sentence_id].passage_id].article_index
        return self.engine.byline(article) == sentence_id

    def _listed_steps(self, query: Query, ranked: list[tuple[int, float]]) -> int:
        """「评选程序有哪些」「评选流程是啥」: the steps are answered by the sentence that lists them
        (基层推荐、初评、专家评审…等主要程序), not by one that only names a procedure (严格遵循…
        条件和程序) or shares the asked word (创新评选模式); a runner-up listing them, scoring at
        least half the best, answers."""
        if not _STEPS_ASKED.search(query.main_text):
            return 0
        sentences = self.engine.corpus.sentences

        def lists_steps(sentence_id: int) -> bool:
            return bool(_LISTED_STEPS.search(sentences[sentence_id].text))

        if lists_steps(ranked[0][0]):
            return 0
        best = ranked[0][1]
        for n, (sentence_id, score) in enumerate(ranked[1:4], 1):
            if score >= 0.5 * best > 0 and lists_steps(sentence_id):
                return n
        return 0

    def _enumerated(self, query: Query, ranked: list[tuple[int, float]]) -> int | None:
        """「第三个特点是什么」: articles enumerate with 一是…二是…三是; the ranked sentence that
        opens with the asked item's marker, in a passage that names what is enumerated, answers."""
        m = _NTH.search(query.main_text)
        found = _item_marker(m)
        if m is None or found is None:
            return None
        numeral, marker = found
        e = self.engine
        after = query.main_text[m.end():]
        named = [t.word.lower() for t in query.reading.clause_tokens((query.reading.main,))
                 if after.startswith(t.word) or t.word in after[:6]]
        named = [w for w in named if e.tokenizer.is_content(w)]
        if m.group(0).endswith("方面"):  # 「第二方面是什么」: the unit names what is enumerated
            named.append("方面")
        if not named:  # 「是不是第一个搞」: an ordinal of events, not an item of a list
            return None
        for n, (sentence_id, _) in enumerate(ranked):
            sentence = e.corpus.sentences[sentence_id]
            if marker.search(sentence.text) and set(named) & e.passage_vocab(sentence.passage_id):
                return n
        # 「…新闻里说有三个，那第三个特点是啥」: the item may be ranked below the cut, in the
        # passage of a close sentence that names what is enumerated (「三大特点:一是…」)
        sentences = e.corpus.sentences
        for sentence_id, score in ranked[:3]:
            passage_id = sentences[sentence_id].passage_id
            if not set(named) & e.sentence_vocab(sentence_id):
                continue
            for other in range(sentence_id + 1, min(sentence_id + _ITEMS_AFTER, len(sentences))):
                if sentences[other].passage_id != passage_id:
                    break
                if marker.search(sentences[other].text):
                    ranked.insert(0, (other, score))
                    return 0
        return self._headed_item(ranked, _CN_NUMERALS.index(numeral) if numeral in _CN_NUMERALS else 0, named,
                                 query.terms)

    def _headed_item(self, ranked: list[tuple[int, float]], nth: int, named: list[str],
                     terms: list[str]) -> int | None:
        """「庆祝活动的第一个方面是啥」: 「围绕以下三个方面…:」 announces items that follow as
        paragraphs of their own (「培育匠人。…」); the n-th paragraph after it is the n-th item.
        It joins ``ranked`` when the search did not find it."""
        e = self.engine
        for sentence_id, score in ranked[:3]:
            sentence = e.corpus.sentences[sentence_id]
            if not announced.announced_count(sentence.text) or not set(named) & e.sentence_vocab(sentence_id):
                continue
            target = announced.item_passage(e.corpus, sentence.passage_id, nth)
            if target is None:
                return None
            # the item's heading, or a sentence of it saying more of the question (「第三个方面要弘扬
            #什么精神」) than the announcement does
            more = set(terms) - e.sentence_vocab(sentence_id)
            first = next(s.id for s in e.corpus.sentences[sentence_id:] if s.passage_id == target)
            for n, (other, _) in enumerate(ranked):
                if e.corpus.sentences[other].passage_id == target \
                        and (other == first or more & e.sentence_vocab(other)):
                    return n
            ranked.append((first, score))
            return len(ranked) - 1
        return None

    def _named_by_ask(self, query: Query, ranked: list[tuple[int, float]], ratio: float) -> int:
        """「主要往哪些岗位倾斜」「要经过哪几道关」: the words after 哪些/什么 (and the predicate
        closing the clause) name what is asked; when a close runner-up says more of them than the
        best sentence (倾斜, 关 as 程序) and covers enough of the question, the runner-up answers."""
        asked = self._asked_words(query)
        e = self.engine

        def hits(sentence_id: int, vocab: frozenset[str] | None = None) -> int:
            vocab = e.sentence_vocab(sentence_id) if vocab is None else vocab
            return sum(1 for forms in asked if forms & vocab)

        top_passage = e.corpus.sentences[ranked[0][0]].passage_id
        # (「对工匠家庭都有啥礼遇措施」: a passage's label (礼遇匠才。) is said of every sentence under it)
        label = _LABEL.match(e.corpus.passages[top_passage].text)
        top_hits = sum(1 for forms in asked if forms & e.sentence_vocab(ranked[0][0])
                       or label is not None and any(f in label.group(0) for f in forms))
        if not asked or top_hits == len(asked):
            return 0
        # a runner-up from another passage must beat a passage that says the asked words somewhere
        passage_hits = hits(ranked[0][0], e.passage_vocab(top_passage))
        best = ranked[0][1]
        floor = best - (1 - ratio) * abs(best)
        words = self.engine.weighed(query.reading.clause_tokens((query.reading.main,)), query.text)
        # the runner-up says what is asked: it need only cover enough of the rest, not as much
        top_cover = min(self._passage_cover(words, ranked[0][0]), self.engine.settings.min_confidence)
        for n, (sentence_id, score) in enumerate(ranked[1:3], 1):
            said = hits(sentence_id)
            same_passage = e.corpus.sentences[sentence_id].passage_id == top_passage
            if score >= floor and said > top_hits and (same_passage or said > passage_hits) \
                    and self._passage_cover(words, sentence_id) >= top_cover:
                return n
        return 0

    def _asked_words(self, query: Query) -> list[frozenset[str]]:
        """The first two content words after a 哪些/哪几/什么/啥 in the main clause and the word
        closing the clause after them (「向哪些岗位和领域倾斜」), each with its canonical form
        (empty when the question has no such word)."""
        tokenizer = self.engine.tokenizer
        tokens = query.reading.clause_tokens((query.reading.main,))
        at = next((n for n, t in enumerate(tokens) if _WHICH.fullmatch(t.word) or (
            t.word == "哪" and n + 1 < len(tokens) and tokens[n + 1].word.startswith("几"))), None)  # 哪/几道/关
        if at is None:
            return []
        content = [t.word.lower() for t in tokens[at + 1:] if tokenizer.is_content(t.word)
                   and t.word not in tokenizer.light_words]
        words = list(dict.fromkeys(content[:2] + content[-1:]))
        return [frozenset((w, tokenizer.synonyms.get(w, w))) for w in words]

    def _better_shaped(self, query: Query, ranked: list[tuple[int, float]], ratio: float) -> int:
        """「枣庄市属于哪个省」: the best sentence has a place (枣庄市) but not the asked kind (a
        province); a close runner-up that says it, and covers the question as well, answers."""
        e = self.engine
        best = ranked[0][1]
        floor = best - (1 - ratio) * abs(best)
        if len(ranked) < 2 or ranked[1][1] < floor:
            return 0  # no runner-up close enough to choose
        main_tokens = query.reading.clause_tokens((query.reading.main,))
        start = main_tokens[0].start if main_tokens else 0
        lacking = self._shape_focus(query, ranked[0][0], start)
        if lacking is None:
            return 0
        words = e.weighed(main_tokens, query.text)

        def cover(sentence_id: int) -> float:
            return self._passage_cover(words, sentence_id)

        # a runner-up naming the asked thing (「一座什么样的城」: 工匠之城) or person (「哪位领导」:
        # 副主席徐婷) need only cover enough of the rest, not as much; a place or a number anywhere
        # proves less, so that runner-up must say as much of the question as the best
        needed = cover(ranked[0][0])
        kept: set[str] = set()
        about = words
        if lacking.rule in ("name", "leader"):
            needed = min(needed, e.settings.min_confidence)
        else:
            # a runner-up that proves less keeps what the question is about: 「疗休养的费用要自己
            # 掏钱吗」 is not answered by the museum's 资金扶持, whose passage never mentions 疗休养
            # (「全家福在哪儿拍，要不要自己掏钱」: what it is about may be in a clause before)
            reading = query.reading
            about = e.weighed(reading.clause_tokens((reading.main, *reading.asking)), query.text)
            title = e.corpus.article_of(e.corpus.sentences[ranked[0][0]]).source.title
            kept = {w for w in self._covered_words(about, ranked[0][0]) if w not in title}
        for n, (sentence_id, score) in enumerate(ranked[1:4], 1):
            if score >= floor and self.fits(query.intent, sentence_id) \
                    and self._shape_focus(query, sentence_id, start) is None and cover(sentence_id) >= needed \
                    and kept <= self._covered_words(about, sentence_id):
                return n
        return 0

    def _covered_words(self, words: list[Weighed], sentence_id: int) -> set[str]:
        """The words the sentence's passage covers."""
        e = self.engine
        pid = e.corpus.sentences[sentence_id].passage_id
        vocab, text = e.passage_vocab(pid), e.corpus.passages[pid].text
        return {w.word for w in words if credit(w, vocab, text) > 0}

    def _checked_number(self, query: Query, ranked: list[tuple[int, float]], ratio: float) -> int:
        """「是不是今年评了一百多名劳模」: a yes/no check of a number is answered by a sentence
        stating that number (197名); a close runner-up that states it beats a best that does not."""
        reading = query.reading
        tokens = reading.clause_tokens((reading.main,))
        numbers = [n for n, t in enumerate(tokens) if asks.is_number_word(t.word)]
        if len(ranked) < 2 or not numbers:
            return 0
        # 「好像是表彰了1470个劳模，我没听错吧」「这次选劳模有五大特点？」: the number is checked for
        # its noun; the sentence counting that noun (197名劳动模范, 三大特点) answers, not one
        # stating the same number of something else (1470名各类工匠)
        e = self.engine
        text, last = query.text, tokens[numbers[-1]]
        following = tokens[numbers[-1] + 1:numbers[-1] + 3]
        noun = next((t.word for t in following if e.tokenizer.is_content(t.word) and len(t.word) >= 2), None)
        clause = text[tokens[0].start:tokens[-1].end]
        # (「听说这次选劳模有五大特点？」: a statement with a question mark checks its number)
        checked = asks.yes_no_predicate(clause, tokens, tokens[0].start) is not None or bool(_CHECKED.search(text)) \
            or text[tokens[-1].end:tokens[-1].end + 1] in ("?", "？") and query.intent is Intent.NONE \
            and not _ASKING_WORD.search(clause)
        if noun is not None and checked and "+" not in text[last.start - 1:last.end + 1]:
            forms = {noun, e.tokenizer.synonyms.get(noun, noun)}

            def counts(sentence_id: int) -> bool:
                return any(counts_noun(e.corpus.sentences[sentence_id].text, f) for f in forms)

            if not counts(ranked[0][0]):
                # (a sentence counting the checked noun is strong evidence: any of the next two)
                counted = _runner_up(ranked, 1e-9, counts)
                if counted:
                    return counted
        if self._answered_numbers(query, ranked[0][0]):
            return 0
        return _runner_up(ranked, _floor(ranked, ratio), lambda s: bool(self._answered_numbers(query, s)))

    def _counted_list(self, query: Query, ranked: list[tuple[int, float]], ratio: float) -> int:
        """「这次评劳模有哪些特点」: a sentence announcing how many of the asked thing there are
        (「呈现三大特点:一是…」) lists them; a close runner-up that does beats a best that only uses the
        word (「根据行业特点」)."""
        words = self._asked_words(query)
        stated = _STATED_LIST.search(query.main_text)
        if not words and stated:  # 「三个特点都是什么」: the count stated, the items asked
            words = [frozenset({stated.group(1)})]
        if len(ranked) < 2 or not words:
            return 0
        e = self.engine
        forms = {f for f in words[0] if len(f) >= 2}  # a noun (特点), not a measure word (「叫啥名」)
        if not forms or any(counts_noun(e.corpus.sentences[ranked[0][0]].text, f) for f in forms):
            return 0
        return _runner_up(ranked, _floor(ranked, ratio),
                          lambda s: any(counts_noun(e.corpus.sentences[s].text, f) for f in forms))

    def _covering_tie(self, query: Query, ranked: list[tuple[int, float]]) -> int:
        """「想评上鲁班工匠咋弄啊 得走啥流程」: two sentences score alike (表彰…程序 and 程序…“鲁班工匠”),
        but only the runner-up's passage says what the question is about; a near tie is decided
        by the question's words, which the best one fails to cover enough to answer at all."""
        e = self.engine
        tie = e.settings.tie_ratio * ranked[0][1]
        if len(ranked) < 2 or ranked[1][1] < tie:
            return 0
        words = e.weighed(query.reading.clause_tokens((query.reading.main,)), query.text)
        least = e.settings.min_confidence
        if not words or self._passage_cover(words, ranked[0][0]) >= least:
            return 0
        return _runner_up(ranked, tie, lambda s: self.fits(query.intent, s) and self._passage_cover(words, s) >= least)

    def _passage_cover(self, words: list[Weighed], sentence_id: int) -> float:
        """How much of the words the sentence's passage covers."""
        e = self.engine
        pid = e.corpus.sentences[sentence_id].passage_id
        return coverage(words, e.passage_vocab(pid), e.corpus.passages[pid].text)

    def _gives_asked_number(self, query: Query, sentence_id: int) -> bool:
        """A 「多少X」 question needs a count of X, a 「第几」 question an ordinal."""
        if query.ordinal and query.intent is Intent.HOW_MANY \
                and not asks.has_ordinal(self.engine.corpus.sentences[sentence_id].text):
            return False
        return not query.noun or self._counts(query, sentence_id)

    def _counts(self, query: Query, sentence_id: int) -> bool:
        """Does the sentence count the noun a 「多少X」 question asks about (「1470名各类工匠」)?"""
        noun = query.noun or ""
        forms = {noun, self.engine.tokenizer.synonyms.get(noun, noun)}
        text = self.engine.corpus.sentences[sentence_id].text
        return any(counts_noun(text, f) for f in forms)

    def uncovered_focus(self, query: Query, best_id: int, passage: str) -> Focus | None:
        """The first thing the question asks for that the sentence or its passage does not give."""
        e = self.engine
        reading, text = query.reading, query.text
        spans = []
        for c in reading.asking:  # a focus word in a remark (「我这岁数也不太懂」) asks nothing
            tokens = reading.clause_tokens((c,))
            if tokens:
                spans.append((tokens[0].start, tokens[-1].end))
        for focus in e.tokenizer.focus.lexical(text, spans):
            if not e.tokenizer.focus.covers(focus, passage):
                return focus
        for token in reading.clause_tokens(reading.asking):
            # 「197名劳模里头有没有俺们峄城区的」: a place the knowledge never names narrows the
            # question to something it does not break down
            if _PLACE_NAME.match(token.word) and token.word not in passage and not e.sentence_df(token.word):
                return Focus(token.word, token.start, "place")
        sentence = e.corpus.sentences[best_id].text
        main_tokens = reading.clause_tokens((reading.main,))
        # 「明年还评劳动模范吗」「下一届还评不」「上一个鲁班工匠日办了啥」: another year or round
        # than the article's is one it says nothing of, unless a date asked recurs (每年6月11日); the
        # worker's own plans in another
        # clause (「我寻思明年能不能争取一下」) are not what is asked
        later = _LATER_ROUND.search(text, main_tokens[0].start, main_tokens[-1].end) if main_tokens else None
        dated = query.intent is Intent.WHEN or bool(_FULL_DATE.search(query.main_text))
        if later and later.group(0) not in passage and not (dated and _RECURS.search(sentence)):
            return Focus(later.group(0), later.start(), "when")
        start = main_tokens[0].start if main_tokens else 0
        advice = _ADVICE.search(query.main_text)
        if advice and not _ADVISED.search(passage):
            # 「孙子今年高考，报个啥专业好」: a recommendation asked, which only advice in the
            # knowledge gives (a sentence that merely names 专业 is no answer)
            return Focus(advice.group(0), max(text.find(advice.group(0), start), start), "advice")
        # (「记者是哪家的」: a source is named by a body as well as by a place)
        # (「结对共建是谁跟谁结对」: the two parties, answered by a sentence joining two groups)
        fits = self.fits(query.intent, best_id) or query.intent is Intent.WHERE \
            and bool(asks.SOURCE_ASK.search(text, start)) and e.fits(Intent.ORGANIZATION, best_id) \
            or query.intent is Intent.HOW_MANY and self._years_so_far(query, sentence) \
            or query.intent is Intent.WHO and bool(_PAIR_ASKED.search(text)) and bool(_PAIRED.search(sentence))
        # (「副主席许婷说今年表彰了多少劳模」: the one who said it is no subject of the fact asked)
        if query.intent in REQUIRED_FIT and (not fits or any(
                t.word not in sentence for t in main_tokens
                if e.tokenizer.is_person_name(t.word) and e.sentence_df(t.word)
                and not _SAID_BY.match(text, t.end))):
            # 「许振超是哪个单位的工人」: a fact about a named person is one the sentence naming
            # them states; the byline's 工人日报 beside it in the passage is no answer
            cues = sorted(p for p in cue_positions(text) if p >= start) or [start]
            return Focus(text[cues[0]:cues[0] + 2], cues[0], query.intent.value)
        # (「今年是第三个工匠日吗」 checks the edition: 第二个 answers it, no)
        edition = asks.other_edition(query.main_text, passage)
        if edition is not None and asks.yes_no_predicate(query.main_text, main_tokens, start) is None:
            return Focus(edition, max(text.find(edition, start), start), "edition")
        day = _EXACT_DAY.search(query.main_text) if query.intent is Intent.WHEN else None
        if day and not _DAY_DATE.search(sentence):
            # 「技能大赛具体哪天比」: 「前夕」 or a year says when, not which day
            return Focus(day.group(0), max(text.find(day.group(0), start), start), "when")
        shaped = self._shape_focus(query, best_id, start)
        if shaped is not None:
            return shaped
        if asks_enumeration(query.main_text) and not enumerates(sentence, query.main_text):
            return Focus(query.main_text, start, "list")
        if query.noun and counted_part(query.main_text) == query.noun and not self._counts(query, best_id):
            return Focus(query.noun, max(text.find(query.noun, start), 0), "noun")
        if query.noun:
            noun_forms = {query.noun, e.tokenizer.synonyms.get(query.noun, query.noun)}
            vocab = e.passage_vocab(e.corpus.sentences[best_id].passage_id)
            known_parts = [t for f in noun_forms for t in e.tokenizer.word_terms(f) if t in vocab]
            if not known_parts and not any(f in passage for f in noun_forms):
                at = text.find(query.noun, start)
                return Focus(query.noun, max(at, 0), "noun")
        return None

    @staticmethod
    def _years_so_far(query: Query, sentence: str) -> bool:
        """「工匠之城喊了几年了」: how many years so far is told by the year it started (自2023年)."""
        return bool(_YEARS_SO_FAR.search(query.main_text)) and asks.names_year(sentence)

    def _shape_focus(self, query: Query, best_id: int, start: int) -> Focus | None:
        """What the question's shape asks that the answer sentence must say (:mod:`knowledge.asks`);
        worked out once per sentence and ask."""
        key = ("shape", best_id, start)
        if key not in query.memo:
            query.memo[key] = self._shape_focus_of(query, best_id, start)
        found: Focus | None = query.memo[key]
        return found

    def _shape_focus_of(self, query: Query, best_id: int, start: int) -> Focus | None:
        e = self.engine
        reading, text = query.reading, query.text
        sentence = e.corpus.sentences[best_id].text
        cues = sorted(p for p in cue_positions(text) if p >= start) or [start]
        cue = Focus(text[cues[0]:cues[0] + 2], cues[0], query.intent.value)
        if query.intent is Intent.WHERE:
            level = asks.ASKED_LEVEL.search(text, start)
            if level and not asks.names_level(sentence, level.group(1), text):
                return cue  # 「哪个省」 is answered by a province, not by the city asked about
            if not asks.names_place(sentence, text) and not (asks.SOURCE_ASK.search(text) and (
                    e.fits(Intent.ORGANIZATION, best_id) or asks.names_scope(sentence))):
                return cue
        year = asks.YEAR_ASK.search(text, start)
        if query.intent is Intent.WHEN and year and not asks.names_year(sentence):
            return Focus(year.group(0), year.start(), query.intent.value)
        if query.intent is Intent.HOW_MANY and not (
                asks.has_ordinal(sentence) if query.ordinal else asks.has_count(sentence)) \
                and not self._years_so_far(query, sentence):
            return cue
        leader = asks.LEADER_ASK.search(text, start) if query.intent is Intent.WHO else None
        if leader and not asks.names_leader(sentence):
            return Focus(leader.group(0), leader.start(), "leader")
        deputy = asks.deputy_only(sentence, text[start:])
        # (「徐婷是总工会主席吗」: the sentence saying she is 副主席 answers it, no)
        if deputy is not None and asks.yes_no_predicate(query.main_text, reading.clause_tokens((reading.main,)),
                                                        start) is None:
            return Focus(deputy, max(text.find(deputy, start), start), "who")
        kind = asked_kind(query.main_text)
        if kind and kind not in sentence:
            at = text.find(kind, start)
            return Focus(kind, max(at, start), "name")
        # 「联盟叫什么名字」 reads as a "who" question too; asked_thing leaves out asks for a person
        thing = asked_thing(query.main_text) if query.intent in (Intent.NONE, Intent.WHO) else None
        if thing and not asks.names_thing(sentence, thing, text, lambda w: bool(e.tokenizer.frequency(w))):
            at = text.find(thing, start)
            return Focus(thing, max(at, start), "name")
        main_tokens = reading.clause_tokens((reading.main,))
        exactly = asks.WHO_EXACTLY.search(text, start)
        if query.intent is Intent.WHO and exactly and not (_PAIR_ASKED.search(text) and _PAIRED.search(sentence)):
            if not self.people(best_id):
                return Focus(exactly.group(0), exactly.start(), "who")
            before = [t.word for t in main_tokens if t.end <= exactly.start() and e.tokenizer.is_content(t.word)]
            if before and asks.leaves_vague(sentence, before[-1]):
                return Focus(exactly.group(0), exactly.start(), "who")
        # what the article's title says frames every sentence in it (「许振超会来枣庄分享吗」: the
        # article is about 枣庄, so the sentence need not repeat it)
        title = e.corpus.article_of(e.corpus.sentences[best_id]).source.title
        passage = e.corpus.passages[e.corpus.sentences[best_id].passage_id].text
        # 「俺都退休十来年了，还能参评鲁班工匠不」: who may is the speaker the clause before describes
        prior = reading.main - 1
        own = reading.clause_tokens((prior,)) if prior >= 0 and any(
            t.clause == prior and t.word in _SPEAKERS for t in reading.tokens) else []
        if reading.asked is not None and GUESS_CHECKED.search(query.main_text):
            return None  # 「疗休养是不是就是出去耍两天啊 干啥的」: the guess is not what is asked
        unsaid = self._unsaid_predicate(main_tokens, text, e.sentence_vocab(best_id), sentence, title, passage, own)
        if unsaid is not None:
            return unsaid
        return None

    def _unsaid_predicate(self, tokens: Sequence[Token], text: str, vocab: frozenset[str], said: str,
                          title: str, passage: str = "", speaker: Sequence[Token] = ()) -> Focus | None:
        """The predicate of a yes/no clause (「能带家属吗」 -> 带家属) when ``said`` does not say it.

        A time frame (「是不是今年表彰了200名」) is said once for a passage (「今年,枣庄市圆满完成…」),
        so the passage saying it is enough."""
        if not tokens:
            return None
        lo, hi = tokens[0].start, tokens[-1].end
        predicate = asks.yes_no_predicate(text[lo:hi], tokens, lo)
        if predicate is None:
            return None
        label_at, needs_from = predicate
        if _FAVORS.search(text, needs_from, hi) and _LEANS.search(said):
            # 「选劳模是不是净照顾一线干活的」: whom a selection favors is answered, yes or no, by
            # the sentence saying what it leans to (「向基层一线和专业技术领域倾斜」)
            return None
        words = self.engine.weighed(tokens, text)
        for word in words:
            if word.start >= needs_from and word.word not in asks.MODALS and word.word not in title \
                    and word.word not in self.engine.tokenizer.light_words \
                    and not credit(word, vocab, said) \
                    and not (asks.TIME_FRAME.fullmatch(word.word) and word.word in passage) \
                    and not asks.said_loosely(word.word, said) and not self._class_said(word.word, said) \
                    and not (asks.in_date(text, word.start, word.end) and asks.said_loosely("日", said)):
                return Focus(asks.YES_NO_END.sub("", text[label_at:hi]) or word.word, label_at, "yes_no")
        if (text[label_at:needs_from] or text[label_at:label_at + 1]) in asks.ELIGIBILITY_MODALS:  # 能评: fused
            # 「外地来的农民工能评鲁班工匠吗」: who may, before the modal, is asked about too
            for word in words:
                # (「当上工匠能去疗养不」: becoming is no claim; the 工匠 it names is)
                if word.end <= label_at and word.word not in title and word.word not in _BECOMING \
                        and not word.lone_char and not _WORKPLACE.search(word.word) \
                        and not credit(word, vocab, said):
                    return Focus(text[word.start:label_at], word.start, "yes_no")
        return self._speaker_unsaid(tokens, text, vocab, said, speaker)

    def _speaker_unsaid(self, tokens: Sequence[Token], text: str, vocab: frozenset[str], said: str,
                        speaker: Sequence[Token]) -> Focus | None:
        """「俺都退休十来年了，还能参评鲁班工匠不」: a clause that opens with may (能, 可以, 能评)
        names no one who may; the speaker's own state in the clause before (退休) is asked about,
        and the sentence must say it (「俺们厂是私企」 is said by 非公企业; 厂 itself is no state)."""
        words = [t for t in tokens if t.word.strip() and t.word not in ("还", "也", "都", "就")]
        if not speaker or not words or asks.REQUEST.search(text, tokens[0].start, tokens[-1].end):
            return None
        first = words[0].word
        if first not in asks.ELIGIBILITY_MODALS and not (len(first) == 2 and first[0] in "能可准"):
            return None
        for word in self.engine.weighed(speaker, text):
            if not word.lone_char and not _WORKPLACE.search(word.word) \
                    and word.word not in self.engine.tokenizer.light_words \
                    and not asks.TIME_FRAME.fullmatch(word.word) \
                    and not credit(word, vocab, said) and not asks.said_loosely(word.word, said):
                return Focus(word.word, word.start, "yes_no")
        return None

    def _class_said(self, word: str, sentence: str) -> bool:
        """出钱 is said by 资金扶持: a focus word (data/focus.yaml) whose class the sentence covers."""
        focus = self.engine.tokenizer.focus
        found = focus.lexical(word, [(0, len(word))])
        return bool(found) and all(focus.covers(f, sentence) for f in found)

    def _focus_label(self, query: Query, focus: Focus, vocab: frozenset[str], passage: str) -> str:
        """What the knowledge does not say, in the asker's words: 「几点开门」, 「是否放假」."""
        e = self.engine
        reading, text = query.reading, query.text
        tokens = [t for t in reading.tokens if t.start >= focus.start]
        clause = tokens[0].clause if tokens else reading.main
        end = focus.start + len(focus.word)
        for token in tokens:
            if token.clause != clause or token.start - focus.start >= LABEL_MAX:
                break
            word = token.word.lower()
            covered = e.tokenizer.is_content(word) and word in vocab and token.end > end
            if covered and word != query.noun:
                break
            end = max(end, token.end)
        label = _TRAILING.sub("", text[focus.start:end]) or focus.word
        clause_tokens = reading.clause_tokens((clause,))
        clause_text = text[clause_tokens[0].start:clause_tokens[-1].end] if clause_tokens else ""
        if _YES_NO.search(clause_text) and not label.startswith(("是否", "有没有", "是不是")):
            label = "是否" + label
        return label

    @staticmethod
    def _topic_label(words: list[Weighed], vocab: frozenset[str], passage: str) -> str:
        """What the knowledge does cover, as the passage writes it when the words stand together."""
        covered = [w.variants[-1] if w.variants[-1] in passage else w.word for w in words
                   if credit(w, vocab, passage) > 0]
        covered = [w for w in dict.fromkeys(covered) if w in passage]
        joined = "".join(covered)
        return joined if joined in passage else "、".join(covered)

    def countdown(self, query: Query) -> Answer | None:
        """「离鲁班工匠日还有几天」: computed from a stated date (:mod:`knowledge.countdown`)."""
        return countdown(self.engine, query)


def _item_marker(m: re.Match[str] | None) -> tuple[str, re.Pattern[str]] | None:
    """The numeral of an asked item (「第三个特点」 -> 三) and the marker that opens that item in a
    list (「三是」, 「三、」, 「（三）」, 「第三,」)."""
    if m is None:
        return None
    numeral = m.group(1)
    if numeral.isdigit():
        numeral = _CN_NUMERALS[int(numeral)] if int(numeral) < len(_CN_NUMERALS) else ""
    if not numeral:
        return None
    return numeral, re.compile(rf"(?:^|[。:：;；])\s*"
                               rf"(?:{numeral}是|{numeral}[、，,]|[（(]{numeral}[）)]|第{numeral}[，,、是])")


def _describes_day(word: str, names: set[str], title: str) -> bool:
    """Does a word of a question describing a day (「枣庄给工匠专门定的节日」) say what the day's
    name says: a day word, how it was set, the article's title, or a part of the name?"""
    return word in _DAY_WORDS or word in _SETTING or word in title or any(word in name for name in names)


def _floor(ranked: list[tuple[int, float]], ratio: float) -> float:
    """The lowest score of a runner-up close enough to the best to be chosen over it (Okapi
    scores can be negative on tiny corpora)."""
    best = ranked[0][1]
    return best - (1 - ratio) * abs(best)


_WORKPLACE = re.compile(r"(?:厂子?|矿|单位|公司|企业|车间|工地|班组)$")
# asking for a recommendation: 「报个啥专业好」「选哪个合适」「去哪家靠谱」
_ADVICE = re.compile(r"(?:啥|什么|哪个|哪家|哪种|哪样)[\u4e00-\u9fff]{0,4}?(?:好|合适|划算|靠谱|实惠)"
                     r"(?=[呢啊呀吧嘞]*$)")
_ADVISED = re.compile(r"建议|推荐|最好|适合|宜")
# a passage's label: a short heading closed by 。 before its first sentence (「礼遇匠才。开展…」)
_LABEL = re.compile(r"^[^，,。；;：:]{2,8}。")
_YEARS_SO_FAR = re.compile(r"(?:几|多少)年了")
_SPEAKERS = frozenset({"我", "俺", "咱", "我们", "俺们", "咱们"})
# verbs of becoming before the one who may (「当了工匠能去疗养不」)
_BECOMING = frozenset({"当", "当上", "当了", "当选", "成为", "成了", "做了", "作为"})
# favoring someone in a selection, asked (「是不是主要照顾领导」) and stated (「向一线倾斜」)
_FAVORS = re.compile(r"照顾|偏向|偏重|侧重|倾斜|优先|偏心|关照|往[^，,。？?]{1,8}?偏|偏了")
_LEANS = re.compile(r"倾斜|侧重|偏重|优先")


def _runner_up(ranked: list[tuple[int, float]], floor: float, accept: Callable[[int], bool]) -> int:
    """Position of the first of the next two ranked sentences scoring at least ``floor`` that
    ``accept`` takes, or 0 (keep the best)."""
    for n, (sentence_id, score) in enumerate(ranked[1:3], 1):
        if score >= floor and accept(sentence_id):
            return n
    return 0
