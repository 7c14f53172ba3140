"""Reading a Word reply (.docx) into lines, as the letter reads on paper.

Runs are joined (Word splits text anywhere); automatic numbering (w:numPr) gets its markers back
from numbering.xml (一、 （一） 1. （1）); table cells are read row by row (header blocks are often
tables); text boxes (w:txbxContent) are read where they are anchored; a red 红头 at the top (in
the body or the page header) is kept apart as the letterhead. Headings keep a level hint from
their style (Heading 1, 标题 2) or direct formatting (bold, 黑体, 楷体).

Nothing is dropped silently: footnotes, endnotes, comments (批注), header and footer text that is
not the letterhead, embedded documents (altChunk) and symbols drafter cannot map are recorded as
LeftOut (reported as warnings by the importer); page numbers in footers are counted but not
reported. The package is read by importer.package (size limits, no DTDs).
"""

from __future__ import annotations

import re
from pathlib import Path

from drafter.importer import patterns as P
from drafter.importer.package import M, MC, R, SKIPPED, Docx, open_docx, own_text, q, run_character, symbol_text
from drafter.importer.source import LeftOut, Line, Source


_STYLE_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)
_CN_FORMATS = ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting")
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _format(n: int, fmt: str) -> str:
    """A counter in Word's number format."""
    from drafter.compose.environment import cn_number

    if fmt in _CN_FORMATS:
        return cn_number(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out, k = "", n
        for v, s in vals:
            while k >= v:
                out, k = out + s, k - v
        return out if fmt == "upperRoman" else out.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """Markers for numbered paragraphs, counted as Word counts them."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for absn in root.iter(q("abstractNum")):
            lv = {}
            for lvl in absn.iter(q("lvl")):
                ilvl = int(lvl.get(q("ilvl"), "0"))
                fmt = _val(lvl.find(q("numFmt"))) or "decimal"
                text = _val(lvl.find(q("lvlText")))
                start = int(_val(lvl.find(q("start"))) or 1)
                lv[ilvl] = (fmt, text if text is not None else "", start)
            self.levels[absn.get(q("abstractNumId"))] = lv
        for num in root.iter(q("num")):
            abs_id = _val(num.find(q("abstractNumId")))
            overrides = {}
            for ov in num.iter(q("lvlOverride")):
                so = ov.find(q("startOverride"))
                if so is not None:
                    overrides[int(ov.get(q("ilvl"), "0"))] = int(_val(so) or 1)
            self.nums[num.get(q("numId"))] = (abs_id, overrides)

    def marker(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums:
            return ""
        abs_id, overrides = self.nums[num_id]
        levels = self.levels.get(abs_id, {})
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(abs_id, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counts[lvl] = start - 1
        fmt, text, start = levels[ilvl]
        counts[ilvl] = start if counts[ilvl] is None else counts[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        if fmt in ("bullet", "none"):
            return ""

        def sub(m):
            lvl = int(m.group(1)) - 1
            f = levels.get(lvl, ("decimal", "", 1))[0]
            count = counts[lvl] if counts[lvl] is not None else levels.get(lvl, ("", "", 1))[2]
            return _format(count, f)

        return re.sub(r"%(\d)", sub, text)


def _val(el) -> str | None:
    return None if el is None else el.get(q("val"))


class _Styles:
    """Paragraph styles: name (for heading levels), numbering, run properties."""

    def __init__(self, root):
        self.by_id = {}
        if root is not None:
            for st in root.iter(q("style")):
                self.by_id[st.get(q("styleId"))] = st

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            st = self.by_id[style_id]
            yield st
            style_id = _val(st.find(q("basedOn")))

    def level(self, style_id: str | None) -> int | None:
        for st in self.chain(style_id):
            name = _val(st.find(q("name"))) or ""
            m = _STYLE_LEVEL.search(name) or _STYLE_LEVEL.search(st.get(q("styleId")) or "")
            if m:
                return int(m.group(1))
            ol = st.find(f"{q('pPr')}/{q('outlineLvl')}")
            if ol is not None and _val(ol) is not None and int(_val(ol)) < 9:
                return int(_val(ol)) + 1
        return None

    def num_pr(self, style_id: str | None):
        for st in self.chain(style_id):
            np = st.find(f"{q('pPr')}/{q('numPr')}")
            if np is not None:
                return np
        return None

    def run_prop(self, style_id: str | None, tag: str):
        for st in self.chain(style_id):
            el = st.find(f"{q('rPr')}/{q(tag)}")
            if el is not None:
                return el
        return None


def _is_red(color: str | None) -> bool:
    if not color or not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return False
    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return r >= 0xC0 and g <= 0x60 and b <= 0x60


def _on(el) -> bool:
    return el is not None and el.get(q("val"), "true") not in ("0", "false", "off")


class _Reader:
    def __init__(self, numbering: Numbering, styles: _Styles):
        self.numbering, self.styles = numbering, styles
        self.lines: list[Line] = []
        self.left_out: list[LeftOut] = []
        self.generated: list[str] = []    # numbering markers: text the reader adds
        self.alt_chunks: list[str] = []   # relationship ids of embedded documents

    def block(self, el) -> None:
        """A body-level element: a paragraph, or anything holding paragraphs (tables, rows, cells,
        content controls, custom XML, tracked insertions), each child read once in order."""
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIPPED or tag in (q("pPr"), q("rPr"), q("sectPr")):
            return
        if tag == q("p"):
            self.paragraph(el)
        elif tag == q("altChunk"):
            self.alt_chunks.append(el.get(f"{{{R}}}id") or "")
        else:
            for child in el:
                self.block(child)

    def paragraph(self, p) -> None:
        for box in _text_boxes(p):
            for child in box:
                self.block(child)
        ppr = p.find(q("pPr"))
        style_id = _val(ppr.find(q("pStyle"))) if ppr is not None else None
        text, runs, unknown = _paragraph_text(p)
        for what in unknown:
            self.left_out.append(LeftOut(what, "", len(self.lines) + 1))
        np = ppr.find(q("numPr")) if ppr is not None else None
        if np is None:
            np = self.styles.num_pr(style_id)
        marker = ""
        if np is not None:
            num_id = _val(np.find(q("numId")))
            ilvl = int(_val(np.find(q("ilvl"))) or 0)
            if num_id and num_id != "0" and text.strip():
                marker = self.numbering.marker(num_id, ilvl)
                if marker:
                    self.generated.append(marker)
        level = self.styles.level(style_id)
        visible = [r for r in runs if (r.findtext(q("t")) or "").strip()]
        red = bool(visible) and all(_is_red(_val(_rpr(r, "color")) or _val(self.styles.run_prop(style_id, "color")))
                                    for r in visible)
        bold = bool(visible) and all(_on(_rpr(r, "b")) or _on(self.styles.run_prop(style_id, "b")) for r in visible)
        fonts = " ".join(f for r in visible for f in _fonts(r, self.styles, style_id))
        if level is None and len(P.key(text)) <= 40 and text.strip():
            if "黑体" in fonts or bold and not re.search(r"小标宋|标宋", fonts):
                level = 1
            elif "楷体" in fonts:
                level = 2
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if not part.strip():
                continue
            self.lines.append(Line((marker if i == 0 else "") + part, len(self.lines) + 1, level, red, bold,
                                   bool(marker)))


def _rpr(run, tag: str):
    rpr = run.find(q("rPr"))
    return None if rpr is None else rpr.find(q(tag))


def _fonts(run, styles: _Styles, style_id) -> list[str]:
    el = _rpr(run, "rFonts")
    if el is None:
        el = styles.run_prop(style_id, "rFonts")
    if el is None:
        return []
    return [v for k, v in el.attrib.items() if v]


def _text_boxes(p):
    """txbxContent elements anchored in p (the VML fallback copy skipped)."""
    out = []
    for box in p.iter(q("txbxContent")):
        anc = box.getparent()
        fallback = False
        while anc is not None and anc is not p:
            if anc.tag == f"{{{MC}}}Fallback":
                fallback = True
                break
            anc = anc.getparent()
        if not fallback and not any(box is not b and _inside(box, b) for b in out):
            out.append(box)
    return out


def _inside(el, container) -> bool:
    anc = el.getparent()
    while anc is not None:
        if anc is container:
            return True
        anc = anc.getparent()
    return False


def _paragraph_text(p) -> tuple[str, list, list[str]]:
    """The paragraph's own text (runs joined; text boxes, deletions and field codes left out),
    its runs, and a description of each symbol that has no known character."""
    out: list[str] = []
    runs = []
    unknown: list[str] = []

    def walk(el):
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED or tag in (q("txbxContent"), q("pPr"), q("rPr")):
                continue
            if tag == q("r"):
                runs.append(child)
            if tag == q("t") or tag == f"{{{M}}}t":
                out.append(child.text or "")
            elif tag == q("sym"):
                char = symbol_text(child)
                if char is None:
                    unknown.append(f"无法转成文字的符号（字体 {child.get(q('font')) or '?'}，代码 {child.get(q('char')) or '?'}）")
                out.append(char or "")
            else:
                char = run_character(child)
                if char is not None:
                    out.append(char)
                else:
                    walk(child)

    walk(p)
    return "".join(out), runs, unknown


def _letterhead(lines: list[Line], header_lines: list[Line]) -> tuple[str, list[Line], list[Line]]:
    """A red 红头 at the top of the body, or in the page header: (its text, the body without it,
    the header lines it was taken from)."""
    top = []
    for line in lines:
        k = P.key(line.text)
        if line.red and k and not P.WENHAO.match(k) and not P.TITLE_END.search(k) and len(k) <= 30:
            top.append(line)
        else:
            break
    if top:
        return "".join(x.text.strip() for x in top), lines[len(top):], []
    red = [x for x in header_lines if x.red and P.key(x.text)]
    if red:
        return "".join(x.text.strip() for x in red), lines, red
    return "", lines, []


_PAGE_NUMBER = re.compile(r"[\s\d\-—–－·•第页共/IVXivx]*")
_NOTE_KINDS = {"footnotes": ("footnote", "脚注"), "endnotes": ("endnote", "尾注"), "comments": ("comment", "批注")}


def _first_section_headers(doc: Docx) -> list[str]:
    """Part names of the first section's first-page and default headers (the letterhead's place)."""
    body = doc.document.find(q("body"))
    if body is None:
        return []
    sect = next(iter(body.iterfind(f"{q('p')}/{q('pPr')}/{q('sectPr')}")), None)
    if sect is None:
        sect = body.find(q("sectPr"))
    if sect is None:
        return []
    refs = {ref.get(q("type"), "default"): ref.get(f"{{{R}}}id") for ref in sect.iter(q("headerReference"))}
    return [doc.targets[refs[t]] for t in ("first", "default") if refs.get(t) in doc.targets]


def _story_lines(root, styles: _Styles) -> list[Line]:
    reader = _Reader(Numbering(None), styles)
    for child in root:
        reader.block(child)
    return reader.lines


def _left_out_of_parts(doc: Docx, styles: _Styles, header_lines: dict[str, list[Line]],
                       letterhead_lines: list[Line]) -> list[LeftOut]:
    """Header and footer text that is not the letterhead, notes and comments."""
    out: list[LeftOut] = []
    used = {id(x) for x in letterhead_lines}
    for name, kind in doc.kinds.items():
        root = doc.parts[name]
        if kind in ("header", "footer"):
            for line in header_lines[name] if kind == "header" else _story_lines(root, styles):
                if id(line) in used or not line.text.strip():
                    continue
                quiet = kind == "footer" and _PAGE_NUMBER.fullmatch(line.text) is not None
                out.append(LeftOut("页眉文字" if kind == "header" else "页脚文字", line.text.strip(), None, quiet))
        else:
            tag, what = _NOTE_KINDS[kind]
            for note in root.iter(q(tag)):
                if note.get(q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = "".join(line.text for line in _story_lines(note, styles)).strip()
                if text:
                    out.append(LeftOut(what, text))
    return out


def read_docx(path: Path) -> Source:
    """Lines of a .docx body, with the letterhead apart and what was left out listed."""
    path = Path(path)
    doc = open_docx(path)
    styles = _Styles(doc.styles)
    reader = _Reader(Numbering(doc.numbering), styles)
    body = doc.document.find(q("body"))
    for child in body if body is not None else ():
        reader.block(child)
    headers = {name: _story_lines(doc.parts[name], styles) for name, kind in doc.kinds.items() if kind == "header"}
    first = [line for name in _first_section_headers(doc) for line in headers.get(name, [])]
    letterhead, lines, used = _letterhead(reader.lines, first)
    left_out = reader.left_out + _left_out_of_parts(doc, styles, headers, used)
    for rid in reader.alt_chunks:
        left_out.append(LeftOut(f"嵌入的文档片段（{doc.targets.get(rid, rid)}，未能读取其中的文字）", ""))
    source = Source(path, lines, "docx", [], letterhead)
    source.left_out, source.generated = left_out, reader.generated
    source.own_text = "".join(own_text(doc).values())
    return source
