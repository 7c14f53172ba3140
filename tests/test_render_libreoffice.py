"""Rendered by a real client: LibreOffice turns each reply into a PDF whose pages hold 22 lines
of 28 characters, with page numbers where GB/T 9704 puts them (gbt9704 checklist item 7).

Locally these tests skip when LibreOffice is absent; under CI (CI=true) its absence fails."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from drafter.layout.pdf import docx_to_pdf
from drafter.pipeline import render
from drafter.sheets.load import find_sheets, load_reply
from tests.conftest import EXAMPLES, require
from tests.replies import long_sheet, write_workspace

from tests.pdfpage import PT_PER_MM, TYPE_BOTTOM, TYPE_LEFT, TYPE_RIGHT, body_lines, width_units, words

@pytest.fixture(scope="module")
def soffice():
    require("libreoffice")


@pytest.fixture(scope="module")
def long_pdf(soffice, tmp_path_factory):
    root = tmp_path_factory.mktemp("long")
    result = render(load_reply(write_workspace(root, sheet=long_sheet(40))))
    return words(docx_to_pdf(result.docx, root / "reply.pdf"))


def test_every_example_converts_and_its_text_is_in_the_pdf(soffice, tmp_path):
    sheets = find_sheets(EXAMPLES)
    assert len(sheets) >= 4
    for sheet in sheets:
        result = render(load_reply(sheet))
        pdf = docx_to_pdf(result.docx, tmp_path / (sheet.stem + ".pdf"))
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                                 encoding="utf-8", check=True).stdout)
        for block in result.blocks:
            probe = re.sub(r"\s+", "", block.full_text)[:12]
            assert probe in text, f"{sheet.name}: {probe!r} missing from the PDF"


def test_a_full_page_holds_22_lines(long_pdf):
    pages = max(w["page"] for w in long_pdf)
    assert pages >= 3
    for page in range(2, pages):  # pages between the first and the last are full
        assert len(body_lines(long_pdf, page)) == 22, f"page {page}"


def _wrapped_lines(ws):
    """Lines that start at the left edge and run on to the next line (neither a paragraph's
    indented first line nor its last line)."""
    lines = body_lines(ws, 2)
    out = []
    for line, nxt in zip(lines, lines[1:]):
        starts_left = abs(line[0]["x0"] - TYPE_LEFT) < 3
        next_continues = abs(nxt[0]["x0"] - TYPE_LEFT) < 3 or width_units("".join(w["text"] for w in nxt)) < 50
        if starts_left and width_units("".join(w["text"] for w in line)) >= 50 and next_continues:
            out.append(line)
    return out


def test_a_full_line_holds_28_characters(long_pdf):
    lines = _wrapped_lines(long_pdf)
    assert len(lines) >= 5
    for line in lines:
        assert width_units("".join(w["text"] for w in line)) == 56  # 28 full-width characters


def test_full_lines_reach_both_edges_of_the_type_area(long_pdf):
    for line in _wrapped_lines(long_pdf):
        assert abs(line[0]["x0"] - TYPE_LEFT) < 3 and abs(line[-1]["x1"] - TYPE_RIGHT) < 3


def test_first_lines_are_indented_two_characters(long_pdf):
    firsts = [line for line in body_lines(long_pdf, 2) if line[0]["text"].startswith("第")]
    assert firsts
    for line in firsts:
        assert abs(line[0]["x0"] - TYPE_LEFT - 2 * 16) < 2


def test_page_numbers_are_dashed_odd_right_even_left_below_the_type_area(long_pdf):
    pages = max(w["page"] for w in long_pdf)
    for page in range(1, pages + 1):
        foot = [w for w in long_pdf if w["page"] == page and w["y0"] > TYPE_BOTTOM]
        text = "".join(w["text"] for w in foot)
        assert re.fullmatch(rf"—\s*{page}\s*—", text), (page, text)
        left, right = min(w["x0"] for w in foot), max(w["x1"] for w in foot)
        char = 14  # 四号
        if page % 2:
            assert abs((TYPE_RIGHT - right) - char) < 6  # 居右空一字
        else:
            assert abs((left - TYPE_LEFT) - char) < 6  # 居左空一字
        top = min(w["y0"] for w in foot)
        assert 3 * PT_PER_MM < top - TYPE_BOTTOM < 11 * PT_PER_MM  # about 7 mm below the type area


def test_render_pdf_writes_a_pdf_beside_the_docx(soffice, tmp_path):
    from tests.conftest import run_drafter

    sheet = write_workspace(tmp_path)
    r = run_drafter("render", sheet, "--pdf")
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "reply.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "赵洁委员" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                        encoding="utf-8").stdout


def _red_rules(pdf: Path, tmp: Path) -> tuple[float, list[tuple[float, float]]]:
    """Where red starts on page 1 (mm from the top: the 标志's top) and (mm from the top, length in
    mm) of each horizontal red rule, from a 72-dpi raster."""
    subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(tmp / "page")], check=True)
    data = next(tmp.glob("page*.ppm")).read_bytes()
    magic, size, _maxval, pixels = data.split(b"\n", 3)
    w, h = map(int, size.split())
    rules, last, first = [], -2, None
    for y in range(h):
        row = pixels[y * w * 3:(y + 1) * w * 3]
        red = [x // 3 for x in range(0, w * 3, 3) if row[x] > 200 and row[x + 1] < 80 and row[x + 2] < 80]
        if red and first is None:
            first = y / PT_PER_MM
        if len(red) > w / 2:
            if y > last + 3:  # the two lines of a double rule count as one rule
                rules.append((y / PT_PER_MM, (max(red) - min(red)) / PT_PER_MM))
            last = y
    return first, rules


def test_letterhead_prints_red_double_rules_170_mm_long_and_no_page_number_on_page_one(soffice, tmp_path):
    from tests.replies import PROFILE

    profile = PROFILE.replace("letterhead: 否", "letterhead: 是")
    result = render(load_reply(write_workspace(tmp_path, profile=profile, sheet=long_sheet(30))))
    pdf = docx_to_pdf(result.docx, tmp_path / "reply.pdf")
    name_top, rules = _red_rules(pdf, tmp_path)
    assert len(rules) == 2
    (upper, upper_len), (lower, lower_len) = rules
    assert abs(upper_len - 170) < 2 and abs(lower_len - 170) < 2  # R7.2: 170 mm, centred
    assert 28 <= name_top <= 32  # R7.1: the 标志's top edge 30 mm from the top of the page
    assert 3 <= upper - (name_top + 26 / PT_PER_MM) <= 6  # R7.2: the rule 4 mm under the 一号 标志
    assert 19.5 <= 297 - lower <= 22  # R7.2: 20 mm above the bottom edge (lower measures its upper, thin line)
    ws = words(pdf)
    # R7.3: the 文号 on the first line under the rule, at the right edge; the 办理类型 mark at the left
    first = sorted((w for w in ws if w["page"] == 1 and w["y0"] > upper * PT_PER_MM), key=lambda w: w["y0"])
    line = [w for w in first if abs(w["y0"] - first[0]["y0"]) < 2]
    assert "".join(w["text"] for w in line) == "办理类型：A临科函字〔2024〕4号"
    assert abs(min(w["x0"] for w in line) - TYPE_LEFT) < 2 and abs(max(w["x1"] for w in line) - TYPE_RIGHT) < 2
    assert 2.5 <= first[0]["y0"] / PT_PER_MM - upper <= 7  # 7/8 of a 3号 character under the rule
    page_one_foot = [w for w in ws if w["page"] == 1 and w["y0"] > TYPE_BOTTOM]
    assert not page_one_foot  # R7.5: no page number on page 1
    page_two_foot = "".join(w["text"] for w in ws if w["page"] == 2 and w["y0"] > TYPE_BOTTOM)
    assert re.fullmatch(r"—\s*2\s*—", page_two_foot)
