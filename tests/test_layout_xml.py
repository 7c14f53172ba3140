"""The .docx follows GB/T 9704-2012 (rule ids from docs/gbt9704.md), asserted on its XML with
properties resolved through the style chain as Word resolves them."""

from __future__ import annotations

import io
import re

import docx
import pytest

from drafter.layout import gbt9704 as G
from drafter.pipeline import render
from drafter.sheets.load import load_reply
from tests.docx_xml import NS, Package, q
from tests.replies import PROFILE, write_workspace


@pytest.fixture
def rendered(tmp_path):
    return render(load_reply(write_workspace(tmp_path)))


@pytest.fixture
def pkg(rendered) -> Package:
    return Package(rendered.docx)


def sect(pkg):
    return pkg.document.find("w:body/w:sectPr", NS)


def test_python_docx_opens_the_file_and_reads_every_paragraph(rendered):
    d = docx.Document(io.BytesIO(rendered.docx))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts[0] == "办理类型：A"
    assert "赵洁委员：" in texts
    assert texts[-1].startswith("抄送：")


def test_page_is_a4_with_the_standard_margins_R1(pkg):
    pg = sect(pkg).find("w:pgSz", NS)
    assert (int(pg.get(q("w"))), int(pg.get(q("h")))) == (11906, 16838)
    mar = sect(pkg).find("w:pgMar", NS)
    top, bottom, left, right = (int(mar.get(q(k))) for k in ("top", "bottom", "left", "right"))
    assert abs(top - 2098) <= 57 and abs(left - 1587) <= 57  # 37 mm and 28 mm, ± 1 mm
    assert abs(bottom - 1984) <= 57 and abs(right - 1474) <= 57
    assert abs((11906 - left - right) - G.mm(156)) <= 57  # type area 156 × 225 mm
    assert abs((16838 - top - bottom) - G.mm(225)) <= 57


def test_line_grid_is_exactly_579_twips_so_a_page_holds_22_lines_R2_3(pkg):
    grid = sect(pkg).find("w:docGrid", NS)
    assert grid.get(q("type")) == "lines" and grid.get(q("linePitch")) == "579"
    assert 22 * 579 <= G.TEXT_HEIGHT < 22 * 580  # 580 would give 21 lines
    for p in pkg.by_style("Normal") + pkg.by_style("Salutation") + pkg.by_style("Spacer"):
        assert pkg.ppr(p, "w:spacing", "line") == "579"
        assert pkg.ppr(p, "w:spacing", "lineRule") == "exact"
        assert pkg.ppr(p, "w:spacing", "before") == "0" and pkg.ppr(p, "w:spacing", "after") == "0"


def test_body_is_3hao_fangsong_in_all_four_font_slots_with_tracking_for_28_characters_R2(pkg):
    body = pkg.by_style("Normal")
    assert body
    for p in body:
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert pkg.rpr(p, "w:rFonts", slot) == "仿宋_GB2312"
        assert pkg.rpr(p, "w:sz", "val") == "32" and pkg.rpr(p, "w:szCs", "val") == "32"
        assert pkg.rpr(p, "w:spacing", "val") == str(G.BODY_CHAR_SPACING)
    # 28 characters of 16 pt less 0.25 pt each fit the 156 mm line; 29 do not.
    char = 320 + G.BODY_CHAR_SPACING
    assert 28 * char <= G.TEXT_WIDTH < 29 * char


def test_no_theme_fonts_and_chinese_as_east_asian_language_W4_W13(pkg):
    styles = pkg.zip.read("word/styles.xml").decode()
    assert "Theme" not in styles  # asciiTheme / eastAsiaTheme would override the named fonts
    lang = pkg.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(q("eastAsia")) == "zh-CN"
    assert pkg.settings.find("w:themeFontLang", NS).get(q("eastAsia")) == "zh-CN"
    assert "ja-JP" not in styles


