"""The printed page, as LibreOffice prints every example and a set of stress sheets: the GB/T font
classes apart in Chinese faces, no number split across lines, nothing past the type area.

All documents are converted in one LibreOffice run (build.pdf.convert_batch, as `drafter build
--pdf` does), then measured with poppler. Locally these tests skip without LibreOffice; under CI
(CI=true) its absence fails."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafter.build.pdf import convert_batch
from drafter.layout import gbt9704 as G
from drafter.layout.docx import KEEP_FROM_BOOKMARK
from drafter.model.blocks import Block, Kind
from drafter.pipeline import render
from drafter.sheets.load import find_sheets, load_reply
from tests import pdfpage as P
from tests.conftest import EXAMPLES, require
from tests.replies import PROFILE, SHEET, long_sheet, write_workspace

EXAMPLE_SHEETS = {p.stem: p for p in find_sheets(EXAMPLES)}

# Stress sheets: the end block where it is hardest to keep together.
_LINE = "全市科技型中小企业持续壮大研发投入稳步增长创新平台建"  # 26 characters: one full first line
_LAST_SECTION = "    paragraphs: 下一步，我们将继续加大工作力度。\n"


def _one_line_paragraphs(n: int) -> str:
    return SHEET.replace(_LAST_SECTION, "    paragraphs:\n" + f"    - {_LINE}\n" * n)


def _short_sheet(n: int) -> str:
    """One section of n one-line paragraphs: the reply ends on page 1."""
    return (SHEET[:SHEET.index("sections:")] + "sections:\n  - heading: 工作开展情况\n    paragraphs:\n"
            + f"    - {_LINE}\n" * n + SHEET[SHEET.index("disclosure:"):])


_THANKS = "再次感谢您对我市科技工作的关心和支持，希望您今后继续关注全市科技创新工作。"

STRESS = {
    # the closing is several sentences long (4 printed lines)
    "long-closing": (long_sheet(8) + "closing: " + "再次感谢您对我市科技工作的关心和支持，希望您今后继续关注全市科技创新工作。" * 3
                     + "\n", PROFILE),
    # a 附注 of three lines after the contact line
    "long-note": (long_sheet(8) + "notes: [（本答复所述数据截至2024年5月底，其中高新技术企业数、科技型中小企业入库数以省科技厅公布的"
                  "名单为准，各县区数据以县区科技主管部门报送为准，如有出入以最终公布数为准。）]\n", PROFILE),
    # the body fills page 2 to its last line: the closing and the end block start page 3
    "page-end": (_one_line_paragraphs(21), PROFILE),
    # 信函格式
    "letterhead": (long_sheet(12), PROFILE.replace("letterhead: 否", "letterhead: 是")),
    # a 6-line closing starts 13 lines down page 2: moved whole with the end block it would leave
    # 13 blank lines; only its last line goes with the end block
    "split-closing": (_one_line_paragraphs(13) + "closing: " + _THANKS * 4 + "\n", PROFILE),
    # a one-line closing with 5 lines left on page 2, then 署名, date and two 附注: moved it would leave
    # 5 blank lines, so the end block closes up to fit (R4.10)
    "closed-up": (_one_line_paragraphs(15), PROFILE),
    # 信函格式, the same on page 1, which the 标志 shortens to 21 lines
    "letterhead-closed-up": (_short_sheet(3), PROFILE.replace("letterhead: 否", "letterhead: 是")),
}
DOCUMENTS = sorted(EXAMPLE_SHEETS) + sorted(STRESS)


@dataclass
class Printed:
    blocks: list[Block]
    pdf: Path
    words: list[dict]
    lines: list[P.Line]
    fonts: list[str]
    uncut: list[P.Line] | None = None  # the lines printed without the cut for LibreOffice, if it was cut


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Printed]:
    require("libreoffice")
    out = tmp_path_factory.mktemp("printed")
    sheets = dict(EXAMPLE_SHEETS)
    for name, (text, profile) in STRESS.items():
        sheets[name] = write_workspace(out / name, sheet=text, profile=profile)
    blocks, paths, uncut = {}, [], {}
    for name, sheet in sheets.items():
        result = render(load_reply(sheet))
        path = out / f"{len(paths):02d}.docx"
        path.write_bytes(result.docx)
        blocks[name] = (result.blocks, path)
        paths.append(path)
        if KEEP_FROM_BOOKMARK in _document_xml(result.docx):  # the same reply, not cut: for comparison
            uncut[name] = out / f"{name}-uncut.docx"
            uncut[name].write_bytes(_without_cut(result.docx))
            paths.append(uncut[name])
    errors, _note = convert_batch(paths)
    assert not errors, errors
    docs = {}
    for name, (bl, path) in blocks.items():
        pdf = path.with_suffix(".pdf")
        ws = P.words(pdf)
        whole = P.lines(P.words(uncut[name].with_suffix(".pdf"))) if name in uncut else None
        docs[name] = Printed(bl, pdf, ws, P.lines(ws), P.fonts(pdf), whole)
    return docs


def _document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/document.xml").decode("utf-8")


def _without_cut(docx: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb'<w:bookmark(Start|End) w:id="0"[^>]*/>', b"", data)
            dst.writestr(info, data)
    return out.getvalue()


# -- font classes -------------------------------------------------------------------------------

SERIF = re.compile(r"Serif|Song|Sung|Ming|FangSong|Fang", re.I)
SANS = re.compile(r"Sans|Hei", re.I)
KAI = re.compile(r"Kai", re.I)
# Chinese faces by name. LibreOffice 7.4 names a subset of a Noto CJK collection (.ttc) after the
# collection's shared CFF, whose name is the Japanese face's, whichever face it printed with: those
# names are allowed here, and the glyph-form test below shows the face is the SC one.
CHINESE = re.compile(r"SC\b|CJKsc|CN\b|GB\b|GB2312|NotoS(erif|ans)CJKjp-\w+-VKana|Fang|Kai|Hei|Song|SimSun|"
                     r"FZ|STZhongsong|STFangsong|STKaiti", re.I)
NOT_CHINESE = re.compile(r"KR\b|TC\b|HK\b|CJKkr|CJKtc|CJKhk|JP\b")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_body_prints_in_a_serif_and_level_one_headings_in_a_sans_all_chinese_faces(printed, name):
    doc = printed[name]
    assert any(SERIF.search(f) for f in doc.fonts), doc.fonts  # 仿宋 class (and 小标宋, 宋体)
    if any(b.kind is Kind.HEADING and b.level == 1 for b in doc.blocks):
        assert any(SANS.search(f) for f in doc.fonts), doc.fonts  # 黑体 class
    if any(b.kind is Kind.HEADING and b.level == 2 for b in doc.blocks):
        assert any(KAI.search(f) for f in doc.fonts), doc.fonts  # 楷体 class
    for font in doc.fonts:
        assert CHINESE.search(font) and not NOT_CHINESE.search(font), font


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_title_prints_heavier_than_the_body(printed, name):
    """小标宋: the title's face is the bold of the serif (or a real 小标宋), not the body face bigger."""
    fonts = printed[name].fonts
    assert any(re.search(r"Bold|Black|Heavy|XiaoBiaoSong|小标宋|Zhongsong", f) for f in fonts), fonts


