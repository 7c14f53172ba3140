"""Scalars are read as the schema says, never by YAML's implicit typing."""

from __future__ import annotations

import datetime as dt

from drafter.sheets.load import load_reply
from drafter.sheets.yamlio import load_yaml
from tests.replies import SHEET, write_workspace


def test_numbers_phones_booleans_and_dates_stay_what_the_clerk_wrote():
    data = load_yaml("number: 069\nphone: 0539-8312345\nanswer: no\ndate: 2024-06-18\nratio: 1.50\n").data
    assert data == {"number": "069", "phone": "0539-8312345", "answer": "no", "date": "2024-06-18",
                    "ratio": "1.50"}


def test_the_reply_date_becomes_a_date_and_the_number_keeps_its_zero(tmp_path):
    reply = load_reply(write_workspace(tmp_path, sheet=SHEET.replace('number: "069"', "number: 069")))
    assert reply.sheet.number == "069"
    assert reply.sheet.date == dt.date(2024, 6, 18)
    assert reply.profile.contact.phone == "0539-8312345"


def test_chinese_dates_and_yes_no_words_are_understood(tmp_path):
    sheet = SHEET.replace("date: 2024-06-18", "date: 2024年6月8日")
    profile_text = "name: 临沂市科学技术局\nletterhead: 是\n"
    reply = load_reply(write_workspace(tmp_path, sheet=sheet, profile=profile_text))
    assert reply.sheet.date == dt.date(2024, 6, 8)
    assert reply.profile.letterhead is True


def test_every_value_knows_its_line_and_column():
    located = load_yaml("kind: 政协提案\nsections:\n  - heading: 一\n    items:\n      - lead: 甲\n")
    assert located.where(("sections", 0, "items", 0, "lead")).line == 5
    assert located.where(("sections", 0, "items", 0, "lead")).column == 15


def test_empty_tilde_and_null_read_as_nothing_but_quoted_ones_stay_text():
    data = load_yaml('a:\nb: ~\nc: null\nd: ""\ne: "null"\nf:\n  - \n').data
    assert data == {"a": None, "b": None, "c": None, "d": "", "e": "null", "f": [None]}