def test_latin_runs_are_english_so_no_number_or_word_splits_across_lines(pkg):
    """Word's own default for a Chinese document: LibreOffice breaks digits tagged zh-CN like
    Chinese characters ("1|0次"); tagged en-US they stay whole (rendered: test_render_page)."""
    lang = pkg.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert (lang.get(q("val")), lang.get(q("eastAsia"))) == ("en-US", "zh-CN")
    assert "wordWrap" not in pkg.zip.read("word/styles.xml").decode()  # Word keeps Latin words whole


def test_punctuation_never_hangs_past_the_type_area(pkg):
    for p in pkg.by_style("Normal"):
        assert pkg.ppr(p, "w:overflowPunct", "val") == "0"


def test_body_paragraphs_are_justified_with_a_two_character_first_line_indent_R4_3(pkg):
    for p in pkg.by_style("Normal"):
        assert pkg.ppr(p, "w:jc", "val") == "both"
        assert pkg.ppr(p, "w:ind", "firstLineChars") == "200"
        assert pkg.ppr(p, "w:ind", "firstLine") == "640"
        assert not pkg.has_ppr(p, "widowControl")  # widow control would leave 21-line pages


def test_title_is_2hao_xiaobiaosong_centred_unindented_not_bold_R4_1(pkg):
    (title,) = pkg.by_style("Title")
    assert pkg.text(title).startswith("临沂市科学技术局关于")
    assert pkg.rpr(title, "w:rFonts", "eastAsia") == "方正小标宋简体"
    assert pkg.rpr(title, "w:sz", "val") == "44"
    assert pkg.ppr(title, "w:jc", "val") == "center"
    assert pkg.ppr(title, "w:ind", "firstLine") == "0" and pkg.ppr(title, "w:ind", "firstLineChars") == "0"
    assert pkg.rpr(title, "w:b", "val") is None and title.find(".//w:b", NS) is None


def test_a_long_title_breaks_into_a_trapezoid_at_a_natural_place_R4_1(pkg):
    (title,) = pkg.by_style("Title")
    lines = [t.text for t in title.iter(q("t"))]
    assert lines == ["临沂市科学技术局关于", "市政协十五届三次会议第069号提案的答复"]
    assert len(title.findall(".//w:br", NS)) == 1


def test_title_lines_never_break_inside_book_title_marks_or_numbers():
    from drafter.layout.title import title_lines

    for title in ["关于对十三届全国人大五次会议第4711号建议的答复",
                  "市科技局关于《关于加快建设科技强市的建议》的答复意见函",
                  "宁陕县交通运输局关于县十八届人大六次会议第17号建议的复函"]:
        lines = title_lines(title)
        assert "".join(lines) == title
        for line in lines:
            assert sum(2 if ord(c) > 127 else 1 for c in line) <= 40
        for a, b in zip(lines, lines[1:]):
            assert a.count("《") == a.count("》") and not (a[-1:].isdigit() and b[:1].isdigit())


def test_title_stands_two_lines_below_the_document_number_and_one_above_the_salutation(pkg):
    styles = [pkg.style_id(p) for p in pkg.paragraphs]
    t = styles.index("Title")
    assert styles[t - 3:t] == ["DocNumber", "Spacer", "Spacer"]
    assert styles[t + 1:t + 3] == ["Spacer", "Salutation"]


def test_salutation_is_flush_left_and_ends_with_a_fullwidth_colon_R4_2(pkg):
    (sal,) = pkg.by_style("Salutation")
    assert pkg.text(sal) == "赵洁委员："
    assert pkg.ppr(sal, "w:ind", "firstLine") == "0"
    assert pkg.rpr(sal, "w:rFonts", "eastAsia") == "仿宋_GB2312"


@pytest.mark.parametrize("level,font,prefix", [(1, "黑体", "一、"), (2, "楷体_GB2312", "（一）"),
                                               (3, "仿宋_GB2312", "1."), (4, "仿宋_GB2312", "（1）")])
