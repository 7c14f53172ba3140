"""Blocks → a GB/T 9704 .docx (WordprocessingML), fast and deterministic.

Only word/document.xml (and the small property parts) are made per reply; the fixed parts are
built and deflated once per PageSetup (see parts, zipwriter). The rules cited are those of
docs/gbt9704.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from drafter.layout import gbt9704 as G
from drafter.layout import parts as P
from drafter.layout.linebreak import width, wrap
from drafter.layout.pages import Para, cc_lines, fit_end_block
from drafter.layout.title import title_lines
from drafter.layout.zipwriter import Entry, make_entry, write_zip
from drafter.model.blocks import BODY_KINDS, Block, Kind

_ASCII = re.compile(r"[\x20-\x7e]")


def text_width(text: str, full: int = G.CHAR_SANHAO, half: int = G.DIGIT_SANHAO,
               spacing: int = G.BODY_CHAR_SPACING) -> int:
    """Printed width in twips: CJK full width, ASCII half width, plus the tracking per character."""
    halves = len(_ASCII.findall(text))
    return (len(text) - halves) * full + halves * half + len(text) * spacing


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""


_KEEP = "<w:keepNext/>"
# A hidden bookmark (Word hides names starting with "_") where the last line of the last body
# paragraph starts, written when LibreOffice is to keep only that line with the end block;
# layout.pdf splits the paragraph there for LibreOffice, Word does it on its own (R4.10).
KEEP_FROM_BOOKMARK = "_drafter_keep_from"


@dataclass
class Par(Para):
    """One paragraph of document.xml with its pagination (pages.Para)."""

    style: str = "Normal"
    text: str = ""
    runs: str | None = None   # prebuilt runs (title lines, letterhead 文号 line); else from text
    pre: str = ""             # pPr children between keepNext and spacing: framePr, pBdr, tabs
    post: str = ""            # pPr children after spacing: ind, jc
    role: str = ""            # "body", "seal", "signature", "date", "note", "cc"
    squeezed: bool = False    # the end block closed up to fit its page (R4.10): exact pitch, off the grid
    split_at: int | None = None  # KEEP_FROM_BOOKMARK at this character of text

    def xml(self) -> str:
        spacing = (f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{self.pitch}" '
                   'w:lineRule="exact"/>' if self.squeezed else "")
        if self.runs is not None:
            runs = self.runs
        elif self.split_at:
            runs = (_run(self.text[:self.split_at])
                    + f'<w:bookmarkStart w:id="0" w:name="{KEEP_FROM_BOOKMARK}"/><w:bookmarkEnd w:id="0"/>'
                    + _run(self.text[self.split_at:]))
        else:
            runs = _run(self.text)
        return (f'<w:p><w:pPr><w:pStyle w:val="{self.style}"/>{_KEEP if self.keep else ""}{self.pre}{spacing}'
                f'{self.post}</w:pPr>{runs}</w:p>')


def _spacers(n: int, keep: bool = False, role: str = "") -> list[Par]:
    return [Par(style="Spacer", keep=keep, role=role) for _ in range(n)]


def signature_right_indent(signature: str, date: str) -> int:
    """Right indent that centres the 署名 over a date 右空四字 (R4.6, W7); never negative."""
    if not date:
        return G.DATE_RIGHT_INDENT
    return max(0, G.DATE_RIGHT_INDENT + (text_width(date) - text_width(signature)) // 2)


@lru_cache(maxsize=4096)
def _body_lines(text: str, indent: int = 4) -> int:
    """Printed lines of a 三号 paragraph (a short one needs no line breaking)."""
    if width(text) + indent <= 2 * G.CHARS_PER_LINE:
        return 1
    return len(wrap(text, 2 * G.CHARS_PER_LINE, indent))


def paragraphs(blocks: list[Block], setup: P.PageSetup) -> list[Par]:
    """The paragraphs for blocks, in order, with the gaps GB/T 9704 asks for.

    The end block — the last body paragraph, 署名, 成文日期, 附注 — is kept together (R4.10,
    R4.11): each of its paragraphs keeps with the next, up to the last 附注; then it is fitted to
    the predicted pages (pages.fit_end_block)."""
    out: list[Par] = []
    kinds = [b.kind for b in blocks]
    last_body = max((i for i, k in enumerate(kinds) if k in BODY_KINDS or k is Kind.SALUTATION), default=-1)
    last_note = max((i for i, k in enumerate(kinds) if k is Kind.NOTE), default=-1)
    date_text = next((b.text for b in blocks if b.kind is Kind.DATE), "")
    cc_done = False
    for i, b in enumerate(blocks):
        prev = kinds[i - 1] if i else None
        k = b.kind
        if k is Kind.TITLE and prev in (Kind.META, Kind.WENHAO):
            out += _spacers(G.LINES_BEFORE_TITLE)
        if k is Kind.SALUTATION and prev is Kind.TITLE:
            out += _spacers(G.LINES_AFTER_TITLE)
        if k in (Kind.SIGNATURE, Kind.DATE) and prev not in (Kind.SIGNATURE, Kind.DATE) and last_body >= 0:
            out += _spacers(G.LINES_BEFORE_SIGNATURE, keep=True, role="seal")  # R4.10: 署名 never alone on a page
        keep = i == last_body
        role = "body" if keep else ""
        if k is Kind.META and setup.letterhead and i + 1 < len(blocks) and kinds[i + 1] is Kind.WENHAO:
            continue  # printed on the 文号's line (below)
        if k is Kind.META:
            out.append(Par(style="Meta", text=b.text))
        elif k is Kind.WENHAO and setup.letterhead:
            out.append(_letterhead_number_line(b.text, blocks[i - 1].text if prev is Kind.META else ""))
        elif k is Kind.WENHAO:
            out.append(Par(style="DocNumber", text=b.text))
        elif k is Kind.TITLE:
            lines = title_lines(b.text)
            out.append(Par(style="Title", runs='<w:r><w:br/></w:r>'.join(_run(line) for line in lines),
                           lines=len(lines)))
        elif k is Kind.SALUTATION:
            out.append(Par(style="Salutation", text=b.text, keep=keep, role=role, lines=_body_lines(b.text, 0)))
        elif k is Kind.HEADING:
            text = b.prefix + b.text
            out.append(Par(style=f"Heading{min(max(b.level, 1), 4)}", text=text, keep=keep, role=role,
                           lines=_body_lines(text)))
        elif k in (Kind.PARAGRAPH, Kind.ITEM, Kind.CLOSING):
            out.append(Par(style="Normal", text=b.full_text, keep=keep, role=role, lines=_body_lines(b.full_text)))
        elif k is Kind.SIGNATURE:
            out.append(Par(style="Signature", text=b.text, keep=True, role="signature",
                           post=f'<w:ind w:right="{signature_right_indent(b.text, date_text)}"/>'))
        elif k is Kind.DATE:
            out.append(Par(style="Date", text=b.text, keep=i < last_note, role="date"))  # 附注 on the date's page
        elif k is Kind.NOTE:
            out.append(Par(style="Note", text=b.text, keep=i < last_note, role="note", lines=_body_lines(b.text)))
        elif k is Kind.CC and not cc_done:
            out.append(_cc_paragraph([x.text for x in blocks if x.kind is Kind.CC], setup))
            # LibreOffice anchors a framed paragraph to the paragraph after it (the one before when
            # it is the last): without this tiny empty one the last 附注 would leave the date's page
            # with the frame when the 版记 has no room left on it.
            out.append(Par(style="FrameAnchor", role="anchor", pitch=G.CC_ANCHOR_HEIGHT))
            cc_done = True
    fit_end_block(out, bool(setup.letterhead))
    return out


def body_xml(blocks: list[Block], setup: P.PageSetup) -> str:
    """The <w:body> paragraphs for blocks (see paragraphs)."""
    return "".join(p.xml() for p in paragraphs(blocks, setup))


def _letterhead_number_line(wenhao: str, mark: str) -> Par:
    """信函格式: the 文号 顶格 at the right edge of the type area on the first line under the red rule
    (R7.3); a 办理类型 mark shares that line at the left edge, where GB/T 9704 puts 份号 and 密级,
    so it does not push the 文号 down a line."""
    runs = (_run(mark) + '<w:r><w:tab/></w:r>' + _run(wenhao)) if mark else _run(wenhao)
    return Par(style="DocNumber", runs=runs, pre=f'<w:tabs><w:tab w:val="right" w:pos="{G.TEXT_WIDTH}"/></w:tabs>',
               post='<w:jc w:val="left"/>' if mark else '<w:jc w:val="right"/>')


def _cc_paragraph(names: list[str], setup: P.PageSetup) -> Par:
    """版记 抄送 line at the foot of the last page: 4号, 左右各空一字, wraps align after the colon,
    between thick rules (R5.1, R5.2); in 信函格式 without rules (R7.6)."""
    text = "抄送：" + "，".join(n.rstrip("。") for n in names) + "。"
    hang = 3 * G.CHAR_SIHAO
    rules = "" if setup.letterhead else (
        f'<w:pBdr><w:top w:val="single" w:sz="{G.RULE_THICK}" w:space="1" w:color="000000"/>'
        f'<w:bottom w:val="single" w:sz="{G.RULE_THICK}" w:space="1" w:color="000000"/></w:pBdr>')
    frame = (f'<w:framePr w:w="{G.TEXT_WIDTH}" w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin" '
             'w:xAlign="center" w:yAlign="bottom"/>')
    ind = f'<w:ind w:left="{G.CC_INDENT + hang}" w:right="{G.CC_INDENT}" w:hanging="{hang}"/>'
    return Par(style="CarbonCopy", text=text, pre=frame + rules, post=ind, role="cc", lines=cc_lines(text))


def _sect_pr(setup: P.PageSetup) -> str:
    first = ('<w:headerReference w:type="first" r:id="rId7"/><w:footerReference w:type="first" r:id="rId6"/>'
             if setup.letterhead else "")
    header_distance = G.LETTERHEAD_TOP if setup.letterhead else G.mm(15)
    return (
        "<w:sectPr>"
        f'{first}<w:footerReference w:type="default" r:id="rId4"/>'
        '<w:footerReference w:type="even" r:id="rId5"/>'
        f'<w:pgSz w:w="{G.PAGE_WIDTH}" w:h="{G.PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{G.MARGIN_TOP}" w:right="{G.MARGIN_RIGHT}" w:bottom="{G.MARGIN_BOTTOM}" '
        f'w:left="{G.MARGIN_LEFT}" w:header="{header_distance}" w:footer="{G.FOOTER_DISTANCE}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        + ("<w:titlePg/>" if setup.letterhead else "")
        # W2: a line grid at the exact pitch; no character grid (LibreOffice lays it out at
        # about 14 characters a line), the 28 characters come from tracking instead.
        + f'<w:docGrid w:type="lines" w:linePitch="{G.LINE_PITCH}"/>'
        "</w:sectPr>"
    )


def document_xml(blocks: list[Block], setup: P.PageSetup) -> bytes:
    xml = (P.XML_HEAD + f'<w:document xmlns:w="{P.W_NS}" xmlns:r="{P.R_NS}"><w:body>'
           + body_xml(blocks, setup) + _sect_pr(setup) + "</w:body></w:document>")
    return xml.encode("utf-8")


@lru_cache(maxsize=16)
def _fixed_entries(setup: P.PageSetup) -> tuple[list[Entry], list[Entry]]:
    """The parts every reply with this setup shares, deflated once: (before, after) document.xml."""
    before = [
        make_entry("[Content_Types].xml", P.CONTENT_TYPES),
        make_entry("_rels/.rels", P.PACKAGE_RELS),
    ]
    after = [
        make_entry("word/_rels/document.xml.rels", P.DOCUMENT_RELS),
        make_entry("word/styles.xml", P.styles_xml(setup.fonts)),
        make_entry("word/settings.xml", P.settings_xml(bool(setup.letterhead))),
        make_entry("word/fontTable.xml", P.font_table_xml(setup.fonts)),
        make_entry("word/footer1.xml", P.footer_xml("odd")),
        make_entry("word/footer2.xml", P.footer_xml("even")),
        make_entry("word/footer3.xml", P.footer_xml("first")),
        make_entry("word/header1.xml", P.letterhead_xml(setup.letterhead or "")),
        make_entry("docProps/app.xml", P.APP_XML),
    ]
    return before, after


def write_docx(blocks: list[Block], setup: P.PageSetup = P.PageSetup(), inputs: str | None = None) -> bytes:
    """The .docx bytes for blocks. Same blocks, setup and input record, same bytes. inputs: the
    reply's input record (drafter.record), kept beside the edit record; no part but that one
    depends on it."""
    document = document_xml(blocks, setup)
    digest = hashlib.sha256(document).hexdigest()
    title = next((b.text for b in blocks if b.kind is Kind.TITLE), "")
    before, after = _fixed_entries(setup)
    entries = before + [make_entry("word/document.xml", document)] + after + [
        make_entry("docProps/core.xml", P.core_xml(title))]
    package = P.package_digest((e.name.decode("utf-8"), e.sha256) for e in entries)
    return write_zip(entries + [make_entry(P.CUSTOM_PART, P.custom_xml(digest, package, inputs))])
