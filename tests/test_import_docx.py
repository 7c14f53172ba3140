"""Importing Word replies: split runs, automatic numbering, heading styles, header tables,
text boxes and a red letterhead all come back as the letter's text, and render back to it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor
from lxml import etree

from drafter.importer.convert import compare_key, convert, profile_from_text, read_letter
from drafter.importer.source import read_source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')

LETTERHEAD = "澄州市科学技术局文件"
BODY = [
    ("heading", 0, "工作开展情况"),
    ("para", None, "一是健全成果转化政策体系。我局会同市财政局出台若干措施，全年兑现奖补资金1860万元。"),
    ("para", None, "二是搭建校地合作对接平台。组织成果路演和供需对接活动24场。"),
    ("heading", 0, "下一步打算"),
    ("heading", 1, "完善转化激励机制"),
    ("para", None, "推动驻澄高校落实科技成果使用权、处置权和收益权改革。"),
    ("heading", 1, "提升平台服务能力"),
    ("para", None, "加快建设市级技术交易服务中心。"),
]


def split_runs(paragraph, text: str, cuts=(1, 3, 7)) -> None:
    """Add text as several runs cut at arbitrary places, as Word saves it after editing."""
    points = [0] + [c for c in cuts if c < len(text)] + [len(text)]
    for a, b in zip(points, points[1:]):
        paragraph.add_run(text[a:b])


def add_numbering(document) -> str:
    """A multilevel list 一、 / （一） / 1. in numbering.xml; returns its numId."""
    numbering = document.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   f'</w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering.append(parse_xml(f'<w:abstractNum {NSDECL} w:abstractNumId="77">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NSDECL} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    return "77"


def set_numbering(paragraph, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {NSDECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def text_box_run(text: str) -> str:
    """A run anchoring a text box, with the VML fallback copy Word also writes."""
    para = f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
    return (f'<w:r {NSDECL}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
            f'<w:txbxContent>{para}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{para}</w:txbxContent></v:textbox>'
            f'</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def build_sample(path: Path, *, letterhead_in_body: bool = True) -> list[str]:
    """A reply as a clerk's Word file; returns its lines as they read on paper."""
    document = docx.Document()
    lines: list[str] = []
    if letterhead_in_body:
        run = document.add_paragraph().add_run(LETTERHEAD)
        run.font.color.rgb = RGBColor(0xFF, 0, 0)
        run.font.size = Pt(36)
        lines.append(LETTERHEAD)
    table = document.add_table(rows=1, cols=2)  # header block laid out in a table
    split_runs(table.cell(0, 0).paragraphs[0], "办理类型：A")
    split_runs(table.cell(0, 1).paragraphs[0], "签发人：王五")
    lines += ["办理类型：A", "签发人：王五"]
    anchor = document.add_paragraph()
    anchor._p.append(parse_xml(text_box_run("澄科函字〔2024〕9号")))
    lines.append("澄科函字〔2024〕9号")
    title = "澄州市科学技术局关于市政协十四届二次会议第156号提案的答复"
    split_runs(document.add_paragraph(), title, (5, 9, 20))
    lines.append(title)
    for text in ("周立新委员：", "您提出的《关于加快高校科技成果在澄转化的建议》的提案收悉，现答复如下："):
        split_runs(document.add_paragraph(), text)
        lines.append(text)
    num_id = add_numbering(document)
    counters = [0, 0]
    cn = "一二三四五六七八九"
    for kind, level, text in BODY:
        if kind == "heading":
            p = document.add_paragraph(style="Heading 1" if level == 0 else "Heading 2")
            split_runs(p, text, (2,))
            set_numbering(p, num_id, level)
            counters[level] += 1
            if level == 0:
                counters[1] = 0
            marker = f"{cn[counters[0] - 1]}、" if level == 0 else f"（{cn[counters[1] - 1]}）"
            lines.append(marker + text)
        else:
            split_runs(document.add_paragraph(), text, (1, 2, 11, 30))
            lines.append(text)
    for text in ("再次感谢您对我市科技工作的关心和支持！", "澄州市科学技术局", "2024年6月12日",
                 "（联系人：韩雪，联系电话：0571-8526134）"):
        split_runs(document.add_paragraph(), text)
        lines.append(text)
    document.save(str(path))
    return lines


def rendered_text(sheet: Path) -> str:
    """Letterhead (first-page header) and body text of the sheet rendered with drafter.pipeline."""
    from drafter.pipeline import render
    from drafter.sheets.load import Loader

    data = render(Loader().load(sheet)).docx
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        head = z.read("word/header1.xml")
        body = z.read("word/document.xml")
    text = lambda xml: "".join(t.text or "" for t in etree.fromstring(xml).iter(f"{{{W_NS}}}t"))  # noqa: E731
    return text(head) + text(body)


def test_word_reply_reads_as_it_prints(tmp_path):
    path = tmp_path / "reply.docx"
    lines = build_sample(path)
    source = read_source(path)
    assert source.letterhead == LETTERHEAD
    assert [line.text for line in source.lines] == lines[1:]


def test_automatic_numbering_and_heading_styles_become_sections(tmp_path):
    path = tmp_path / "reply.docx"
    build_sample(path)
    letter, rec, _ = read_letter(read_source(path))
    assert rec.headings == ["工作开展情况", "下一步打算"]
    assert rec.subheadings == ["完善转化激励机制", "提升平台服务能力"]
    assert rec.items == 2
    assert (rec.wenhao, rec.signer, rec.handling_type) == ("澄科函字〔2024〕9号", "王五", "A")
    assert rec.letterhead == LETTERHEAD


