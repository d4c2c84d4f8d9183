from knowledge.normalize import normalize_question


def test_campaign_words_stay_whole(tokenizer):
    words = tokenizer.words("鲁班工匠日和鲁班纪念馆,工匠之城与未来工匠")
    for term in ("鲁班工匠日", "鲁班纪念馆", "工匠之城", "未来工匠"):
        assert term in words


def test_traditional_and_full_width_fold_to_the_same_terms(tokenizer):
    assert tokenizer.terms(normalize_question("鲁班紀念館")) == tokenizer.terms("鲁班纪念馆")
    assert normalize_question("６月１１日？？") == "6月11日?"


def test_question_words_and_particles_are_stopwords(tokenizer):
    assert tokenizer.terms("鲁班工匠日是哪天呢") == tokenizer.terms("鲁班工匠日")
    assert tokenizer.terms("什么时候") == []


def test_aliases_map_to_campaign_wording(tokenizer):
    words = dict((w[0], w) for w in tokenizer.query_words("工匠节家里有劳模"))
    assert words["工匠节"] == ("工匠节", "鲁班工匠日")
    assert words["劳模"] == ("劳模", "劳动模范")


def test_person_names(tokenizer):
    assert tokenizer.is_person_name("徐婷")
    assert tokenizer.is_person_name("田国垒")
    assert not tokenizer.is_person_name("工匠")


def test_odd_input_gives_no_terms(tokenizer):
    for text in ("", "   ", "😀😀", "？？？", "\x00\x07"):
        assert tokenizer.terms(normalize_question(text)) == []


def test_long_names_index_their_head_not_their_modifier(tokenizer):
    assert "手造工匠" in tokenizer.terms("第三届“枣庄手造工匠”")  # 枣庄手造工匠 is a 手造工匠
    assert "鲁班工匠" not in tokenizer.terms("鲁班工匠日前夕")  # 鲁班工匠日 is a day, not a 鲁班工匠
    assert "鲁班工匠日" in tokenizer.terms("鲁班工匠日前夕")
