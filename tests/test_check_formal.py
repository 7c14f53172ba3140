"""Formal elements: 文号, dates, salutation and opening against the kind."""

from __future__ import annotations

import datetime as dt

import pytest

from test_check_support import check_letter, letter, rules
from drafter.checker import check_text


def only(findings, rule):
    return [f for f in findings if f.rule == rule]


# ---- 文号 -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("wenhao,found,fix", [
    ("沅环提复[2023]15号", "[2023]15号", "〔2023〕15号"),
    ("祁工信函【2022】7号", "【2022】7号", "〔2022〕7号"),
    ("测科函（2024）5号", "（2024）5号", "〔2024〕5号"),
    ("岚文旅函〔2023〕04号", "〔2023〕04号", "〔2023〕4号"),
    ("测科函〔2024〕第5号", "〔2024〕第5号", "〔2024〕5号"),
    ("测科函〔24〕5号", "〔24〕5号", "〔2024〕5号"),
])
def test_wenhao_format(wenhao, found, fix):
    [f] = only(check_letter(wenhao=wenhao), "formal.wenhao")
    assert (f.severity, f.found, f.fix) == ("error", found, fix)


@pytest.mark.parametrize("wenhao", ["临科函字〔2024〕4号", "兰政字〔2012〕30-17号", "禾教提复〔2023〕12号（B类）"])
def test_good_wenhao(wenhao):
    assert rules(check_letter(wenhao=wenhao)) == []


def test_a_placeholder_left_in_the_wenhao():
    [f] = only(check_letter(wenhao="湘教提复字〔2019〕来信号"), "formal.wenhao")
    assert "不是数字" in f.message and f.fix is None


def test_a_wenhao_cited_in_the_body_with_the_wrong_brackets_is_a_warning():
    [f] = only(check_letter("根据《关于开展划定工作的函》（自然资函﹝2022﹞47号）要求，我局组织了划定。"), "formal.wenhao")
    assert (f.severity, f.fix) == ("warning", "〔2022〕47号")


# ---- dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("date,fix", [
    ("2023年06月08日", "2023年6月8日"),
    ("二〇二二年八月三十日", "2022年8月30日"),
    ("二○一二年六月十四日", "2012年6月14日"),
])
def test_the_date_line_in_arabic_numerals_without_padding(date, fix):
    [f] = only(check_letter(date=date), "formal.date")
    assert (f.severity, f.fix) == ("error", fix)


def test_a_padded_date_in_the_body_is_a_warning():
    [f] = only(check_letter("截至2023年06月，全市共有企业300家。"), "formal.date")
    assert (f.severity, f.found, f.fix) == ("warning", "2023年06月", "2023年6月")


def test_a_signed_letter_without_a_date_is_an_error():
    undated = letter()[:-1]  # ends with the 署名
    [f] = only(check_text(undated), "formal.date")
    assert (f.severity, f.found) == ("error", "测试市科学技术局") and "没有成文日期" in f.message


def test_a_date_in_the_future():
    found = check_text(letter(date="2024年8月1日"), today=dt.date(2024, 7, 1))
    [f] = only(found, "formal.date")
    assert f.severity == "warning" and "之后" in f.message


# ---- salutation and opening ---------------------------------------------------------------------------

def test_a_proposal_is_answered_to_a_member_not_a_deputy():
    [f] = only(check_letter(salutation="孙立群代表："), "formal.salutation")
    assert (f.severity, f.found, f.fix) == ("error", "代表", "委员")


def test_a_suggestion_is_answered_to_a_deputy():
    [f] = only(check_letter(kind="人大建议", salutation="何丽萍委员："), "formal.salutation")
    assert f.fix == "代表"


def test_a_salutation_needs_its_colon():
    [f] = only(check_letter(salutation="李文学等委员"), "formal.salutation")
    assert (f.found, f.fix) == ("", "：")


@pytest.mark.parametrize("salutation", ["张三委员：", "尊敬的张三委员：", "刘芳、陈志远委员：", "张三等3位委员：",
                                        "某某街道政协联络组代表："])
def test_good_salutations(salutation):
    assert rules(check_letter(salutation=salutation)) == []


def test_the_opening_names_the_wrong_kind():
    found = check_letter(kind="人大建议", opening="您提出的《关于改善农村客运条件的建议》的提案收悉，现答复如下：")
    [f] = only(found, "formal.opening")
    assert (f.found, f.fix) == ("提案", "建议")


def test_a_proposal_whose_title_ends_in_jianyi_is_not_a_mix_up():
    assert rules(check_letter(opening="您提出的《关于加强科技创新的建议》收悉，现答复如下：")) == []
