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
