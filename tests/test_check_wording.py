"""Doubled words, 的/地/得 in fixed phrases, and confusable words."""

from __future__ import annotations

import pytest

from drafter.checker.lexicon import ADVERBIAL_PHRASES, REDUPLICATION_OK
from drafter.checker.rules.dedide import adverbial_de
from test_check_support import check_letter, rules


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


# ---- doubled words -------------------------------------------------------------------------------

def test_a_doubled_word_is_a_warning_and_the_fix_deletes_the_second_copy():
    # seed 000: 全年引育引育科技人才1000人以上
    [f] = check_letter("全年引育引育科技人才1000人以上。")
    assert (f.rule, f.severity, f.found, f.fix) == ("doubled-word.repeat", "warning", "引育", "")
    assert f.column == 1 + len("全年引育")  # points at the second copy


@pytest.mark.parametrize("word", ["推进推进", "高质量高质量", "课后服务课后服务"])
def test_doubled_words_of_two_to_four_characters_are_found(word):
    assert rules(check_letter(f"我局将持续{word}相关工作。")) == ["doubled-word.repeat"]


@pytest.mark.parametrize("text", [
    "一一对应落实到人。",          # single-character reduplication is never looked at
    "常常深入企业调研。",
    "人人参与安全监管。",
    "一项一项抓好落实。",          # 一X一X
    "一户一户上门走访。",
    "联合合作银行推出专属产品。",  # 合合 across a word boundary
    "认认真真抓好整改。",          # AABB
])
def test_correct_reduplication_is_not_reported(text):
    assert rules(check_letter(text)) == []


def test_the_reduplication_whitelist_is_what_it_says():
    for word in REDUPLICATION_OK:
        assert rules(check_letter(f"墙面刷得{word}{word}的。")) == []


def test_spoken_verb_reduplication_is_only_a_hint():
    [f] = check_letter("我局将认真研究研究您的建议。")
    assert (f.rule, f.severity, f.fix) == ("doubled-word.repeat", "hint", "研究")


def test_guanyu_before_a_title_that_starts_with_guanyu():
    found = check_letter(opening="您提出的关于《关于加强科技创新的建议》的提案收悉，现答复如下：")
    [f] = only(found, "doubled-word.guanyu")
    assert f.found == "关于" and f.fix == "" and f.column == 5


def test_the_same_verb_twice_in_one_clause_is_a_hint():
    # seed 000: 市科技局联合市财政、市税务部门联合出台…
    [f] = check_letter("市科技局联合市财政、市税务部门联合出台行动方案。")
    assert (f.rule, f.severity) == ("doubled-word.clause", "hint")


@pytest.mark.parametrize("text", [
    "支持企业联合高校构建创新联合体。",      # 联合体 is a noun
    "组织专家评审，组织企业对接。",          # different clauses
    "开展政策宣讲、开展业务培训。",          # parallel items
])
def test_the_same_verb_in_parallel_or_as_a_noun_is_fine(text):
    assert rules(check_letter(text)) == []


def test_a_doubled_character_in_a_meeting_name():
    # 张家川: 县政协第十三届届三次会议
    [f] = check_letter("您在县政协第十三届届三次会议上提出的建议已交我局办理。")
    assert f.rule == "doubled-word.repeat" and f.found == "届"


# ---- 的/地/得 ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,phrase", [
    ("希望您一如既往的支持教育事业发展。", "一如既往"),
    ("希望您今后一如既往的继续支持临沂科技工作。", "一如既往"),
    ("我局将进一步的加强监督管理。", "进一步"),
    ("积极主动的做好服务工作。", "积极主动"),
    ("扎扎实实的推进各项工作。", "扎扎实实"),
])
def test_de_before_a_verb_in_a_fixed_phrase_should_be_di(text, phrase):
    [f] = check_letter(text)
    assert (f.rule, f.found, f.fix) == ("de-di-de.phrase", "的", "地")
    assert phrase in f.message


@pytest.mark.parametrize("text", [
    "感谢您一如既往的关心和支持！",       # 关心和支持 is a noun phrase here
    "感谢您一如既往的支持。",
    "这项政策发挥了积极的作用。",
    "我们提供更好的服务。",
    "全面的调查摸底已经完成。",
])
def test_de_before_a_noun_is_right(text):
    assert rules(check_letter(text)) == []


def test_de_before_a_degree_complement_should_be_de2():
    [f] = check_letter("这项工作落实的很好。")
    assert (f.rule, f.found, f.fix) == ("de-di-de.phrase", "的", "得")


def test_every_listed_phrase_is_caught_before_an_adverb():
    for phrase in ADVERBIAL_PHRASES:
        assert adverbial_de(f"希望{phrase}的继续推进。"), phrase


# ---- confusables --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,wrong,right", [
    ("拉进科技与百姓的距离感。", "拉进", "拉近"),          # seed 003
    ("截止目前，已建成幸福院48个。", "截止", "截至"),
    ("截止2023年底，全市共有企业300家。", "截止", "截至"),
    ("我局及时布署专项行动。", "布署", "部署"),
])
def test_confusable_words(text, wrong, right):
    [f] = check_letter(text)
    assert (f.rule, f.found, f.fix) == ("wording.confusable", wrong, right)


def test_jiezhi_as_a_deadline_is_right():
    assert rules(check_letter("申报截止日期为6月30日。")) == []