def _colon_ink_centre(doc: Printed, line: P.Line, tmp: Path) -> float:
    """Where a line-final full-width colon's ink sits across its character cell (0 left … 1 right)."""
    cell = 16 - 0.25  # 3号 less the tracking
    box = (line.x1 - cell, line.y0, line.x1, line.y1)
    rows = P.gray(doc.pdf, line.page, box, 288, tmp)
    columns = [sum(255 - v for v in col) for col in zip(*rows)]
    total = sum(columns)
    assert total > 0, "no ink where the colon should be"
    return sum(i * c for i, c in enumerate(columns)) / total / len(columns)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_punctuation_sits_the_chinese_way_not_centred_like_japanese(printed, name, tmp_path):
    """In Simplified Chinese faces "：" sits in the left half of its square; Japanese faces centre it
    (the symptom of the Japanese fallback face)."""
    doc = printed[name]
    salutation = next(b.text for b in doc.blocks if b.kind is Kind.SALUTATION)
    (line,) = [x for x in doc.lines if x.text == salutation]
    assert line.text.endswith("：")
    assert _colon_ink_centre(doc, line, tmp_path) < 0.4


# -- line breaks ---------------------------------------------------------------------------------

def _continued(doc: Printed) -> list[tuple[P.Line, P.Line]]:
    """(line, next line) pairs where the next line goes on with the same paragraph: it starts at
    the left edge of the type area, on the same page or at the top of the next."""
    body = [x for x in doc.lines if P.TYPE_TOP - 6 <= x.y0 <= P.TYPE_BOTTOM]
    return [(a, b) for a, b in zip(body, body[1:]) if abs(b.x0 - P.TYPE_LEFT) < 3]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_line_ends_inside_a_number_a_latin_word_or_a_percentage(printed, name):
    for a, b in _continued(printed[name]):
        assert not (re.search(r"[0-9A-Za-z.,%]$", a.text) and re.match(r"[0-9A-Za-z.%％]", b.text)), (a.text, b.text)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_nothing_hangs_past_the_type_area_and_no_line_starts_with_closing_punctuation(printed, name):
    doc = printed[name]
    for line in doc.lines:
        if P.TYPE_TOP - 6 <= line.y0 <= P.TYPE_BOTTOM:
            assert line.x1 <= P.TYPE_RIGHT + 1, (line.page, line.text)
    for _a, b in _continued(doc):
        assert b.text[0] not in "，。、；：？！）》”’", b.text


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_line_of_a_body_paragraph_but_its_last_reaches_the_right_edge_R4_13(printed, name):
    """Justified body text fills the type area's width (the cut for LibreOffice included: its first
    part is justified to its last line)."""
    doc = printed[name]
    bodies = [b.full_text.replace(" ", "") for b in doc.blocks if b.kind in (Kind.PARAGRAPH, Kind.ITEM, Kind.CLOSING)]
    checked = 0
    for a, b in _continued(doc):
        if any((a.text + b.text).replace(" ", "") in body for body in bodies):
            assert a.x1 > P.TYPE_RIGHT - 8, (a.page, a.text)
            checked += 1
    assert checked


