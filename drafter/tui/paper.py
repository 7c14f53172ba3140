"""The live preview's layout: blocks → lines of a page, as the reply will read on paper.

Pure functions over the document model (Rich Text out, no Textual), so the preview can be
built in a worker thread and tested on its own. A page line holds 28 full-width characters
(GB/T 9704: 28 × 22 on A4), i.e. 56 terminal cells.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from drafter.layout import gbt9704 as G
from drafter.layout.linebreak import wrap  # the page's line breaking (numbers never split)
from drafter.layout.title import title_lines
from drafter.model.blocks import Block, Kind

CHARS_PER_LINE = G.CHARS_PER_LINE
LINES_PER_PAGE = G.LINES_PER_PAGE

STYLE = {
    Kind.TITLE: "bold",
    Kind.HEADING: "bold",
    Kind.META: "",
    Kind.WENHAO: "",
    Kind.NOTE: "",
    Kind.CC: "",
}


def _pad_right(line: str, width: int, right_margin: int) -> str:
    return " " * max(0, width - right_margin - cell_len(line)) + line


def _center(line: str, width: int) -> str:
    return " " * max(0, (width - cell_len(line)) // 2) + line


def layout(blocks: list[Block], width: int = CHARS_PER_LINE * 2) -> list[tuple[str, str]]:
    """(line, style) pairs for the blocks, with the blank lines GB/T 9704 puts between parts."""
    out: list[tuple[str, str]] = []
    two = 4  # 空两字 = 4 cells
    date_text = next((b.text for b in blocks if b.kind is Kind.DATE), "")
    prev: Kind | None = None
    for b in blocks:
        k = b.kind
        style = STYLE.get(k, "")
        # the same gaps as the .docx writer (layout.docx.body_xml)
        if k is Kind.TITLE and prev in (Kind.META, Kind.WENHAO):
            out += [("", "")] * G.LINES_BEFORE_TITLE
        if k is Kind.SALUTATION and prev is Kind.TITLE:
            out += [("", "")] * G.LINES_AFTER_TITLE
        if k in (Kind.SIGNATURE, Kind.DATE) and prev not in (Kind.SIGNATURE, Kind.DATE):
            out += [("", "")] * G.LINES_BEFORE_SIGNATURE
        if k is Kind.CC and prev is not Kind.CC:
            out.append(("", ""))
            out.append(("─" * width, "dim"))
        if k is Kind.META:
            out += [(_pad_right(x, width, 0), style) for x in wrap(b.text, width)]
        elif k is Kind.WENHAO:
            out += [(_center(x, width), style) for x in wrap(b.text, width)]
        elif k is Kind.TITLE:
            out += [(_center(x, width), style) for x in title_lines(b.text)]
        elif k is Kind.SALUTATION:
            out += [(x, style) for x in wrap(b.text, width)]
        elif k is Kind.HEADING:
            style = "bold" if b.level == 1 else ("italic" if b.level == 2 else "")
            out += [(x, style) for x in wrap(b.prefix + b.text, width, two)]
        elif k is Kind.SIGNATURE:
            # centred over the date (R4.6), so a long signature reaches further right than the date
            margin = max(0, 2 * two + (cell_len(date_text) - cell_len(b.text)) // 2) if date_text else 2 * two
            out += [(_pad_right(x, width, margin), style) for x in wrap(b.text, width)]
        elif k is Kind.DATE:
            out += [(_pad_right(x, width, 2 * two), style) for x in wrap(b.text, width)]
        elif k is Kind.CC:
            out += [(x, style) for x in wrap(b.full_text, width - 4, 2)]
        else:  # paragraph, item, closing, note
            out += [(x, style) for x in wrap(b.full_text, width, two)]
        prev = k
    return out


def render_paper(blocks: list[Block], width: int = CHARS_PER_LINE * 2, *, pages: bool = True) -> Text:
    """The preview as one Rich Text; a rule marks where each A4 page ends."""
    text = Text(no_wrap=True, overflow="crop", end="")
    lines = layout(blocks, width)
    page = 1
    for i, (line, style) in enumerate(lines):
        if pages and i and i % LINES_PER_PAGE == 0:
            page += 1
            text.append(_center(f"╌╌ 第 {page} 页 ╌╌", width) + "\n", style="dim")
        text.append(line, style=style or None)
        text.append("\n")
    if not lines:
        text.append("（空白）", style="dim")
    return text


def page_count(blocks: list[Block], width: int = CHARS_PER_LINE * 2) -> int:
    n = len(layout(blocks, width))
    return max(1, -(-n // LINES_PER_PAGE))
