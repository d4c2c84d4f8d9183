"""Reading a question once: letters transliterated, jieba run once, same-sound words read as
index words, and the clause that carries the question told apart from preamble and context.

Workers write 「您好，我是薛城区一家机械厂的钳工，干了十几年了，…，这个鲁班工匠日到底是每年的
哪一天啊？谢谢！」. Every later step (ranking, confidence, focus, curated matching, dates) works
on the tokens read here, so the question is segmented exactly once per ask. Politeness and
self-introduction clauses are dropped; among the rest, the clause with the question mark or
question words is the *main* clause, and the others are *context*: they may help ranking a
little but must not decide it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from knowledge.answer import Correction
from knowledge.asks import GENERIC_PREDICATE
from knowledge.intent import ASKS_WHY, Intent, asked_thing, mask_approximate, question_intent
from knowledge.normalize import normalize_question
from knowledge.pinyin import SoundIndex, SoundKeys, char_readings
from knowledge.reading import Reading, Token
from knowledge.tokenizer import Tokenizer
from knowledge.transliterate import Transliterator

_BREAK = set(",。.!?;:~、…，！？；：")
_QUESTION_WORDS = re.compile(r"吗|呢|什么|啥|哪|谁|几|多少|怎|咋|如何|为何|为什么|为啥|是不是|有没有|能不能|会不会|"
                             r"中不中|行不行|多会儿|多咱|多久|多大|[不没]$|干嘛|咋样|(\w)[不没]\1")
_SPEAKER = re.compile(r"[我俺](?!们?(?:想问|想知道|想了解|想咨询|想打听|问一下|问问|打听|咨询|寻思|琢磨|纳闷|好奇))")
_PREAMBLE = re.compile(r"^(?:老师|师傅|同志|大哥|大姐|领导|专家)?"
                       r"(?:您好|你好|请问|麻烦|打扰|谢谢|多谢|感谢|先谢谢|辛苦|拜托)|"
                       r"^(?:老师|师傅|同志|大哥|大姐|领导|专家|各位|大家|领导们)好|"
                       r"^(?:我|俺|咱)们?好(?:提前|安排|准备|早做|请假|调班|排)|"  # 「俺们好提前排排班」: what for
                       r"^(?:我|俺|咱)们?(?:是|在|家|今年|干了|刚|从|儿子|闺女|老伴|孩子|爱人|媳妇|老头)|"
                       r"^(?:我|俺|咱)们?(?:以前|之前|原来|早年|当年|过去|年轻|小时候|也|还|都|算|干|做|当|跟|"
                       r"拿过|评过|退休|入职|进厂|上班|打工|学|师傅|父亲|爷爷|爹|娘|家里)|"
                       r"^(?:干了|刚进|刚入职|入职|平时|最近|以前|之前|原来|早年|当年|年轻时|也拿过|也评过|还拿过)|"
                       r"^在.{1,10}(?:打工|上班|工作|干活|干了|当)|^(?:手艺|这门手艺|家里手艺)传了|"
                       r"^算是?个?[\u4e00-\u9fff]{1,6}吧$|"
                       r"^(?:领导|单位|厂里|车间|班长|主任|师傅|老板|工会|同事|上级).{0,4}[让叫要派](?:我|俺)(?:来)?"
                       r"(?:了解|问问|打听|问一下|查|看看|咨询)|"
                       r"^(?:特别|非常|很|挺|一直|都|也|真|老)?(?:佩服|崇拜|羡慕|喜欢|关注|感动|骄傲|自豪|好奇|激动)")

_LINKERS = frozenset("之")
_NUMERAL = re.compile(r"第?[\d一二三四五六七八九十百千万两几]")
# when, not what (and the 第 of 第几): a clause of only these has no topic of its own
_TIME_FRAME = re.compile(r"第|今年|明年|去年|前年|今天|明天|昨天|这次|这回|这届|最近|现在|目前|一共|总共")

REAL_WORD_FREQ = 100  # jieba counts at least this: a real word, not a mistyped one

# Voice input and pinyin keyboards write 那 (na) for 哪 (na): 「工匠日是那一天」 asks which day.
# Only where a demonstrative makes no sense: after a verb or preposition, ending the question.
# 「第几界」: after 第几 comes a measure word; a character that only sounds like one (界 jie) is it (届)
_ORDINAL_UNIT = re.compile(r"(?<=第几)([\u4e00-\u9fff])")
_MEASURES = "届个次期批名位项家年轮"
_OTHER_MEASURES = "级块种类条点天月日号岁回遍份本张台辆件座所间层段步道关场组队户口元斤米成倍"
_COUNTED_UNIT = re.compile(r"(?:(?<=多少)|(?<=几))([\u4e00-\u9fff])([\u4e00-\u9fff])")


def _measure_by_sound(m: re.Match[str]) -> str:
    char = m.group(1)
    if char in _MEASURES:
        return char
    sounds = set(char_readings(char))
    return next((unit for unit in _MEASURES if sounds & set(char_readings(unit))), char)


# 「有哪三大特点」: jieba fuses 哪三大; 「哪些三大特点」 reads as an enumeration of a stated count
_WHICH_COUNTED = re.compile(r"哪(?=[一二三四五六七八九十两]+[大个项条点种类方面])")
# 「六月多少号」「十一号」: a date in Chinese numerals, written as articles write dates
_CN_DATE = re.compile(r"([一二三四五六七八九十]{1,3})(?=[月日号])")
_CN_DIGITS = {ch: n for n, ch in enumerate("零一二三四五六七八九", 0)}
# 「除了打造品牌还成立了什么」: what 除了 sets aside is not asked about; the question is what follows 还
# 「除了X(以外)，(subject)还/也…」: what is set aside is not asked about, even with the subject
# between (「除了打造品牌,市总工会还成立了什么组织」)
_BESIDES = re.compile(r"除了[^，,。？?！!]{1,20}?(?:以外|之外)?"
                      r"(?:(?=还|也)|[，,](?=[^，,。？?！!]{0,8}?(?:还|也)(?!是)))")

# 「是不是头一回过工匠日」: the first one said the spoken way is the ordinal 第一个, so the sentence
# that states another ordinal (第二个) answers it
_FIRST_TIME = re.compile(r"头一(?:回|个|次|遭)|头回(?!事)|第一回|第一次|第一年|首次")

# 「前几天听班长说起鲁班工匠日」: when the worker heard of it, not a date asked about (前几天 is
# otherwise 「工匠日前几天」, the eve)
_HEARD_WHEN = re.compile(r"(?:前几天|前两天|前些天|前些日子|前阵子|这几天|这两天|最近|近来|刚才)(?=[听看刷在从])")

# 「@机器人 离鲁班工匠日还有几天」「问下机器人，…」: the bot addressed in a group, not the topic
_ADDRESSED = re.compile(r"@(?:机器人|小助手)[，,:：\s]*|"
                         r"(?:问下|问一下|请问)?(?:机器人|小助手)(?:你好)?[，,:：!！\s]+")
# 「家人们谁懂啊，鲁班工匠日到底哪天，有无知道的」: a call to whoever reads, asking nothing itself
_CALL_OUT = re.compile(r"家人们|(?:谁懂|谁知道|有无知道的|有没有人知道|有人知道)[啊呀吗嘛]?(?=[，,。？?！!~\s]|$)")

# 「这回工会请谁来给他们讲讲」「请许振超他们来是干啥的」: 请 someone 来 is inviting them (邀请),
# not the 请 of 请问 that the stopwords drop
_INVITED = re.compile(r"(?<![申邀])请(?![问教假示求帮您你])(?=(?:谁|哪位|哪些人|啥人|什么人|[\u4e00-\u9fff]{2,3}?)"
                      r"(?:他们|她们)?来)")


def _date_digits(m: re.Match[str]) -> str:
    """一 .. 三十一 as digits (the numerals of a month or a day)."""
    text = m.group(1)
    if "十" not in text:
        return str(_CN_DIGITS[text]) if len(text) == 1 else text
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return text
    value = (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    return str(value) if 1 <= value <= 31 else text


_NA_AS_WHICH = re.compile(r"(?<=[是在去到从搁于叫找])那(?=(?:一|个)?(?:天|年|月|号|个|位|家|里|儿|种|样|边|些|块|级|届)"
                          r"[啊呀呢哩嘞吗呗嘛哈]*[?？。!！]*$)")


@dataclass(frozen=True)
class Query:
    """A question as the ranking sees it."""

    text: str
    intent: Intent
    terms: list[str]
    noun: str | None      # what a "how many" question counts
    ordinal: bool         # asks 「第几」
    bigrams: list[str]
    weights: list[float]  # per term: context clauses and words read by sound count less
    reading: Reading
    main_text: str        # the clause carrying the question
    # what deciding works out about one sentence for this ask (the shape it lacks), kept for the
    # ask: the best sentence and its runners-up are judged several times
    memo: dict[tuple[str, int, int], Any] = field(default_factory=dict, compare=False, repr=False)


class QuestionReader:
    def __init__(self, tokenizer: Tokenizer, known: Callable[[str], bool], index_words: Callable[[], list[str]],
                 sound_keys: SoundKeys | None = None, people: Callable[[], list[str]] | None = None):
        """``sound_keys`` keeps the words' readings between starts (the engine's cache folder);
        ``people`` lists the person names the knowledge holds (for 「姓徐的」)."""
        self.tokenizer = tokenizer
        self.known = known
        self._index_words = index_words
        self._people = people
        self._by_surname: dict[str, list[str]] | None = None
        self._sound_keys = sound_keys
        self._sounds: SoundIndex | None = None
        self._transliterator: Transliterator | None = None
        self._unknown_memo: dict[str, bool] = {}  # per engine: what the index knows is fixed

    @property
    def sounds(self) -> SoundIndex:
        """Built on first need: most questions have no unknown word and no letters."""
        if self._sounds is None:
            keys = self._sound_keys.load() if self._sound_keys is not None else {}
            known = len(keys)
            index_words = self._index_words()
            sounds = SoundIndex(index_words, self.tokenizer.lexicon, keys)
            if self._sound_keys is not None and (len(keys) > known or not known):
                words = {*index_words, *self.tokenizer.lexicon}  # not the words of removed articles
                self._sound_keys.save({w: k for w, k in keys.items() if w in words})
            self._sounds = sounds
        return self._sounds

    def read(self, text: str) -> Reading:
        text = _NA_AS_WHICH.sub("哪", text)
        text = _ORDINAL_UNIT.sub(_measure_by_sound, text)
        text = _COUNTED_UNIT.sub(self._counted_unit, text)
        text = _WHICH_COUNTED.sub("哪些", text)
        text = _CN_DATE.sub(_date_digits, text)
        text = _BESIDES.sub("", text)
        text = _FIRST_TIME.sub("第一个", text)
        text = _HEARD_WHEN.sub("", text)
        text = _CALL_OUT.sub("", text)
        text = _ADDRESSED.sub("", text)
        text = _INVITED.sub("邀请", text)
        text = _SUCH_A_THING.sub(_such_a_thing, text)
        if re.search(r"[A-Za-z]", text):
            if self._transliterator is None:
                self._transliterator = Transliterator(self.tokenizer.glossary, self.sounds)
            text = normalize_question(self._transliterator(text), spaces_break=False)
        spans = self._split_demonstratives(self.tokenizer.spans(text))
        tokens, corrections = self._correct(spans)
        tokens = self._named_by_surname(self._resolve_pronouns(_drop_home(self._number_clauses(tokens))))
        main, context, asking, asked = self._choose(text, tokens)
        return Reading(text, tuple(tokens), main, context, asking, tuple(corrections), asked)

    def _resolve_pronouns(self, tokens: list[Token]) -> list[Token]:
        """「年轻时就听说过许振超,想问这次活动请他来是做什么」: 他 in a later clause is the person
        an earlier clause named (the last one the knowledge knows).

        「对未来工匠这块挺感兴趣,想问下市总工会针对这个搞了啥」: a 这个 standing for a thing (no
        noun after it) is the last thing an earlier clause named that the knowledge knows."""
        if not any(t.word in _PRONOUNS or t.word in _THING_PRONOUNS for t in tokens):
            return tokens
        out: list[Token] = []
        named: Token | None = None
        thing: Token | None = None  # the last thing named before this token's clause
        latest: Token | None = None  # the last thing named so far
        is_content = self.tokenizer.is_content
        for n, t in enumerate(tokens):
            if latest is not None and latest.clause < t.clause:
                thing = latest
            if t.word in _PRONOUNS and named is not None and named.clause < t.clause:
                out.append(Token(named.word, t.start, t.end, typed=t.word, clause=t.clause))
                continue
            if t.word in _THING_PRONOUNS and thing is not None and thing.clause < t.clause:
                following = tokens[n + 1] if n + 1 < len(tokens) else None
                if following is None or following.clause != t.clause or not is_content(following.word):
                    out.append(Token(thing.word, t.start, t.end, typed=t.word, clause=t.clause))
                    continue
            if self.tokenizer.is_person_name(t.word) and self.known(t.word):
                named = t
            elif len(t.word) > 1 and is_content(t.word) and t.word not in self.tokenizer.light_words \
                    and self.known(t.word):
                latest = t
            out.append(t)
        return out

    def _named_by_surname(self, tokens: list[Token]) -> list[Token]:
        """「工会那个姓徐的女领导叫啥来着」: 姓 and a surname name the one person the knowledge
        knows by it; with none or several, the words stay as typed."""
        if self._people is None or not any(t.word.startswith("姓") for t in tokens):
            return tokens
        if self._by_surname is None:
            by_surname: dict[str, list[str]] = {}
            for name in self._people():
                by_surname.setdefault(name[0], []).append(name)
            self._by_surname = by_surname
        out: list[Token] = []
        n = 0
        while n < len(tokens):
            t = tokens[n]
            following = tokens[n + 1] if n + 1 < len(tokens) else None
            if t.word == "姓" and following is not None and following.clause == t.clause and len(following.word) == 1:
                surname, end, step = following.word, following.end, 2
            elif len(t.word) == 2 and t.word[0] == "姓":
                surname, end, step = t.word[1], t.end, 1
            else:
                out.append(t)
                n += 1
                continue
            named = self._by_surname.get(surname, [])
            if len(named) == 1:
                out.append(Token(named[0], t.start, end, typed="姓" + surname, clause=t.clause))
            else:
                out.extend(tokens[n:n + step])
            n += step
        return out

    def _split_demonstratives(self, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """「那信叫个啥名」: jieba glues 这/那 to a following single character into a word no
        dictionary has (那信); it is the demonstrative and the thing, which a clause before names.
        The same for 他/她 and a verb (他来)."""
        frequency = self.tokenizer.frequency
        out: list[tuple[str, int, int]] = []
        for word, start, end in spans:
            if len(word) == 2 and word[0] in "这那" and _is_han(word[1]) and word[1] not in _NOT_A_THING \
                    and not frequency(word):
                out.extend(((word[0], start, start + 1), (word[1], start + 1, end)))
            elif len(word) >= 2 and word[0] == "真" and not frequency(word):
                # 「工会会不会真给…」「真会来吗」: 真 stresses the verb jieba glued it to
                out.append((word[1:], start + 1, end))
            elif len(word) == 2 and (word[0] in _ADVERB_GLUED or word[1] in _MODAL_GLUED) and _is_han(word[0]) \
                    and _is_han(word[1]) and not frequency(word):
                # 「是不是还管给工匠家里拍照」「翻新完要重新开」: jieba's guess glues an adverb to
                # the verb after it (还管) or a modal to the verb before it (完要); no word of its own
                out.extend(((word[0], start, start + 1), (word[1], start + 1, end)))
            elif len(word) == 2 and word[0] in "他她" and _is_han(word[1]) and not frequency(word):
                # 「他来这边干啥」: jieba glues 他 to the verb after it (他来); the pronoun stands alone
                out.extend(((word[0], start, start + 1), (word[1], start + 1, end)))
            else:
                out.append((word, start, end))
        return out

    def _counted_unit(self, m: re.Match[str]) -> str:
        """「培育了多少民各类工匠」: after 多少/几, a character that sounds like a measure word (民
        for 名) and that makes no word with what follows (多少民工 stays) is that measure word."""
        char, following = m.group(1), m.group(2)
        if char in _MEASURES or char in _OTHER_MEASURES:
            return m.group(0)
        # a word with the next character is what was meant (多少民工参加), unless the next one
        # starts a commoner word (多少民工匠: 民 / 工匠); decided from jieba's dictionary counts,
        # so the question is still segmented once
        frequency = self.tokenizer.frequency
        joined, after = frequency(char + following), frequency(m.string[m.start(2):m.start(2) + 2])
        if joined and after < joined:
            return m.group(0)
        return _measure_by_sound(m) + following

    # -- same-sound words --------------------------------------------------------------------
    def _unknown(self, word: str) -> bool:
        known = self._unknown_memo.get(word)
        if known is None:
            known = self._is_unknown(word)
            if len(self._unknown_memo) >= _UNKNOWN_MEMO_MAX:
                self._unknown_memo.clear()
            self._unknown_memo[word] = known
        return known

    def _is_unknown(self, word: str) -> bool:
        if _NUMERAL.match(word):  # 第一个 is what the worker meant, whatever it sounds like
            return False
        return (len(word) >= 1 and "\u3400" <= word[0] <= "\u9fff" and not self.known(word)
                and word not in self.tokenizer.synonyms and word not in self.tokenizer.stopwords
                and word not in self.tokenizer.light_words  # 开始, 现在: framing words, not typos
                and not self._compound(word))

    def _compound(self, word: str) -> bool:
        """「职工食堂」: an unknown word made wholly of dictionary words is a compound the worker
        meant, not a mishearing (read by sound, 工食 would become 公示)."""
        if len(word) < 4:
            return False
        frequency = self.tokenizer.frequency
        whole = [False] * (len(word) + 1)
        whole[0] = True
        for end in range(2, len(word) + 1):
            whole[end] = any(whole[start] and frequency(word[start:end]) for start in range(max(0, end - 4), end - 1))
        return whole[len(word)]

    def _correct(self, spans: list[tuple[str, int, int]]) -> tuple[list[Token], list[Correction]]:
        """Runs of words the index does not know, with a Han neighbour on each side, are read
        by sound: the longest stretch that sounds like an index word and covers an unknown
        character becomes that word (鲁般 -> 鲁班, 换新开放 -> 焕新开放)."""
        tokens = [Token(w, s, e) for w, s, e in spans]
        if not any(self._unknown(t.word) for t in tokens):
            return tokens, []
        out: list[Token] = []
        corrections: list[Correction] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not self._unknown(token.word):
                out.append(token)
                i += 1
                continue
            lo = i - 1 if i > 0 and self._joinable(tokens[i - 1].word) and out and out[-1] is tokens[i - 1] else i
            if lo == i and i > 1 and tokens[i - 1].word in _LINKERS and self._joinable(tokens[i - 2].word) \
                    and out[-2:] == [tokens[i - 2], tokens[i - 1]]:
                lo = i - 2  # 工匠之陈 -> 工匠之城: a name's linking character is a stopword of its own
            # the run ends where no stretch covering this word can reach (6 characters past it):
            # a long run of unknown words is read in linear time, with the same result
            hi, reach = i + 1, token.end + 6
            # single characters continue the run: a misheard long name falls apart into them
            # (路班工将日 -> 路班 / 工 / 将 / 日, 将 even a stopword) and is read whole
            while (hi < len(tokens) and tokens[hi].start < reach
                   and (self._joinable(tokens[hi].word) or _lone_han(tokens[hi].word))
                   and (self._unknown(tokens[hi].word) or hi == i + 1 or _lone_han(tokens[hi].word))):
                hi += 1
            start, text = tokens[lo].start, "".join(t.word for t in tokens[lo:hi])
            # whole words, and every character of an unknown one: jieba cuts unknown names
            # anywhere (许正超会来 -> 许正 / 超会来)
            bounds = sorted({t.start - start for t in tokens[lo:hi]} | {len(text)}
                            | {k - start for t in tokens[lo:hi] if self._unknown(t.word)
                               for k in range(t.start + 1, t.end)})
            match = self._best_match(text, set(range(token.start - start, token.end - start)), bounds)
            if match is None:
                out.append(token)
                i += 1
                continue
            m_start, m_end = start + match[0], start + match[1]
            del out[len(out) - (i - lo):]
            out.extend(t for t in tokens[lo:hi] if t.end <= m_start)
            typed = text[match[0]:match[1]]
            out.append(Token(match[2], m_start, m_end, typed=typed))
            corrections.append(Correction(typed, match[2]))
            cut = next((t for t in tokens[lo:hi] if t.start < m_end < t.end), None)
            if cut is not None:  # 超会来 read as 超 of 许振超: 会来 stays a word of its own
                out.append(Token(cut.word[m_end - cut.start:], m_end, cut.end))
            i = next((k for k in range(i + 1, hi) if tokens[k].start >= m_end), hi)
        return out, corrections

    def _joinable(self, word: str) -> bool:
        """A neighbour that may belong to a misheard word: Han, and not a question or filler word."""
        return _is_han(word) and word not in self.tokenizer.stopwords

    def _best_match(self, text: str, unknown_at: set[int], bounds: list[int]) -> tuple[int, int, str] | None:
        """The longest stretch of whole words, covering an unknown one, that sounds like an index
        word; a stretch that is itself a common word (一部, 公会) is what the worker meant."""
        # Only stretches that can cover the unknown word: at most 6 long, so they start at most
        # 5 before it and end after its start. A long run of unknown words (500 × 长) then costs
        # a few candidates per word instead of every pair of bounds (it took seconds per question).
        first, last = min(unknown_at), max(unknown_at)
        lo, hi = bisect_left(bounds, first - 5), bisect_right(bounds, last)
        stretches = sorted(((a, b) for i, a in enumerate(bounds[lo:hi], lo)
                            for b in bounds[i + 1:bisect_right(bounds, a + 6)] if b - a >= 2),
                           key=lambda ab: (ab[0] - ab[1], ab[0]))
        for a, b in stretches:
            typed = text[a:b]
            if not unknown_at.intersection(range(a, b)) or self.tokenizer.frequency(typed) >= REAL_WORD_FREQ:
                continue
            word = self.sounds.index_word(typed)
            if word and word != typed and (word[0] == typed[0] or word[1:] == typed[1:]
                                           or not self.tokenizer.is_person_name(word)
                                           or set(char_readings(word[0])) & set(char_readings(typed[0]))):
                # a name is read by sound only when its surname or its given name is typed right,
                # or its surname sounds the same (徐正超 -> 许振超: xu is xu by voice input)
                return a, b, word
        return None

    # -- clauses -----------------------------------------------------------------------------
    @staticmethod
    def _number_clauses(tokens: list[Token]) -> list[Token]:
        numbered, clause = [], 0
        for token in tokens:
            if token.word in _BREAK or token.word.strip() in _BREAK:
                clause += 1
                continue
            numbered.append(Token(token.word, token.start, token.end, token.typed, clause))
        return numbered

    def _choose(self, text: str, tokens: list[Token]) -> tuple[int, tuple[int, ...], tuple[int, ...], int | None]:
        clauses: dict[int, tuple[int, int]] = {}
        for t in tokens:
            lo, hi = clauses.get(t.clause, (t.start, t.end))
            clauses[t.clause] = (min(lo, t.start), max(hi, t.end))
        if len(clauses) <= 1:
            only = next(iter(clauses), 0)
            return only, (), (only,), None
        scores: dict[int, float] = {}
        asking: list[int] = []
        asks = {c: bool(_QUESTION_WORDS.search(mask_approximate(text[lo:hi]))) for c, (lo, hi) in clauses.items()}
        doubted: set[int] = set()
        for c, (lo, hi) in clauses.items():
            body = text[lo:hi]
            asked = asks[c]
            if _PREAMBLE.search(body) and not asked:
                continue
            if asked and (_GUESS.match(body) or _NUMBER_GUESS.match(body)) and any(asks[k] for k in clauses if k < c) \
                    and not _QUESTION_WORDS.search(mask_approximate(_CLOSING_PARTICLES.sub("", body))):
                # 「疗养是干啥的，光搁那儿玩吗？」: 「just X?」 after a question is the worker's guess
                # at its answer, asked only by its closing 吗
                scores[c] = -1.0
                continue
            if _DOUBT.fullmatch(_CLOSING_PARTICLES.sub("", body)):
                # 「真有那么多？」「吹的吧」: doubting what was said asks nothing the knowledge says
                scores[c] = -1.0
                doubted.add(c)
                continue
            if asked and GUESS_CHECKED.search(body) and any(
                    _WH_WORDS.search(mask_approximate(text[lo2:hi2])) for k, (lo2, hi2) in clauses.items() if k > c):
                # 「疗休养是不是就是出去耍两天啊 干啥的」: a guess checked first, then the question
                # itself: the guess lends the topic
                scores[c] = -1.0
                continue
            if asked:
                asking.append(c)
            # 「疗休养是干啥嘛，就是出去耍耍？」: a question mark after a clause with no question word,
            # following one that asks, marks the worker's guess, not the question
            marked = text[hi:hi + 2].lstrip(" ")[:1] in ("?", "？") \
                and (asked or not any(asks[k] for k in clauses if k < c))
            # 「联盟都叫啥名字」 asks a thing's name: a kind of answer as much as 哪天 or 谁
            # (「…想问问搞这个是为了啥」: asking why is a kind too, beside 「几个老师傅都挺上心的」)
            kind = question_intent(body) is not Intent.NONE or asked_thing(body) is not None \
                or bool(ASKS_WHY.search(body))
            # 「工会让俺们歇歇不，有没有疗养啥的」: a clause asked only by a closing 不 is a tag;
            # a question word elsewhere asks more
            tag = asked and not _QUESTION_WORDS.search(mask_approximate(re.sub(r"[不没]$", "", body)))
            # a clause about the speaker (「我是…」) tells, unless it asks (「我想问问…为了啥」);
            # one about a third person (「她能去比吗」) weighs less even when it asks
            telling = bool(_SPEAKER.match(body)) if asked else bool(re.match(r"[我俺他她]", body))
            telling = telling or bool(re.match(r"[他她]", body))
            scores[c] = 2 * marked + asked + kind - telling - 0.5 * tag
        if not scores:
            scores = dict.fromkeys(clauses, 0)
        main = max(scores, key=lambda c: (scores[c], -c))
        question_clause: int | None = None
        if not self._has_topic(tokens, main):
            # 「…听说这次劳模工匠助企行要请一位人民工匠来分享,请问是哪位?」: the question words
            # are in the last clause, what it asks about in the one before
            # a clause naming what the knowledge knows wins over one naming only the worker's own
            # life (「…下井二十多年了,最近听工友说有个鲁班工匠日,想请教一下这个日子是哪一天」),
            # even a hearsay or wish clause (「俺家小子想去比技能大赛，啥时候搞啊」)
            # (not a doubt: 「说是培养了一千多名工匠，真有那么多？具体多少」)
            lending = [c for c in clauses if c < main and c not in doubted]
            before = [c for c in lending if c in scores and self._has_topic(tokens, c, known_only=True)] or [
                c for c in lending if self._has_topic(tokens, c, known_only=True)] or [
                c for c in lending if c in scores and self._has_topic(tokens, c)]
            if before:
                asking.append(main)
                question_clause, main = main, before[-1]
        return (main, tuple(c for c in scores if c != main), tuple(dict.fromkeys([main, *asking])),
                question_clause)

    def _has_topic(self, tokens: list[Token], clause: int, known_only: bool = False) -> bool:
        """A clause names a topic with a content word that is neither a question word, a light
        word nor a time frame (「今年评到第几届了」 asks about the clause before it); with
        ``known_only``, a word the knowledge uses."""
        return any(t.clause == clause and self.tokenizer.is_content(t.word) and (not known_only or self.known(t.word))
                   and t.word not in GENERIC_PREDICATE  # 「多会儿办」: a generic verb names nothing
                   and t.word not in _ANSWER_REQUEST  # 「恁能给个准话不」 asks for the answer, about nothing
                   and not (len(t.word) == 2 and t.word[0] in "能可给帮" and t.word[1] in _ANSWER_REQUEST)  # 能列
                   and t.word not in _SEQUENCE  # 「先干啥后干啥」 asks for the steps of the clause before
                   and t.word not in self.tokenizer.light_words and not _TIME_FRAME.fullmatch(t.word)
                   and question_intent(t.word) is Intent.NONE for t in tokens)


# what follows 这/那 without being a thing: numerals and measure words (这一, 那些), place and
# manner suffixes (这儿, 那么)
_NOT_A_THING = frozenset("一二三四五六七八九十两几些个位种样次回么儿里边般会时天年")
# an adverb jieba's guess glues to the verb after it (还管), a modal to the verb before it (完要)
_ADVERB_GLUED = "还也都就再又"
_MODAL_GLUED = "要能会"
_PLACE_WORD = re.compile(r"(?:市|区|县|省|镇|乡|村|厂|矿|单位|公司|企业|车间)$")
_OURS = frozenset({"咱", "俺", "咱们", "俺们", "我们"})
# a clause offering its own answer: 「光…吗」「就是…吧」「只是…不」
_GUESS = re.compile(r"(?:光|就|只|净|难道|无非|单纯)")
# 「今年评了多少劳模啊，有两百个不」: a number guessed after the question
_NUMBER_GUESS = re.compile(r"(?:有|是|得有|能有|够|不到|超过|差不多|大概)?"
                           r"(?:\d+|[一二两三四五六七八九十百千万]+)[个名位项家人多来]")
# words asking for an answer as such (「给个准话」「告诉俺」「帮俺查查」), naming no topic
_ANSWER_REQUEST = frozenset({"准话", "准信", "准数", "实话", "答复", "回答", "解答", "告诉", "说说", "讲讲",
                             "说道", "查查", "查一下", "说一下", "讲一下", "指点", "指点指点",
                             "列", "列一下", "列出来", "列举", "列个", "数数",
                             # 「…表彰了1470个劳模，我没听错吧」: asking to be told one heard right
                             "听错", "没听错", "记错", "没记错", "看错", "没看错", "搞错", "没搞错", "弄错", "没弄错"})
# 「市里有这个说法没」「“工匠之城”这个说法是哪年提的」: such a thing is the thing named before
_SUCH_A_THING = re.compile(r"(这|那)(?:个|种|么个)?说法|这么一说|(这|那)(?:么)?回事儿?")


def _such_a_thing(m: re.Match[str]) -> str:
    return (m.group(1) or m.group(2) or "这") + ("个" if m.group(1) else "事")


_SEQUENCE = frozenset({"先", "后", "先干", "后干", "再干", "然后", "接着", "首先", "最后", "第一步", "下一步"})
# a guess put as a check (「是不是就是出去耍两天」「是不是光国企的」) and the words that ask for
# something else (「干啥的」「具体多少个」)
GUESS_CHECKED = re.compile(r"是不是(?:就是|光|只|净|就)|难道")
_WH_WORDS = re.compile(r"什么|啥|哪|谁|几|多少|怎|咋|如何|为何|为什么|为啥")
_DOUBT = re.compile(r"(?:真|真的)?有(?:那么|这么)多|真的假的|真的|是真的|假的吧?|吹的|吹牛|吹吧|忽悠人|不会吧|"
                    r"靠谱|骗人的|真哩假哩|真滴假滴")
_CLOSING_PARTICLES = re.compile(r"[吗嘛吧不没呢啊呀]+$")
_UNKNOWN_MEMO_MAX = 20_000  # question words remembered as known or not
_PRONOUNS = frozenset({"他", "她", "这人", "那人", "此人"})
_THING_PRONOUNS = frozenset({"这个", "这事", "这事儿", "此事", "这玩意", "这玩意儿"})
_HEARSAY = ("都说", "说", "听说", "都在说", "都传", "传", "里都说", "里说")
_THIS = frozenset({"这", "那", "这个", "那个", "这儿", "那儿", "这边", "那边"})


def _lone_han(word: str) -> bool:
    return len(word) == 1 and _is_han(word)


def _drop_home(tokens: list[Token]) -> list[Token]:
    """「咱枣庄这鲁班工匠日」「俺们厂那个劳模」「咋也要来咱枣庄」「咱们市的」: the speaker's own city
    or works, between 咱 and 这 or ending a clause, is where the worker stands, not what is asked; every
    article is about the home city."""
    def home(i: int, t: Token) -> bool:
        if not (0 < i and tokens[i - 1].word in _OURS and tokens[i - 1].clause == t.clause):
            return False
        if len(t.word) > 3 and not _PLACE_WORD.search(t.word):
            return False  # 「闺女问俺鲁班工匠日」: 俺 is who was asked, 鲁班工匠日 no place
        last = i == len(tokens) - 1 or tokens[i + 1].clause != t.clause  # 「咋也要来咱枣庄」
        if last:
            return True
        after = tokens[i + 1].word
        # 「咱们市的工匠日」: a bare 市 or 厂 before 的 is the worker's own; 「俺们峄城区的」 names one
        # 「咱枣庄有个鲁班工匠日」: the home city that has something is where, not what
        # 「俺们车间都说…」: the works where the worker heard it, before a hearsay verb
        heard = "".join(x.word for x in tokens[i + 1:i + 3] if x.clause == t.clause).startswith(_HEARSAY)
        return tokens[i + 1].clause == t.clause and (after in _THIS or after in ("有", "有个") or heard
                                                     or after == "的" and len(t.word) == 1)

    return [t for i, t in enumerate(tokens) if not home(i, t)]


def _is_han(word: str) -> bool:
    return bool(word) and all("\u3400" <= ch <= "\u9fff" for ch in word)
