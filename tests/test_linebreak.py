"""The page's line breaking (drafter.layout.linebreak): what the TUI preview shows is where the
printed line breaks — numbers, Latin words and percentages whole, 标点禁则 kept, nothing past the
right edge."""

from __future__ import annotations

import re

import pytest

from drafter.layout.linebreak import clusters, width, wrap

LINE = 56  # 28 full-width characters


@pytest.mark.parametrize("token", ["10", "22.6%", "2023", "2798", "11.96", "500", "0539-8312345", "A+",
                                   "Python", "5G", "1,000", "42.67％"])
def test_a_number_or_latin_word_is_never_split_wherever_it_falls(token):
    for lead in range(0, 30):
        text = "科" * lead + token + "次，全市" + "技" * 40
        lines = wrap(text, LINE)
        assert any(token in line for line in lines), (lead, lines)
        assert "".join(lines) == text


def test_the_splits_seen_in_the_examples_do_not_happen():
    # "座谈培训会1|0次" in the 临沂 PDF: the number crossed the line end at the 28th character
    text = "开展“千企大走访”，举办科技金融座谈培训会10次，培训企业1300余家。"
    for lead in range(0, 28):
        lines = wrap("一" * lead + text, LINE)
        for a, b in zip(lines, lines[1:]):
            assert not (re.search(r"[0-9.%]$", a) and re.match(r"[0-9.%％]", b)), (a, b)


def test_closing_marks_never_start_a_line_and_do_not_hang():
    lines = wrap("一" * 28 + "。二", LINE)
    assert lines == ["一" * 27, "一。二"]
    assert all(width(line) <= LINE for line in lines)


def test_opening_marks_never_end_a_line():
    lines = wrap("一" * 27 + "《科技》", LINE)
    assert lines[0] == "一" * 27 and lines[1].startswith("《")


def test_ellipsis_and_dash_pairs_stay_together():
    assert "……" in clusters("一……二")[0] and "——" in clusters("一——二")[0]


def test_first_line_indent_and_full_lines():
    lines = wrap("字" * 60, LINE, indent=4)
    assert lines[0] == "    " + "字" * 26 and lines[1] == "字" * 28 and lines[2] == "字" * 6


def test_a_piece_longer_than_a_line_is_cut_by_characters():
    url = "https://example.org/" + "a" * 80
    lines = wrap(url, LINE)
    assert "".join(lines) == url and all(width(line) <= LINE for line in lines)


def test_widths():
    assert width("一") == 2 and width("1") == 1 and width("“") == 2 and width("2024年") == 6
