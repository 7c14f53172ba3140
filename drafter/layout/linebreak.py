"""Breaking text into lines as the printed page does (GB/T 9704 body: 28 full-width characters).

One rule set for every place that shows a reply's lines (the TUI preview, page estimates), and
the one the .docx asks Word and LibreOffice to follow:
- a number, a Latin word, a percentage, a 文号's digits never split ("22.6%", "0539-8312345", "2024年"
  may break after "2024", never inside it) — Word keeps Latin runs whole, LibreOffice does once the
  runs' Latin language is en-US (layout.parts);
- 标点禁则: closing marks never start a line, opening marks never end one; the mark does not hang
  past the type area either (w:overflowPunct off): the character before it moves down with it.

Widths are in half-width units: a CJK character (and the ambiguous-width quotes and dashes, full
width in a Chinese font) counts 2, anything else 1, so a 28-character line is 56 units.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Never at the start of a line (they stay with the character before them).
NO_START = frozenset("，。、；：？！）》」』”’…—％‰℃,.;:?!)]}〕】〉｝")
# Never at the end of a line (they move down with the character after them).
NO_END = frozenset("“‘（《「『〔【〈｛([{￥$")
# LibreOffice does not break between a full-width mark and a Latin letter or digit after it
# ("。|2023年", "A、|B、C"): the mark, and the word before it, move down with the number.
_CJK_CLOSING = frozenset("，。、；：？！）》」』”’…—")
# A run a line never splits: ASCII letters, digits and the marks inside numbers and codes, with
# a trailing percent or per-mille sign.
_UNBREAKABLE = re.compile(r"[!-~]+[％‰℃]?")
_ATOM = re.compile(_UNBREAKABLE.pattern + "|.", re.S)  # an unbreakable run, or one character


@lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def width(text: str) -> int:
    """Printed width in half-width units (CJK 2, ASCII 1)."""
    return sum(map(_char_width, text))


def clusters(text: str) -> list[str]:
    """text cut into the pieces a line break may fall between (joined, they give text back)."""
    atoms = _ATOM.findall(text)
    out: list[str] = []
    glue_next = False
    for atom in atoms:
        if out and (glue_next or atom[0] in NO_START or (atom[0].isascii() and atom[0].isalnum()
                                                         and out[-1][-1] in _CJK_CLOSING)):
            out[-1] += atom
        else:
            out.append(atom)
        glue_next = atom[-1] in NO_END
    return out


def wrap(text: str, line_width: int, indent: int = 0) -> list[str]:
    """text broken into lines of at most line_width units; the first line starts with indent spaces.

    A piece wider than a whole line (a long URL) is cut by characters as a last resort."""
    lines: list[str] = []
    line, used = " " * indent, indent
    for piece in clusters(text):
        w = width(piece)
        if used + w > line_width and line.strip():
            lines.append(line)
            piece = piece.lstrip(" ")
            line, used, w = "", 0, width(piece)
        if w > line_width - used:  # longer than a line: cut it
            for ch in piece:
                cw = width(ch)
                if used + cw > line_width and line.strip():
                    lines.append(line)
                    line, used = "", 0
                line += ch
                used += cw
            continue
        line += piece
        used += w
    if line.strip() or not lines:
        lines.append(line)
    return lines
