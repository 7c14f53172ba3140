"""The fixed parts of a reply .docx: content types, relationships, styles, settings, footers.

Written by hand rather than taken from python-docx's default template, which carries theme
fonts and a Japanese East Asian language that override the fonts set here (gbt9704 W4, W13).
Every run property names its font in all four slots, with the East Asian hint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from drafter.layout import gbt9704 as G

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class FontSet:
    """Font names by role (GB/T 9704 fixes the classes; the profile names the fonts)."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"


@dataclass(frozen=True)
class PageSetup:
    """What varies between organisations: fonts and the optional 信函 letterhead."""

    fonts: FontSet = FontSet()
    letterhead: str | None = None  # the red 发文机关标志 text, or None for no letterhead


# Fallback names Word and LibreOffice use when a GB2312-era font is not installed.
_ALT_NAMES = {
    "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "方正小标宋_GBK",
    "仿宋": "FangSong", "楷体": "KaiTi", "黑体": "SimHei", "宋体": "SimSun",
}


def rfonts(name: str) -> str:
    """One font in all four slots, East Asian hint: no theme font can win (W4, W14)."""
    a = quoteattr(name)
    return f"<w:rFonts w:ascii={a} w:hAnsi={a} w:eastAsia={a} w:cs={a} w:hint=\"eastAsia\"/>"


def rpr(font: str, size: int, spacing: int = 0, color: str | None = None, bold: bool = False) -> str:
    parts = [rfonts(font)]
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if spacing:
        parts.append(f'<w:spacing w:val="{spacing}"/>')
    parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


_EXACT = f'<w:spacing w:before="0" w:after="0" w:line="{G.LINE_PITCH}" w:lineRule="exact"/>'
_NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>'
_BODY_INDENT = (f'<w:ind w:left="0" w:right="0" w:firstLineChars="{G.FIRST_LINE_INDENT_CHARS}" '
                f'w:firstLine="{G.FIRST_LINE_INDENT}"/>')
# CJK layout: no widow control (a full page keeps 22 lines); no punctuation hanging past the type
# area (W16; LibreOffice reads this flag inverted: layout.pdf.for_libreoffice); no automatic space
# between Chinese and Latin or digits (it would break the 28-character line).
# W2: paragraphs not in 3号 stay off the line grid, or LibreOffice gives each line two grid lines.
_OFF_GRID = '<w:snapToGrid w:val="0"/>'
_CJK_FLOW = ('<w:widowControl w:val="0"/><w:overflowPunct w:val="0"/>'
             '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')