def test_word_reply_round_trip_with_letterhead_in_the_profile(tmp_path):
    from drafter.importer.batch import Importer

    path = tmp_path / "in" / "reply.docx"
    path.parent.mkdir()
    lines = build_sample(path)
    out = tmp_path / "out"
    result = Importer(into=out).import_file(path)
    assert result.status == "成功", result.warnings
    profile = (out / "profile.yaml").read_text(encoding="utf-8")
    assert "letterhead: 是" in profile and LETTERHEAD in profile
    assert compare_key(rendered_text(result.target)) == compare_key("".join(lines))


def test_letterhead_differing_from_the_profile_stays_in_the_sheet(tmp_path):
    path = tmp_path / "reply.docx"
    lines = build_sample(path)
    profile = profile_from_text("name: 澄州市科学技术局\n", tmp_path / "profile.yaml")
    conv = convert(read_source(path), tmp_path / "x.yaml", profile)
    assert conv.letterhead_in_sheet and not conv.fallback
    assert LETTERHEAD in conv.yaml_text
    assert compare_key(conv.expected_text()) == compare_key("".join(lines))


def test_letterhead_in_the_page_header(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    run = section.header.paragraphs[0].add_run("禾川县教育局")
    run.font.color.rgb = RGBColor(0xE0, 0x10, 0x10)
    for text in ("刘芳委员：", "您提出的《关于加强农村寄宿制学校管理的提案》收悉，现答复如下：", "全县现有农村寄宿制学校21所。",
                 "禾川县教育局", "2023年7月5日"):
        document.add_paragraph(text)
    path = tmp_path / "h.docx"
    document.save(str(path))
    source = read_source(path)
    assert source.letterhead == "禾川县教育局"
    assert source.lines[0].text == "刘芳委员："


def test_numbering_restarts_and_levels_follow_word(tmp_path):
    """1. 2. under each 一、, reset by the higher level, as Word counts."""
    document = docx.Document()
    num_id = add_numbering(document)
    for level, text in [(0, "甲"), (2, "子"), (2, "丑"), (0, "乙"), (2, "寅")]:
        p = document.add_paragraph(text)
        set_numbering(p, num_id, level)
    path = tmp_path / "n.docx"
    document.save(str(path))
    assert [line.text for line in read_source(path).lines] == ["一、甲", "1.子", "2.丑", "二、乙", "1.寅"]


def test_corrupt_docx_is_a_clear_error(tmp_path):
    from drafter.errors import InputError

    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as info:
        read_source(path)
    assert "无法读取 Word 文件" in str(info.value)


def test_headings_by_direct_formatting(tmp_path):
    """Bold or 黑体 on a short unnumbered line makes it a heading; 楷体 a second-level one."""
    document = docx.Document()
    for text in ("王亮委员：", "您提出的《关于加强数字化建设的建议》收悉，现答复如下："):
        document.add_paragraph(text)
    bold = document.add_paragraph().add_run("工作开展情况")
    bold.bold = True
    document.add_paragraph("全市建成创新平台505家。")
    heiti = document.add_paragraph().add_run("下一步打算")
    heiti.font.name = "黑体"
    heiti._element.get_or_add_rPr().get_or_add_rFonts().set(f"{{{W_NS}}}eastAsia", "黑体")
    document.add_paragraph("持续强化企业创新主体地位。")
    document.add_paragraph("淄博市科学技术局")
    document.add_paragraph("2024年7月1日")
    path = tmp_path / "f.docx"
    document.save(str(path))
    levels = {line.text: line.level for line in read_source(path).lines}
    assert levels["工作开展情况"] == 1 and levels["下一步打算"] == 1 and levels["全市建成创新平台505家。"] is None
    profile = profile_from_text("name: 淄博市科学技术局\n", tmp_path / "profile.yaml")
    conv = convert(read_source(path), tmp_path / "x.yaml", profile)
    assert "- heading: 工作开展情况" in conv.yaml_text and "- heading: 下一步打算" in conv.yaml_text
    assert not conv.fallback


def test_old_doc_files_are_refused_with_a_hint(tmp_path):
    from drafter.errors import InputError

    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as info:
        read_source(path)
    assert "另存为" in str(info.value)


LETTERS = sorted((Path(__file__).resolve().parent / "corpus" / "letters").glob("*.txt"))


@pytest.mark.parametrize("letter", LETTERS, ids=lambda p: p.stem[:2])
def test_invented_letters_saved_as_word_round_trip(letter, tmp_path):
    """Each letter of the invented corpus as a Word file (runs split every 5 characters)."""
    lines = [x for x in letter.read_text(encoding="utf-8").split("\n") if x.strip()]
    document = docx.Document()
    for line in lines:
        split_runs(document.add_paragraph(), line, tuple(range(5, len(line), 5)))
    path = tmp_path / "letter.docx"
    document.save(str(path))
    profile = profile_from_text("name: 某单位\n", tmp_path / "profile.yaml")
    conv = convert(read_source(path), tmp_path / "x.yaml", profile)
    assert not conv.fallback
    from drafter.importer.convert import render_text

    assert compare_key(render_text(conv.yaml_text, tmp_path / "x.yaml", profile)) == compare_key("".join(lines))
