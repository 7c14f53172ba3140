"""Predicted pages and the end block fitted to them (drafter.layout.pages): the end block moves
to a new page with only the last line of the text above it, or closes up to fit the page it
starts on; it never leaves more than 4 blank lines behind (R4.10). The printed result is measured
in test_render_page; here the decisions, without LibreOffice."""

from __future__ import annotations

import io
import re
import zipfile

from drafter.layout import gbt9704 as G
from drafter.layout.docx import KEEP_FROM_BOOKMARK, Par, body_xml, fit_end_block, write_docx
from drafter.layout.pages import Para, paginate
from drafter.layout.parts import PageSetup
from drafter.layout.pdf import keep_last_line_apart
from drafter.model.blocks import Block, Kind

FULL = G.TEXT_HEIGHT


def plain(page: int, index: int) -> int:
    return FULL


def test_a_page_holds_22_body_lines_and_a_paragraph_runs_on():
    layout = paginate([Para(lines=30)], plain)
    assert layout.used == {1: 22 * G.LINE_PITCH, 2: 8 * G.LINE_PITCH}


def test_a_kept_paragraph_moves_whole_when_the_next_cannot_start_on_its_page():
    paras = [Para(lines=14), Para(lines=8, keep=True), Para(lines=1)]
    layout = paginate(paras, plain)
    assert layout.starts[1] == (2, 0)  # 8 lines fit after 14, but then nothing of the next one does
    assert layout.blank_lines_before(2, plain) == 8


def _blocks(body_lines: int, closing: str, notes: int = 2) -> list[Block]:
    line = "全市科技型中小企业持续壮大研发投入稳步增长创新平台建"  # 26 characters: one line
    blocks = [Block(Kind.SALUTATION, "赵洁委员：")]
    blocks += [Block(Kind.PARAGRAPH, line) for _ in range(body_lines - 1)]
    blocks += [Block(Kind.CLOSING, closing), Block(Kind.SIGNATURE, "临沂市科学技术局"),
               Block(Kind.DATE, "2024年6月18日")]
    blocks += [Block(Kind.NOTE, f"（附注{i}）") for i in range(notes)]
    return blocks + [Block(Kind.CC, "市政协提案委")]


def _pars(blocks: list[Block]) -> list[Par]:
    from drafter.layout.docx import paragraphs
    return paragraphs(blocks, PageSetup())


def test_a_long_last_paragraph_keeps_only_its_last_line_with_the_end_block():
    thanks = "再次感谢您对我市科技工作的关心和支持，希望您今后继续关注全市科技创新工作。" * 4  # 6 lines
    pars = _pars(_blocks(36, thanks))
    (last,) = [p for p in pars if p.role == "body"]
    assert last.lines == 6 and last.split_at is not None
    assert thanks[last.split_at:] == "关注全市科技创新工作。"  # the paragraph's last printed line
    assert not any(p.squeezed for p in pars)


def test_a_short_end_block_that_does_not_fit_closes_up_instead_of_leaving_5_blank_lines():
    pars = _pars(_blocks(39, "特此答复。"))  # 5 lines left on page 2 for 7 lines
    seal = [p for p in pars if p.role == "seal"]
    text = [p for p in pars if p.role in ("signature", "date", "note")]
    assert all(p.squeezed for p in seal + text)
    assert all(p.pitch >= G.SEAL_LINE_MIN for p in seal)
    assert all(G.SQUEEZED_PITCH_MIN <= p.pitch < G.LINE_PITCH for p in text)
    assert sum(p.height for p in seal + text) <= 4 * G.LINE_PITCH  # under the closing, on its page
    xml = body_xml(_blocks(39, "特此答复。"), PageSetup())
    assert f'w:line="{text[0].pitch}" w:lineRule="exact"' in xml


def test_an_end_block_that_fits_is_left_alone():
    pars = _pars(_blocks(10, "特此答复。"))
    assert not any(p.squeezed or p.split_at for p in pars)


def test_no_closing_up_below_20_points():
    pars = [Par(lines=21, role=""), Par(lines=1, keep=True, role="body", text="特此答复。")]
    pars += [Par(style="Spacer", keep=True, role="seal") for _ in range(2)]
    pars += [Par(keep=True, role="signature"), Par(keep=True, role="date")]
    pars += [Par(lines=6, role="note")]
    fit_end_block(pars, letterhead=False)
    assert not any(p.squeezed for p in pars)  # 10 lines in 1: it moves instead


def _document(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_libreoffice_gets_the_last_paragraph_cut_where_its_last_line_starts():
    thanks = "再次感谢您对我市科技工作的关心和支持，希望您今后继续关注全市科技创新工作。" * 4
    last_line = "关注全市科技创新工作。"
    docx = write_docx(_blocks(36, thanks))
    assert KEEP_FROM_BOOKMARK in _document(docx)  # hidden in Word, which moves the line itself
    paras = re.findall(r"<w:p>.*?</w:p>", _document(keep_last_line_apart(docx)))
    texts = [re.sub(r"<[^>]+>", "", p) for p in paras]
    i = texts.index(thanks[:-len(last_line)])
    assert texts[i + 1] == last_line
    assert "<w:keepNext/>" not in paras[i] and '<w:jc w:val="distribute"/>' in paras[i]  # a full last line
    assert "<w:keepNext/>" in paras[i + 1] and 'w:firstLine="0"' in paras[i + 1]  # no indent: it goes on
    assert not any(KEEP_FROM_BOOKMARK in p for p in paras)


def test_a_docx_without_the_mark_goes_to_libreoffice_unchanged():
    docx = write_docx(_blocks(10, "特此答复。"))
    assert keep_last_line_apart(docx) is docx


def test_the_carbon_copy_frame_is_anchored_to_an_empty_paragraph_after_it():
    """LibreOffice anchors a frame to the paragraph after it: the last 附注 is not that paragraph,
    so it stays on the date's page when the 版记 has no room there (R4.11)."""
    xml = body_xml(_blocks(10, "特此答复。"), PageSetup())
    assert xml.endswith('<w:p><w:pPr><w:pStyle w:val="FrameAnchor"/></w:pPr></w:p>')
    assert xml.rindex("w:framePr") > xml.rindex('w:val="Note"')