def _style(style_id: str, name: str, ppr: str, rpr_: str, based_on: str | None = "Normal",
           extra: str = "") -> str:
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    default = ' w:default="1"' if style_id == "Normal" else ""
    return (f'<w:style w:type="paragraph"{default} w:customStyle="{0 if style_id in _BUILTIN else 1}" '
            f'w:styleId="{style_id}"><w:name w:val="{name}"/>{base}{extra}<w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr>{rpr_}</w:style>")


_BUILTIN = {"Normal", "Title", "Heading1", "Heading2", "Heading3", "Heading4", "Footer", "Header"}


@lru_cache(maxsize=16)
def styles_xml(fonts: FontSet) -> bytes:
    body = rpr(fonts.body, G.BODY_SIZE, G.BODY_CHAR_SPACING)
    keep = "<w:keepNext/>"
    styles = [
        _style("Normal", "Normal", _CJK_FLOW + _EXACT + _BODY_INDENT + '<w:jc w:val="both"/>', body, None),
        _style("Title", "Title", keep + _OFF_GRID + _NO_INDENT + '<w:jc w:val="center"/>', rpr(fonts.title, G.TITLE_SIZE)),
        _style("Salutation", "Salutation", keep + _NO_INDENT + '<w:jc w:val="both"/>', body),
        _style("Meta", "Header Line", _NO_INDENT + '<w:jc w:val="right"/>', body),
        _style("DocNumber", "Document Number", _NO_INDENT + '<w:jc w:val="center"/>', body),
        _style("Heading1", "heading 1", keep + '<w:outlineLvl w:val="0"/>',
               rpr(fonts.heading1, G.BODY_SIZE, G.BODY_CHAR_SPACING)),
        _style("Heading2", "heading 2", keep + '<w:outlineLvl w:val="1"/>',
               rpr(fonts.heading2, G.BODY_SIZE, G.BODY_CHAR_SPACING)),
        _style("Heading3", "heading 3", keep + '<w:outlineLvl w:val="2"/>', body),
        _style("Heading4", "heading 4", keep + '<w:outlineLvl w:val="3"/>', body),
        _style("Signature", "Signature", keep + _NO_INDENT + '<w:jc w:val="right"/>', body),
        _style("Date", "Date", f'<w:ind w:left="0" w:right="{G.DATE_RIGHT_INDENT}" w:firstLineChars="0" w:firstLine="0"/>'
               '<w:jc w:val="right"/>', body),
        _style("Note", "Note", '<w:jc w:val="left"/>', body),
        _style("Spacer", "Blank Line", _NO_INDENT, body),
        _style("CarbonCopy", "Carbon Copy", _OFF_GRID +
               f'<w:spacing w:before="0" w:after="0" w:line="{G.LINE_PITCH}" w:lineRule="exact"/>'
               f'<w:ind w:left="{G.CC_INDENT}" w:right="{G.CC_INDENT}" w:firstLineChars="0" w:firstLine="0"/>'
               '<w:jc w:val="left"/>', rpr(fonts.body, G.CC_SIZE)),
        # The empty 1 pt paragraph after the 版记 that LibreOffice anchors its frame to (layout.docx).
        _style("FrameAnchor", "Frame Anchor", _OFF_GRID + f'<w:spacing w:before="0" w:after="0" '
               f'w:line="{G.CC_ANCHOR_HEIGHT}" w:lineRule="exact"/>' + _NO_INDENT, rpr(fonts.body, 2)),
        _style("Footer", "footer", _OFF_GRID + '<w:spacing w:line="240" w:lineRule="auto"/>' + _NO_INDENT,
               rpr(fonts.page_number, G.PAGE_NUMBER_SIZE)),
        # One line exactly the 标志's height, so the rule lands 4 mm under the name (R7.1, R7.2).
        _style("Header", "header", _OFF_GRID + f'<w:spacing w:line="{G.SIZE_LETTERHEAD * 10}" w:lineRule="exact"/>'
               + _NO_INDENT + '<w:jc w:val="center"/>',
               rpr(fonts.title, G.SIZE_LETTERHEAD)),
    ]
    defaults = (
        "<w:docDefaults><w:rPrDefault>"
        # W13: Chinese for East Asian text; Latin runs (digits, words) in English, as Word's own
        # default for a Chinese document: LibreOffice breaks digits tagged zh-CN like hanzi ("1|0次").
        + rpr(fonts.body, G.BODY_SIZE).replace("</w:rPr>", '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>')
        + f"</w:rPrDefault><w:pPrDefault><w:pPr>{_EXACT}</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    xml = (XML_HEAD + f'<w:styles xmlns:w="{W_NS}">' + defaults + "".join(styles)
           + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
             '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
           + "</w:styles>")
    return xml.encode("utf-8")


@lru_cache(maxsize=4)
def settings_xml(letterhead: bool) -> bytes:
    xml = (XML_HEAD + f'<w:settings xmlns:w="{W_NS}">'
           '<w:zoom w:percent="100"/>'
           '<w:defaultTabStop w:val="640"/>'
           '<w:evenAndOddHeaders/>'  # W10: odd pages right, even pages left
           '<w:characterSpacingControl w:val="doNotCompress"/>'
           '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
           ' w:val="15"/></w:compat>'
           '<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"/>'
           "</w:settings>")
    return xml.encode("utf-8")


def _page_number_paragraph(odd: bool) -> str:
    """"— 1 —" with a PAGE field; odd pages right (right indent 1 字), even pages left (R6)."""
    ind = (f'<w:ind w:left="0" w:right="{G.PAGE_NUMBER_INDENT}"/><w:jc w:val="right"/>' if odd
           else f'<w:ind w:left="{G.PAGE_NUMBER_INDENT}" w:right="0"/><w:jc w:val="left"/>')
    dash = G.PAGE_NUMBER_DASH
    lift = f'<w:spacing w:before="0" w:after="{G.PAGE_NUMBER_LIFT}" w:line="240" w:lineRule="auto"/>'
    return (f'<w:p><w:pPr><w:pStyle w:val="Footer"/>{lift}{ind}</w:pPr>'
            f'<w:r><w:t xml:space="preserve">{dash} </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {dash}</w:t></w:r></w:p>')


def footer_xml(kind: str) -> bytes:
    """kind: 'odd', 'even', or 'first' (信函 page 1: no number, the lower red double rule)."""
    if kind == "first":
        # An empty one-point line whose bottom border is the rule: it sits at the footer
        # distance, 20 mm above the page edge (R7.2).
        rule = (f'<w:pBdr><w:bottom w:val="thinThickSmallGap" w:sz="24" w:space="0" w:color="{G.RED}"/></w:pBdr>'
                '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
                f'<w:ind w:left="-{G.LETTERHEAD_RULE_OVERHANG}" w:right="-{G.LETTERHEAD_RULE_OVERHANG}"/>')
        body = (f'<w:p><w:pPr><w:pStyle w:val="Footer"/>{rule}<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
    else:
        body = _page_number_paragraph(kind == "odd")
    return (XML_HEAD + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:ftr>').encode("utf-8")


def letterhead_xml(text: str) -> bytes:
    """信函格式 page-1 header: red 发文机关标志 over a red thick-thin double rule (R7.1, R7.2)."""
    rule = (f'<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="{G.LETTERHEAD_RULE_GAP_PT}" '
            f'w:color="{G.RED}"/></w:pBdr>'
            f'<w:ind w:left="-{G.LETTERHEAD_RULE_OVERHANG}" w:right="-{G.LETTERHEAD_RULE_OVERHANG}"/>')
    body = (f'<w:p><w:pPr><w:pStyle w:val="Header"/>{rule}</w:pPr>'
            f'<w:r><w:rPr><w:color w:val="{G.RED}"/></w:rPr><w:t>{escape(text)}</w:t></w:r></w:p>')
    return (XML_HEAD + f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:hdr>').encode("utf-8")


def font_table_xml(fonts: FontSet) -> bytes:
    names = []
    for name in (fonts.body, fonts.title, fonts.heading1, fonts.heading2, fonts.page_number):
        if name not in names:
            names.append(name)
    items = []
    for name in names:
        alt = _ALT_NAMES.get(name)
        alt_xml = f"<w:altName w:val={quoteattr(alt)}/>" if alt else ""
        items.append(f'<w:font w:name={quoteattr(name)}>{alt_xml}<w:charset w:val="86"/>'
                     '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')
    return (XML_HEAD + f'<w:fonts xmlns:w="{W_NS}">' + "".join(items) + "</w:fonts>").encode("utf-8")


CONTENT_TYPES = (
    XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer3.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/header1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '<Override PartName="/docProps/custom.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    "</Types>"
).encode("utf-8")

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/custom-properties" Target="docProps/custom.xml"/>'
    "</Relationships>"
).encode("utf-8")

DOCUMENT_RELS = (
    XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rId5" Type="{_REL}/footer" Target="footer2.xml"/>'
    f'<Relationship Id="rId6" Type="{_REL}/footer" Target="footer3.xml"/>'
    f'<Relationship Id="rId7" Type="{_REL}/header" Target="header1.xml"/>'
    "</Relationships>"
).encode("utf-8")

APP_XML = (
    XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>drafter</Application></Properties>"
).encode("utf-8")


def core_xml(title: str) -> bytes:
    return (XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>drafter</dc:creator>"
            "</cp:coreProperties>").encode("utf-8")


CUSTOM_PROPERTY = "drafter-document-sha256"   # word/document.xml alone (every drafter version writes it)
PACKAGE_PROPERTY = "drafter-package-sha256"   # every part but this one (since issue 10)
INPUTS_PROPERTY = "drafter-inputs"            # what the reply was made from (drafter.record; since issue 15)
CUSTOM_PART = "docProps/custom.xml"


def package_digest(parts) -> str:
    """The record of a whole package: (part name, sha256 of its bytes) in archive order, the
    custom properties part (which holds the record) left out."""
    h = hashlib.sha256()
    for name, digest in parts:
        if name != CUSTOM_PART:
            h.update(f"{name}\0{digest}\n".encode("utf-8"))
    return h.hexdigest()


def custom_xml(document_digest: str, package: str | None = None, inputs: str | None = None) -> bytes:
    """Records the hashes of what drafter wrote (the document part, and the whole package), to
    spot later edits in Word, and of what it was made from (inputs), to know it is current."""
    props = [(CUSTOM_PROPERTY, document_digest)] + ([(PACKAGE_PROPERTY, package)] if package else []) \
        + ([(INPUTS_PROPERTY, inputs)] if inputs else [])
    body = "".join('<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
                   f'pid="{pid}" name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property>'
                   for pid, (name, value) in enumerate(props, 2))
    return (XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
            ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"{body}</Properties>").encode("utf-8")
