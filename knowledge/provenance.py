"""「这篇报道是哪个媒体发的」「这篇新闻谁写的」: questions about the article itself, answered by its byline.

Articles scraped from news sites end with a byline (「（工人日报客户端记者 田国垒 通讯员 陈国欣）」)
that names the outlet and the reporters the sidecar lists as ``source`` and ``authors``. A worker
asking where the news comes from wants that line, whatever words it shares with the question
(「媒体」 is nowhere in it). Only a question that points at the article itself (这篇报道, 这条新闻)
and asks for its outlet or author takes this path: 「工匠事迹在哪个媒体宣传」 asks the campaign.
"""

from __future__ import annotations

import re

from knowledge.passages import Corpus

# 「这篇…的报道」 points at the article; 「这方面的新闻」「这类消息」 at news of a kind
_ITSELF = re.compile(r"(?:这|那|该|本)(?!方面|类|种|些|样)[篇条个则份]?(?:[^，,。？?！!]{1,10}的)?"
                     r"(?:报道|新闻|文章|消息|稿子|通稿|篇)|^(?:报道|新闻|文章|消息|稿子)")
_ASKS_SOURCE = re.compile(r"(?:哪个|哪家|什么|啥)(?:媒体|报纸|报社|报|网站|平台|单位|客户端|新闻)|"
                          r"谁写|谁发|谁报道|谁采写|哪[里儿]?发|从哪[里儿]?来的|出处|来源|(?<!工)作者|记者是谁|记者叫|发在哪|登在哪|刊登在|"
                          r"哪位记者|哪个记者|通讯员|署名|落款")  # not 「先进工作者」


def asks_provenance(asking: str, whole: str | None = None) -> bool:
    """Does the question ask where the article itself comes from (its outlet or its author)?
    The asking clauses must ask for a source; the article may be pointed at anywhere in the
    question (「这篇…的报道没看全,想知道是哪位记者写的」)."""
    asks = any(not _OWNS_ELSE.match(asking, m.end()) for m in _ASKS_SOURCE.finditer(asking))
    return asks and bool(_ITSELF.search(asking if whole is None else whole))


# 「消息是从哪个单位(开)的发布会上出来的」: the unit asked for owns something else (a press
# conference), which the campaign's sentences name; the article's own source is not asked
_OWNS_ELSE = re.compile(r"(?:[开办搞举召][开办行]?)?的"
                        r"(?!报道|新闻|文章|消息|稿子|通稿|记者|客户端|报|网|通讯员|编辑|作者)[\u4e00-\u9fff]")


def byline(corpus: Corpus, article_index: int) -> int | None:
    """The last sentence of the article that names its outlet or one of its authors."""
    article = corpus.articles[article_index]
    names = [n for n in (article.source.source, *article.source.authors) if len(n) >= 2]
    if not names:
        return None
    found = None
    for sentence in corpus.sentences:  # one scan; the engine keeps the result per article
        if corpus.passages[sentence.passage_id].article_index == article_index \
                and any(n in sentence.text for n in names):
            found = sentence.id
    return found


# 「这条新闻几号的消息」「这篇报道是哪天发的」: the article's own date, asked right after it or
# as when it was put out
_ASKS_DATE = re.compile(r"(?:报道|新闻|文章|消息|稿子)(?:是|的)?(?:哪天|哪一天|几号|几月几号|什么时候|啥时候|哪年)|"
                        r"(?:哪天|哪一天|几号|几月几号|什么时候|啥时候)(?:发|出|登|发布|刊登|报道)的")


def asks_date(asking: str, whole: str | None = None) -> bool:
    """Does the question ask when the article itself came out?"""
    return bool(_ASKS_DATE.search(asking)) and bool(_ITSELF.search(asking if whole is None else whole))


def dateline(corpus: Corpus, article_index: int) -> int | None:
    """The first sentence of the article that states the article's own date (「6月6日,记者从…」)."""
    date = corpus.articles[article_index].source.date
    m = re.match(r"\d{4}-(\d{2})-(\d{2})", date)
    if m is None:
        return None
    said = f"{int(m.group(1))}月{int(m.group(2))}日"
    for sentence in corpus.sentences:
        if corpus.passages[sentence.passage_id].article_index == article_index and said in sentence.text:
            return sentence.id
    return None
