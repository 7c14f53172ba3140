"""Cleaning lines: table debris (`|`) removed, run-on web lines split into the letter's lines.

Web pages often join a whole letter into one line, paragraphs separated by spaces (seed 003).
Such a line is split where the spaces stand between elements (after a full stop, before a
heading marker, around a salutation or a date); a space inside a sentence ("注册 企业") stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.importer import patterns as P
from drafter.importer.source import Line

_EDGE_DEBRIS = re.compile(r"^[\s|]*\|\s*|\s*\|[\s|]*$")
_PIECE_SPLIT = re.compile(r"\s+")


@dataclass
class Skipped:
    """Input lines left out of the reply (page chrome, table debris)."""

    no: int
    text: str
    why: str  # "chrome" | "debris"


def clean(lines: list[Line]) -> tuple[list[Line], list[Skipped]]:
    """Strip `|` table debris at line edges; drop lines that were nothing else."""
    out, skipped = [], []
    for line in lines:
        text = line.text.strip()
        if "|" in text:
            stripped = _EDGE_DEBRIS.sub("", text).strip()
            if stripped != text:
                skipped.append(Skipped(line.no, text.replace(stripped, " ", 1).strip() if stripped else text, "debris"))
            if not stripped:
                continue
            text = stripped
        out.append(line.with_text(text))
    return out, skipped


def piece_kind(piece: str) -> str | None:
    """What a space-separated piece of a run-on line starts or is (None: running text)."""
    k = P.key(piece)
    if not k:
        return None
    if P.SAL_PERSON.match(k) and k.endswith(":") or P.SAL_ORG.match(k) and len(k) <= 30:
        return "salutation"
    if P.DATE_CANON.match(k) or P.DATE_CN.match(k):
        return "date"
    if P.WENHAO.match(k) and len(k) <= 30:
        return "wenhao"
    if P.SIGNER.match(k) or P.HT.match(k):
        return "meta"
    if P.CC.match(k):
        return "cc"
    if P.NOTE.match(k) and ":" in k[:12]:
        return "note"
    if P.H_CN.match(k) or P.H_PCN.match(k) or P.H_AR.match(k) or P.H_AR2.match(k) or P.H_PAR.match(k):
        return "heading"
    if P.TITLE_END.search(k) and len(k) <= 60:
        return "title"
    if P.OPENING.search(k) and P.OPENING_LEAD.search(k):
        return "opening"
    return None


_STRUCTURAL = {"salutation", "date", "opening", "heading", "title"}


def is_run_on(text: str) -> bool:
    """A line holding several elements of a letter (salutation, opening, headings, date…)."""
    pieces = _PIECE_SPLIT.split(text.strip())
    if len(pieces) < 3:
        return False
    kinds = [piece_kind(p) for p in pieces]
    return len({k for k in kinds if k in _STRUCTURAL}) >= 2 or (
        len(text) > 120 and sum(1 for k in kinds if k) >= 2)


def _ends_sentence(piece: str) -> bool:
    k = P.key(piece)
    return bool(k) and k[-1] in "。!?:;”)》"


def split_run_on(line: Line) -> list[Line]:
    """The logical lines of a run-on line (each keeps the input line number)."""
    pieces = _PIECE_SPLIT.split(line.text.strip())
    out: list[str] = []
    prev_kind = None
    for piece in pieces:
        kind = piece_kind(piece)
        if not out:
            out.append(piece)
        else:
            prev = out[-1]
            short_head = len(P.key(prev)) <= 30 and not any(c in P.key(prev) for c in "。,;:!?、") and (
                len(out) == 1 or _ends_sentence(out[-2]) or piece_kind(out[-2]) is not None)
            boundary = (_ends_sentence(prev) or kind in ("salutation", "date", "wenhao", "meta", "cc", "note",
                                                         "heading")
                        or prev_kind in ("salutation", "date", "wenhao", "meta", "cc", "title") or short_head)
            if boundary:
                out.append(piece)
            else:
                out[-1] = prev + " " + piece
                kind = prev_kind
        prev_kind = kind
    return [line.with_text(t) for t in out]


def segment(lines: list[Line]) -> list[Line]:
    """Split every run-on line; other lines pass unchanged."""
    out: list[Line] = []
    for line in lines:
        if len(line.text) > 40 and " " in line.text.strip() and is_run_on(line.text):
            out.extend(split_run_on(line))
        else:
            out.append(line)
    return out
