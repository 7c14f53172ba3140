"""A .docx as the importer sees it: its text-bearing parts, found through the package's
relationships and parsed without trusting them.

Parts are read through drafter.safezip (size and count limits); XML is parsed with entities and
DTDs off (Word never writes a DOCTYPE, so one is refused outright: billion-laughs and external
entities never reach the parser's expansion). What the reader does with the parts lives in
docx_reader; `own_text` reads the same parts flatly, as the independent witness the import is
checked against.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError, Where
from drafter.safezip import Package, ZipLimit

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"

CORRUPT = "无法读取 Word 文件（文件已损坏，或不是 .docx）"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Relationship types by their last path segment (transitional and strict namespaces alike).
STORIES = ("header", "footer", "footnotes", "endnotes", "comments")


@dataclass
class Docx:
    """The parsed parts of one .docx (roots of lxml trees; None when the part is absent)."""

    path: Path
    document: object
    styles: object = None
    numbering: object = None
    parts: dict[str, object] = field(default_factory=dict)       # part name -> root, every story part
    kinds: dict[str, str] = field(default_factory=dict)          # part name -> "header", "footnotes", …
    targets: dict[str, str] = field(default_factory=dict)        # relationship id -> part name
    document_name: str = "word/document.xml"


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse_part(data: bytes, name: str, path: Path):
    """The root element of an XML part; InputError (naming the part) when it is not plain XML."""
    from lxml import etree

    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536]:
        raise InputError(f"Word 文件中的“{name}”含有 DTD 声明（Word 不会写入，可能是恶意构造的文件），未读取", Where(path))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        at = f"第 {line} 行" if line else ""
        raise InputError(f"{CORRUPT}：其中的“{name}”{at}不是有效的 XML", Where(path)) from None
    if root.getroottree().docinfo.doctype:  # one placed after a long comment
        raise InputError(f"Word 文件中的“{name}”含有 DTD 声明（Word 不会写入，可能是恶意构造的文件），未读取", Where(path))
    return root


def _rels(package: Package, part: str, path: Path) -> dict[str, tuple[str, str]]:
    """{relationship id: (type's last segment, target part name)} for part (internal targets only)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in package:
        return {}
    root = parse_part(package.read(rels_name), rels_name, path)
    out = {}
    for rel in root.iter(f"{{{PR}}}Relationship"):
        if rel.get("TargetMode") == "External" or not rel.get("Target"):
            continue
        target = rel.get("Target")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
    return out


def open_docx(path: Path) -> Docx:
    """The text-bearing parts of the .docx at path. Raises InputError naming the file."""
    from drafter.textio import MAX_INPUT_BYTES, read_bytes

    path = Path(path)
    try:  # a regular file of sane size (never a pipe or a device), then its ZIP directory
        package = Package(read_bytes(path, MAX_INPUT_BYTES))
    except ZipLimit as exc:
        raise InputError(f"{CORRUPT}：{exc}", Where(path)) from None
    try:
        with package:
            return _read(package, path)
    except ZipLimit as exc:
        raise InputError(f"Word 文件中的{exc}，未读取（可能是损坏或恶意构造的文件）", Where(path)) from None
    except KeyError as exc:
        raise InputError(f"{CORRUPT}：缺少部件 {exc}", Where(path)) from None


def _read(package: Package, path: Path) -> Docx:
    main = next((name for kind, name in _rels(package, "", path).values() if kind == "officeDocument"), None)
    if main is None or main not in package:
        raise InputError(f"{CORRUPT}：找不到正文部件", Where(path))
    doc = Docx(path, parse_part(package.read(main), main, path), document_name=main)
    for rid, (kind, name) in _rels(package, main, path).items():
        doc.targets[rid] = name
        if name not in package:
            continue
        if kind in ("styles", "numbering"):
            setattr(doc, kind, parse_part(package.read(name), name, path))
        elif kind in STORIES and name not in doc.parts:
            doc.parts[name] = parse_part(package.read(name), name, path)
            doc.kinds[name] = kind
    return doc


# ---- characters that are not w:t -------------------------------------------------------------

# Symbol-font characters (w:sym) with a Unicode twin: Symbol's Greek and mathematics, and the
# Wingdings boxes, ticks and circled numbers Chinese forms use. Codes are the font's (F0xx = xx).
_SYMBOL = dict(zip(range(0x41, 0x5B), "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"))
_SYMBOL.update(zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ"))
_SYMBOL.update({0xA3: "≤", 0xB0: "°", 0xB1: "±", 0xB3: "≥", 0xB4: "×", 0xB7: "•", 0xB8: "÷", 0xB9: "≠",
                0xBA: "≡", 0xBB: "≈", 0xD6: "√", 0xA5: "∞", 0xAE: "→", 0xAC: "←", 0xAD: "↑", 0xAF: "↓",
                0xDE: "⇒", 0xD7: "·", 0x2D: "−", 0x3D: "=", 0x2B: "+", 0x25: "%", 0x28: "(", 0x29: ")"})
_WINGDINGS = {0xA8: "□", 0x6F: "□", 0x71: "□", 0x6E: "■", 0xFE: "☑", 0xFD: "☒", 0xFC: "✓", 0xFB: "✗",
              0x9F: "•", 0xA1: "○", 0x6C: "●", 0x75: "◆", 0x76: "❖", 0xD8: "➢", 0xE0: "→", 0x4A: "☺"}
_WINGDINGS.update({0x81 + i: chr(0x2460 + i) for i in range(10)})  # ①…⑩
_WINGDINGS2 = {0x50: "✓", 0x52: "☑", 0x53: "☒", 0xA3: "□", 0x4F: "✗", 0x54: "☒", 0x51: "☒"}
_FONTS = {"symbol": _SYMBOL, "wingdings": _WINGDINGS, "wingdings 2": _WINGDINGS2}


def symbol_text(sym) -> str | None:
    """The character a w:sym stands for, None when drafter does not know it."""
    font = (sym.get(q("font")) or "").strip().lower()
    try:
        code = int(sym.get(q("char")) or "", 16)
    except ValueError:
        return None
    if not 0xF000 <= code <= 0xF0FF:  # a real Unicode character, only drawn in that font
        return chr(code) if 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else None
    return _FONTS.get(font, {}).get(code - 0xF000)


def run_character(el) -> str | None:
    """Text a run-level element other than w:t stands for ('' for none; None: not such an element)."""
    tag = el.tag
    if tag in (q("tab"), q("ptab")):
        return " "
    if tag in (q("br"), q("cr")):
        return "\n" if el.get(q("type")) in (None, "textWrapping") else ""
    if tag == q("noBreakHyphen"):
        return "-"
    return None


# Elements whose content is not part of the document as it reads: a branch Word keeps only for
# older readers, text deleted or moved away under track changes, field instructions.
SKIPPED = {f"{{{MC}}}Fallback", q("del"), q("moveFrom"), q("delText"), q("instrText"), q("delInstrText")}


def own_text(doc: Docx) -> dict[str, str]:
    """Every character of text in each story part, read flatly in document order, without any of
    the reader's structure (paragraphs, tables, text boxes, numbering): the witness the import is
    checked against. {part name: text}; symbols drafter cannot map are not included."""
    out = {doc.document_name: _flat(doc.document)}
    for name, root in doc.parts.items():
        out[name] = _flat(root)
    return out


def _flat(root) -> str:
    chunks: list[str] = []
    stack = [root]
    while stack:
        el = stack.pop()
        if el is None:  # the end of a paragraph
            chunks.append("\n")
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag == q("t") or tag == f"{{{M}}}t":
            chunks.append(el.text or "")
            continue
        if tag == q("sym"):
            chunks.append(symbol_text(el) or "")
            continue
        char = run_character(el)
        if char is not None:
            chunks.append(char)
            continue
        if tag == q("p"):
            stack.append(None)
        stack.extend(reversed(el))
    return "".join(chunks)