def _paragraph_lines(lines: list[P.Line], text: str) -> list[str]:
    """The printed lines, in order, that together make up text (spaces aside)."""
    text = text.replace(" ", "")
    body = [x for x in lines if P.TYPE_TOP - 6 <= x.y0 <= P.TYPE_BOTTOM]
    for i in range(len(body)):
        joined, out = "", []
        for line in body[i:]:
            piece = line.text.replace(" ", "")
            if not text.startswith(joined + piece):
                break
            joined += piece
            out.append(piece)
            if joined == text:
                return out
    return []


def test_the_cut_for_libreoffice_falls_where_libreoffice_breaks_the_line(printed):
    """Where the last paragraph was cut so that only its last line goes with the end block, the
    paragraph prints the same lines as it does whole: the predicted break is LibreOffice's."""
    cut = {name: doc for name, doc in printed.items() if doc.uncut is not None}
    assert "split-closing" in cut and "001-王亮-民营企业数字化" in cut
    for name, doc in cut.items():
        (last,) = [b for b in doc.blocks if b.full_text and b.kind in (Kind.PARAGRAPH, Kind.ITEM, Kind.CLOSING)][-1:]
        whole = _paragraph_lines(doc.uncut, last.full_text)
        assert len(whole) > 1, name
        assert _paragraph_lines(doc.lines, last.full_text) == whole, name


