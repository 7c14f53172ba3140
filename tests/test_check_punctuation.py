"""Punctuation: half-width marks, unpaired marks, 顿号 between numerals, the final stop, stray
spaces and year ranges — each with the fix offered."""

from __future__ import annotations

import pytest

from test_check_support import check_letter, rules


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_a_half_width_comma_in_chinese_text_is_an_error_with_the_full_width_fix():
    found = check_letter(opening="您提出的《关于加强科技创新的建议》收悉,现答复如下：")
    [f] = only(found, "punctuation.halfwidth")
    assert (f.severity, f.found, f.fix) == ("error", ",", "，")
    assert f.column == len("您提出的《关于加强科技创新的建议》收悉") + 1


@pytest.mark.parametrize("mark,fix", [(";", "；"), (":", "："), ("!", "！"), ("?", "？")])
def test_other_half_width_marks(mark, fix):
    [f] = only(check_letter(f"完成改造管网62公里{mark}同步更换水表1.2万只。"), "punctuation.halfwidth")
    assert f.fix == fix


@pytest.mark.parametrize("text", [
    "全年投入1,000万元，于10:30召开会议。",
    "详见网站http://www.example.gov.cn。",
    "项目编号为ABC(2)-1。",
])
def test_numbers_times_urls_and_latin_keep_their_marks(text):
    assert only(check_letter(text), "punctuation.halfwidth") == []


def test_a_half_width_full_stop_after_chinese():
    [f] = only(check_letter("我局将继续推进相关工作."), "punctuation.halfwidth")
    assert f.fix == "。"


def test_texts_whose_punctuation_a_copy_turned_into_ascii_are_not_blamed_for_it():
    found = check_letter("完成改造管网62公里;同步更换水表1.2万只。", ascii_punctuation=True)
    assert rules(found) == []


def test_a_bracket_pair_half_full_width():
    [f] = only(check_letter("全市共有企业（含分支机构)300家。"), "punctuation.halfwidth")
    assert (f.found, f.fix) == (")", "）")


@pytest.mark.parametrize("text,found", [
    ("您提出的《关于加强农村留守老人关爱服务的建议收悉。", "《"),
    ("全国开展三区三线”划定工作。", "”"),
    ("开展“专家助企行活动。", "“"),
    ("共有企业（含分支机构300家。", "（"),
])
def test_unpaired_marks(text, found):
    [f] = only(check_letter(text), "punctuation.unbalanced")
    assert f.severity == "error" and f.found == found


def test_nested_pairs_are_fine():
    assert rules(check_letter("出台《科技型企业“梯次培育”行动方案》（试行）。")) == []


def test_dunhao_between_arabic_numerals():
    [f] = only(check_letter("全县在3、4月开展集中整治。"), "punctuation.dunhao-digits")
    assert f.found == "3、4" and f.fix is None


def test_dunhao_between_two_years_suggests_a_range():
    [f] = only(check_letter("已纳入2019、2020年项目库。"), "punctuation.dunhao-digits")
    assert f.fix == "2019—2020"


def test_dunhao_after_units_is_fine():
    assert rules(check_letter("排名分别为33位、17位、14位。")) == []


def test_a_paragraph_without_its_final_stop():
    [f] = only(check_letter("诚如委员所言，我县在教育发展方面还存在短板"), "punctuation.final-stop")
    assert (f.severity, f.found, f.fix) == ("warning", "", "。")
    assert f.column == len("诚如委员所言，我县在教育发展方面还存在短板") + 1


@pytest.mark.parametrize("text", [
    "一、工作开展情况",                         # a heading
    "具体情况如下：",                           # leads into what follows
    "他说：“要把好事办好。”",                   # the stop is inside the quote
    "我局高度重视！",
])
def test_endings_that_need_no_stop(text):
    assert only(check_letter(text, "我局已完成改造。"), "punctuation.final-stop") == []


def test_a_space_between_chinese_characters():
    # seed 000: 通过 “俄罗斯院士临沂行”; seed 003: 注册 企业, 500 家
    found = check_letter("通过 “俄罗斯院士临沂行”等活动，已落地注册 企业36家，参与企业突破500 家。")
    spaces = only(found, "punctuation.space")
    assert len(spaces) == 3 and all(f.fix == "" for f in spaces)


def test_a_space_inside_a_cited_title_is_the_title_s_own():
    assert rules(check_letter("出台《临沂市实施发展翅膀工程 赋能经济高质量发展的若干措施》。")) == []


def test_a_year_range_with_a_hyphen():
    [f] = only(check_letter("实施《行动方案（2020-2022）》。"), "punctuation.range")
    assert (f.found, f.fix) == ("2020-2022", "2020—2022")


def test_phone_numbers_and_dates_are_not_ranges():
    assert rules(check_letter("联系电话0571-8526134，2021-06-05发布。")) == []
