"""Handling type (办理类型): the letter exists in the scheme and the text fits what it means."""

from __future__ import annotations

import pytest

from drafter.checker.rules.handling import meaning
from drafter.model.handling_types import SCHEMES
from test_check_support import check_letter, rules

DONE = "我局已建成农村互助幸福院48个，累计服务老人5200余人次。"
PLAN_NO_TIME = "下一步，我局将推动将留守老人关爱服务纳入政府购买服务范围。"
PLAN_WITH_TIME = "我局已将该路段列入2025年农村公路建设计划，计划年底前开工。"
REASON = "由于该路段不在我县事权范围内，且受资金条件限制，目前暂时难以实施。"


def test_a_solved_reply_written_only_in_the_future_tense():
    [f] = check_letter(PLAN_NO_TIME, handling_type="A")
    assert (f.rule, f.severity) == ("handling-type.fit", "warning")
    assert "没有写已经办成的事" in f.message


def test_a_solved_reply_that_says_what_was_done():
    assert rules(check_letter(DONE, PLAN_NO_TIME, handling_type="A")) == []


def test_a_planned_reply_without_any_plan():
    [f] = check_letter(DONE, handling_type="B")
    assert f.rule == "handling-type.fit" and "计划" in f.message


def test_a_planned_reply_whose_plan_has_no_time_gets_a_hint():
    [f] = check_letter(PLAN_NO_TIME, handling_type="B")
    assert (f.rule, f.severity) == ("handling-type.timeframe", "hint")


def test_a_planned_reply_with_a_time_frame():
    assert rules(check_letter(PLAN_WITH_TIME, handling_type="B")) == []


@pytest.mark.parametrize("letter_", ["C", "D"])
def test_a_not_now_reply_must_say_why(letter_):
    [f] = check_letter(PLAN_NO_TIME, handling_type=letter_)
    assert f.rule == "handling-type.fit" and "原因" in f.message
    assert rules(check_letter(REASON, handling_type=letter_)) == []


def test_the_letters_mean_what_the_profile_s_scheme_says():
    # In city-abcd-c-plan, C is 已列入规划计划逐步解决: a plan, not a reason.
    assert rules(check_letter(PLAN_WITH_TIME, handling_type="C", scheme="city-abcd-c-plan")) == []
    assert rules(check_letter(PLAN_WITH_TIME, handling_type="C")) == ["handling-type.fit"]


def test_a_letter_outside_the_scheme_is_an_error():
    [f] = check_letter(DONE, handling_type="E")
    assert (f.rule, f.severity) == ("handling-type.unknown", "error")


def test_the_mark_is_read_from_the_letter():
    found = check_letter(PLAN_NO_TIME, header=("办理类型：A",))
    assert rules(found) == ["handling-type.fit"] and found[0].line == 1


def test_every_scheme_label_has_a_meaning():
    for scheme, labels in SCHEMES.items():
        for letter_, label in labels.items():
            assert meaning(label) in ("solved", "planned", "not-now"), (scheme, letter_)
