from knowledge.cleaning import DEFAULT_FURNITURE, clean_article, is_furniture, strip_pinyin_glosses
from tests.conftest import SEED_ARTICLE


def seed():
    return clean_article(SEED_ARTICLE.read_text(encoding="utf-8"))


def test_pinyin_glosses_removed_real_parentheses_kept():
    text = ("发布会(fābùhuì)获悉,开展工匠(gōngjiàng)(gōngjiàng)专题。"
            "(工人日报客户端记者 田国垒 通讯员 陈国欣(chénguóxīn))")
    assert strip_pinyin_glosses(text) == "发布会获悉,开展工匠专题。(工人日报客户端记者 田国垒 通讯员 陈国欣)"
    assert strip_pinyin_glosses("人工智能(AI)和GDP(gdp)") == "人工智能(AI)和GDP(gdp)"
    assert strip_pinyin_glosses("第(gè)个和数字(ge4)") == "第个和数字"


def test_seed_article_has_no_gloss_no_duplicate_no_furniture():
    article = seed()
    assert article.title == "山东枣庄将启动第二个“鲁班工匠日”活动"
    assert len(article.paragraphs) == 7
    assert len(set(article.paragraphs)) == len(article.paragraphs)
    body = "\n".join(article.paragraphs)
    assert "(fābùhuì)" not in body and "gōngjiàng" not in body
    for word in ("相关推荐", "评论列表", "暂无评论", "发表评论", "欢迎"):
        assert word not in body
    assert article.title not in body  # the glued title is separated from the first paragraph
    assert article.paragraphs[0].startswith("6月6日,记者从")
    assert article.paragraphs[-1].endswith("(工人日报客户端记者 田国垒 通讯员 陈国欣)")


def test_full_width_forms_folded_and_whitespace_tidied():
    article = clean_article("标题很长的一篇新闻报道啊\n  ２０２５年６月，共有１９７名　　劳模。  \n")
    assert article.paragraphs == ("2025年6月,共有197名 劳模。",)


def test_furniture_is_configurable_and_sentences_are_not_furniture():
    assert is_furniture("你 发表评论:", DEFAULT_FURNITURE)
    assert not is_furniture("欢迎广大职工积极报名参加。", DEFAULT_FURNITURE)
    raw = "一个足够长的新闻标题在这里\n正文第一段。\n点赞收藏\n"
    assert clean_article(raw, furniture=["点赞收藏"]).paragraphs == ("正文第一段。",)
    assert clean_article(raw).paragraphs == ("正文第一段。", "点赞收藏")


def test_short_title_is_not_cut_from_a_sentence_that_starts_with_it():
    article = clean_article("范廷颂枢机是越南人。", title="范廷颂")
    assert article.paragraphs == ("范廷颂枢机是越南人。",)


def test_empty_input():
    assert clean_article("").paragraphs == ()