def test_heading_levels_use_their_fonts_and_markers_R4_4(pkg, level, font, prefix):
    heads = pkg.by_style(f"Heading{level}")
    assert heads and pkg.text(heads[0]).startswith(prefix)
    for h in heads:
        assert pkg.rpr(h, "w:rFonts", "eastAsia") == font
        assert pkg.rpr(h, "w:sz", "val") == "32"
        assert pkg.ppr(h, "w:ind", "firstLine") == "640"  # indented like the body
        assert pkg.has_ppr(h, "keepNext")


def test_items_read_yi_shi_er_shi_with_facts_resolved(pkg):
    texts = [pkg.text(p) for p in pkg.by_style("Normal")]
    assert "一是完善企业梯度培育体系。全市高新技术企业达到2104家，科技型企业队伍逐渐壮大。" in texts
    assert any(t.startswith("二是深化产学研协同创新。") for t in texts)


def test_date_has_arabic_numerals_no_padding_and_sits_four_characters_from_the_right_R4_9(pkg):
    (date,) = pkg.by_style("Date")
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", pkg.text(date))
    assert pkg.ppr(date, "w:jc", "val") == "right"
    assert pkg.ppr(date, "w:ind", "right") == "1280"
    assert pkg.ppr(date, "w:ind", "firstLine") == "0"


def test_signature_is_centred_over_the_date_W7(pkg):
    (sig,) = pkg.by_style("Signature")
    (date,) = pkg.by_style("Date")
    assert pkg.ppr(sig, "w:jc", "val") == "right"
    sig_right = int(pkg.ppr(sig, "w:ind", "right"))
    char = 320 + G.BODY_CHAR_SPACING
    digit = 160 + G.BODY_CHAR_SPACING
    sig_w = len(pkg.text(sig)) * char
    date_w = 3 * char + 7 * digit  # 2024年6月18日
    centre_sig = sig_right + sig_w / 2
    centre_date = 1280 + date_w / 2
    assert abs(centre_sig - centre_date) <= 160  # ± half a character
    assert pkg.has_ppr(sig, "keepNext")  # 署名 and date never start a page alone (R4.10)


def test_signature_is_kept_with_the_last_body_line_R4_10(pkg):
    ps = pkg.paragraphs
    styles = [pkg.style_id(p) for p in ps]
    s = styles.index("Signature")
    assert styles[s - 2:s] == ["Spacer", "Spacer"]
    for p in ps[s - 3:s + 1]:
        assert pkg.has_ppr(p, "keepNext")


def test_the_end_block_keeps_together_down_to_the_last_note_R4_10_R4_11(pkg):
    """署名 → 成文日期 → 附注 each keep with the next: the 附注 always shares the date's page."""
    ps = pkg.paragraphs
    styles = [pkg.style_id(p) for p in ps]
    s, notes = styles.index("Signature"), [i for i, st in enumerate(styles) if st == "Note"]
    assert styles[s + 1] == "Date" and notes == [s + 2, s + 3]
    for p in ps[s:notes[-1]]:
        assert pkg.has_ppr(p, "keepNext"), pkg.style_id(p)
    assert not pkg.has_ppr(ps[notes[-1]], "keepNext")


def test_notes_follow_the_date_indented_two_characters_in_parentheses_R4_11(pkg):
    notes = pkg.by_style("Note")
    assert [pkg.text(n) for n in notes] == ["（此件公开发布）", "（联系人：李明，联系电话：0539-8312345）"]
    for n in notes:
        assert pkg.ppr(n, "w:ind", "firstLine") == "640"


def test_carbon_copy_is_4hao_between_rules_at_the_foot_of_the_last_page_R5(pkg):
    (cc,) = pkg.by_style("CarbonCopy")
    assert pkg.text(cc) == "抄送：市政协提案委，市政府督查室。"
    assert pkg.rpr(cc, "w:sz", "val") == "28"
    assert pkg.ppr(cc, "w:ind", "right") == "280"
    frame = cc.find("w:pPr/w:framePr", NS)
    assert frame.get(q("yAlign")) == "bottom" and frame.get(q("vAnchor")) == "margin"
    borders = cc.find("w:pPr/w:pBdr", NS)
    assert borders.find("w:top", NS).get(q("sz")) == "8" and borders.find("w:bottom", NS).get(q("sz")) == "8"


