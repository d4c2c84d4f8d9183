"""Small talk: greetings, thanks, goodbyes, 「你是谁」「你能干啥」.

A worker who writes 「谢谢」 or 「在吗」 is not asking about the campaign; answering with an
apology and three sample questions would be rude, and logging it as unanswered would bury the
real gaps organizers look for. A message is small talk only when it consists of nothing but
small-talk phrases (from ``data/smalltalk.yaml``), filler particles and punctuation, so
「你好，鲁班工匠日是哪天」 is still a question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

KINDS = ("identity", "abilities", "thanks", "bye", "greeting", "ack")
_FILLER = re.compile(r"[\s\W_]|[啊呀啦哈嗯哦呢吧嘛哇呐咯喽哟~你您您好的了啦嘞咧哩呗昂噻我是吗挺真这个]"
                     r"|这个|那个|师傅|老师|同志|大哥|大姐|大叔|阿姨|兄弟|小哥|老铁|老弟|老哥|哥们|老妹|老乡|孩子|朋友|贼|巨|们|各位|也|机器人|小助手|助手"
                     r"|bot|robot"
                     r"|bro|guys|sir|there|very|much|so|la|ya|a")
# Ways of saying the same thing folded before matching, so 「你会干什么」「你都能帮我做些啥」
# meet the listed 「你会干啥」「你能干啥」.
_FOLDS = ((re.compile(r"什么|些啥|啥子|哪些"), "啥"), (re.compile(r"干么|干嘛"), "干啥"),
          (re.compile(r"帮我|帮俺|给我|给俺|替我|为我|都|些|还|点"), ""),
          (re.compile(r"做|弄|整|搞|帮"), "干"), (re.compile(r"您|恁"), "你"), (re.compile(r"俺"), "我"))
_LAUGH = re.compile(r"^(?:[哈呵嘿嘻]{2,}|h{2,}|lol|233+|嘿嘿|hiahia)$")
_LAUGH_CHARS = "哈呵嘿嘻hlo23ia"
_EMOJI_KIND = (("thanks", "🙏👍👏💐❤💯🌹"), ("bye", "👋"))


_FOLD_SOURCES = "什么些啥子哪帮我俺给替为都还点做弄整搞您恁"
_FILLER_CHARS = ("啊呀啦哈嗯哦呢吧嘛哇呐咯喽哟你您好的了啦嘞咧哩呗昂噻我是吗挺真这"
                 "个那师傅老同志大哥姐叔阿姨兄弟小铁们妹乡贼巨孩子朋友各位也机器人助手botrguysiheveymucla")


def fold(text: str) -> str:
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return text


class SmallTalk:
    def __init__(self, path: Path):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        unknown = set(data) - set(KINDS)
        if not isinstance(data, dict) or unknown:
            raise ValueError(f"{path.name}: expected the kinds {', '.join(KINDS)}; unknown: {sorted(unknown)}")
        # (matched against the message with its spaces taken out: 「who are you」 as 「whoareyou」)
        self._phrases = [(kind, sorted((re.sub(r"\s+", "", fold(str(p).lower())) for p in data.get(kind) or []),
                                       key=len, reverse=True))
                         for kind in KINDS]
        everything = sorted({p for _, phrases in self._phrases for p in phrases}, key=len, reverse=True)
        self._only = re.compile("(?:" + "|".join(map(re.escape, everything)) + ")+") if everything else None
        # every character small talk can be made of (its phrases as written and as folded, the
        # fold sources, the filler): a message with any other character is a question, decided
        # without the folding passes (most questions name 鲁班 or 工匠 at once)
        raw = [str(p).lower() for kind in KINDS for p in data.get(kind) or []]
        self._chars = frozenset("".join(raw) + "".join(everything) + _FOLD_SOURCES + _FILLER_CHARS + _LAUGH_CHARS)

    def kind(self, text: str) -> str | None:
        """The kind of small talk a whole message is, or None when it carries anything else."""
        text = text.lower().strip()
        if not text or self._only is None or len(text) > 30:
            return None
        stripped_text = re.sub(r"[\s\W_]", "", text)
        if not self._chars.issuperset(stripped_text):
            return None
        bare = fold(stripped_text)
        if not bare:
            return _emoji_kind(text)
        if _LAUGH.match(bare):
            return "ack"
        stripped = self._only.sub("", bare)
        if _FILLER.sub("", stripped):
            return None
        words = set(re.findall(r"[a-z]+", text))
        for kind, phrases in self._phrases:
            # (a short Latin phrase only as a word of its own: the ai of 「zai ma」 is no AI)
            if any(p in words if p.isascii() and len(p) <= 2 else p in bare for p in phrases):
                return kind
        return None


_CLAUSES = re.compile(r"[，,。.!！？?\s、~～;；]+")
# a clause that asks something (「啥都知道」 praises: 啥都 is "everything")
_ASKS = re.compile(r"吗|什么|啥(?!都)|哪|几|多少|怎|咋|谁|是不是|有没有|能不能|会不会|为什么|为啥|(?<![什怎那这多])么$")


def kind_with_chatter(small_talk: SmallTalk, text: str, names_known: Callable[[str], bool]) -> str | None:
    """「中，那俺先走了，拜拜」「早上好，俺刚下夜班」: small-talk clauses beside chatter that asks
    nothing and names nothing the knowledge knows. A clause with a question word or a word of the
    knowledge (「你好，工会电话多少」) keeps the message a question."""
    if "?" in text or "？" in text or len(text) > 40:
        return None
    clauses = [c for c in _CLAUSES.split(text) if c]
    if len(clauses) < 2:  # one clause: the message itself, already asked of ``kind``
        return None
    kinds = [small_talk.kind(c) for c in clauses]
    if not any(kinds):
        return None
    if any(k is None and (_ASKS.search(c) or names_known(c) or not re.search("[\u4e00-\u9fff]", c))
           for c, k in zip(clauses, kinds, strict=True)):  # chatter we can read: Chinese
        return None
    return min((k for k in kinds if k), key=KINDS.index)


def _emoji_kind(text: str) -> str | None:
    """A message of emoji only (「👍」, 「😊😊」) is a reaction, not a question; 「？？」 is neither."""
    symbols = [ch for ch in text if not ch.isspace()]
    if not symbols or not all(ord(ch) >= 0x2190 and not ("\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
                              for ch in symbols):
        return None
    for kind, marks in _EMOJI_KIND:
        if any(ch in marks for ch in symbols):
            return kind
    return "ack"