# -- the end block and the 版记 -------------------------------------------------------------------

def _line_of(doc: Printed, kind: Kind) -> list[P.Line]:
    texts = [b.text for b in doc.blocks if b.kind is kind]
    return [x for x in doc.lines if P.TYPE_TOP - 6 <= x.y0 <= P.TYPE_BOTTOM
            and any(x.text == t or (len(t) > 27 and t.startswith(x.text)) for t in texts)]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_signature_has_body_text_above_it_on_its_page_R4_10(printed, name):
    doc = printed[name]
    (signature,) = _line_of(doc, Kind.SIGNATURE)
    above = [x for x in doc.lines if x.page == signature.page and P.TYPE_TOP - 6 <= x.y0 < signature.y0]
    assert above, f"the 署名 starts page {signature.page} alone"
    gap = (signature.y0 - above[-1].y0) / P.PITCH - 1
    assert gap < 3.5, gap  # 空二行 for the seal, no more


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_more_than_4_blank_lines_before_the_end_block_R4_10(printed, name):
    """The end block moves to a new page with as little as one line of text above the 署名, not with
    the whole last paragraph; when even that leaves the page before it half empty, its lines close
    up to fit there (R4.10) — the page before the 署名's never ends in more than 4 blank lines."""
    doc = printed[name]
    (signature,) = _line_of(doc, Kind.SIGNATURE)
    if signature.page == 1:
        return
    before = [x for x in doc.lines if x.page == signature.page - 1 and P.TYPE_TOP - 6 <= x.y0 <= P.TYPE_BOTTOM]
    blank = (P.TYPE_BOTTOM - before[-1].y1) / P.PITCH
    assert blank < G.MAX_BLANK_LINES_BEFORE_END + 1, (signature.page, round(blank, 1), before[-1].text)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_notes_share_the_date_s_page_R4_11(printed, name):
    doc = printed[name]
    dates = _line_of(doc, Kind.DATE)
    if not dates:
        pytest.fail("the reply prints no date")
    (date,) = dates
    for note in _line_of(doc, Kind.NOTE):
        assert note.page == date.page, (note.text, note.page, date.page)
        assert note.y0 > date.y0


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_carbon_copy_sits_at_the_foot_of_the_last_page_R5(printed, name):
    doc = printed[name]
    cc = [x for x in doc.lines if x.text.startswith("抄送：")]
    if not any(b.kind is Kind.CC for b in doc.blocks):
        assert not cc
        return
    (first,) = cc
    last_page = P.page_count(doc.pdf)
    assert first.page == last_page
    cc_lines = [x for x in doc.lines if x.page == last_page and x.y0 >= first.y0 and x.y0 <= P.TYPE_BOTTOM]
    assert abs(cc_lines[-1].y1 - P.TYPE_BOTTOM) < P.PITCH, cc_lines[-1]  # its last line on the type area's foot
    text_above = [x for x in doc.lines if x.page == last_page and P.TYPE_TOP - 6 <= x.y0 < first.y0]
    assert all(x.y1 <= first.y0 for x in text_above)  # nothing printed over it


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pages_hold_22_lines_and_lines_28_characters(printed, name):
    doc = printed[name]
    pages = P.page_count(doc.pdf)
    body = [x for x in doc.lines if P.TYPE_TOP - 6 <= x.y0 <= P.TYPE_BOTTOM]
    for line in body:
        assert P.width_units(line.text) <= 56, line.text
    (signature,) = _line_of(doc, Kind.SIGNATURE)
    for page in range(2, pages + 1):
        if page >= signature.page - 1:  # the end block may leave the foot of the page before it free
            break
        rows = [x for x in body if x.page == page]
        assert len(rows) == 22, (page, len(rows))