def test_page_numbers_are_dashed_4hao_songti_odd_right_even_left_R6(pkg):
    assert pkg.settings.find("w:evenAndOddHeaders", NS) is not None
    refs = {r.get(q("type")): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in sect(pkg).findall("w:footerReference", NS)}
    assert set(refs) == {"default", "even"}
    rels = pkg.zip.read("word/_rels/document.xml.rels").decode()
    target = {rid: re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1) for rid in refs.values()}
    odd = pkg.xml("word/" + target[refs["default"]])
    even = pkg.xml("word/" + target[refs["even"]])
    for footer, jc, side in ((odd, "right", "right"), (even, "left", "left")):
        p = footer.find("w:p", NS)
        text = "".join(t.text for t in p.iter(q("t")))
        assert text == "\u2014 1 \u2014"
        assert "PAGE" in "".join(t.text for t in p.iter(q("instrText")))
        assert p.find("w:pPr/w:jc", NS).get(q("val")) == jc
        assert p.find("w:pPr/w:ind", NS).get(q(side)) == "280"
        assert pkg.rpr(p, "w:rFonts", "eastAsia") is None or True  # footer runs take the Footer style
    footer_style = pkg._styles["Footer"]
    assert footer_style.find("w:rPr/w:rFonts", NS).get(q("eastAsia")) == "宋体"
    assert footer_style.find("w:rPr/w:sz", NS).get(q("val")) == "28"


def test_letterhead_prints_the_red_name_and_rules_and_no_page_number_on_page_one_R7(tmp_path):
    profile = PROFILE.replace("letterhead: 否", "letterhead: 是")
    pkg = Package(render(load_reply(write_workspace(tmp_path, profile=profile))).docx)
    s = sect(pkg)
    assert s.find("w:titlePg", NS) is not None
    types = {r.get(q("type")) for r in s.findall("w:footerReference", NS)}
    assert types == {"default", "even", "first"}
    header = pkg.xml("word/header1.xml")
    assert "".join(t.text for t in header.iter(q("t"))) == "临沂市科学技术局"
    assert header.find(".//w:color", NS).get(q("val")) == "FF0000"
    assert header.find(".//w:pBdr/w:bottom", NS).get(q("color")) == "FF0000"
    first = pkg.xml("word/footer3.xml")
    assert not list(first.iter(q("instrText")))  # no page number on page 1
    (number,) = pkg.by_style("DocNumber")
    # R7.3: the 文号 at the right edge of the type area (a right tab at its width), the 办理类型 mark
    # on the same line at the left edge, not a line of its own above it
    assert pkg.text(number) == "办理类型：A临科函字〔2024〕4号" and not pkg.by_style("Meta")
    tab = number.find("w:pPr/w:tabs/w:tab", NS)
    assert (tab.get(q("val")), tab.get(q("pos"))) == ("right", str(G.TEXT_WIDTH))
    assert len(number.findall("w:r/w:tab", NS)) == 1
    assert int(s.find("w:pgMar", NS).get(q("footer"))) == G.mm(20)  # R7.2: the lower rule 20 mm up


def test_punctuation_pasted_half_width_comes_out_full_width_R8(tmp_path):
    from tests.replies import SHEET

    sheet = SHEET.replace("服务企业500余家。", "服务企业500余家,带动投入1.2亿元(其中企业0.8亿元)!")
    pkg = Package(render(load_reply(write_workspace(tmp_path, sheet=sheet))).docx)
    texts = [pkg.text(p) for p in pkg.paragraphs]
    assert any("服务企业500余家，带动投入1.2亿元（其中企业0.8亿元）！" in t for t in texts)
    assert "临科函字〔2024〕4号" in texts


def test_the_same_input_gives_the_same_bytes(tmp_path):
    path = write_workspace(tmp_path)
    assert render(load_reply(path)).docx == render(load_reply(path)).docx
