"""What the rules read: a reply as a list of printed units, each able to say where it came from.

A unit is one printed paragraph-like thing (文号, 标题, 称呼, a body paragraph, a heading, an
item, the closing, the date, a note) with its text exactly as it will be printed. Rules find
spans in unit texts; the unit maps a span back to its source: a sheet field and the offset in
its value (sheets) or a line and column (plain text).
"""

from __future__ import annotations

import datetime as dt
import bisect
from dataclasses import dataclass, field
from pathlib import Path

from drafter.checker.registry import RULES

# Roles of units. Body roles carry the reply's argument; the others are its frame.
BODY = frozenset({"paragraph", "heading", "item"})
PROSE = frozenset({"opening", "paragraph", "heading", "item", "closing"})
FRAME = frozenset({"meta", "wenhao", "title", "salutation", "signature", "date", "note", "cc"})


@dataclass(frozen=True)
class Piece:
    """Characters start..end of a unit came from the value at key.

    exact: character i of the piece is character value_start + (i - start) of the value;
    otherwise (a fact inserted by {{ }}, template text) the whole piece points at value_start.
    """

    start: int
    end: int
    key: tuple | None
    value_start: int = 0
    exact: bool = True


@dataclass
class Unit:
    role: str
    text: str
    level: int = 0                 # heading level from the sheet structure (0: unknown)
    pieces: list = field(default_factory=list)  # Piece, or a lazy piece with expand() -> list[Piece]
    key: tuple | None = None       # the field a finding falls back to
    scope: tuple | None = None     # sheet: the section an item belongs to (lists restart per scope)
    line: int | None = None        # plain text: 1-based line
    column0: int = 0               # plain text: characters before the text on its line
    generated_prefix: int = 0      # leading characters numbered by drafter, not typed by the clerk

    def piece_at(self, offset: int) -> Piece | None:
        if any(not isinstance(p, Piece) for p in self.pieces):
            expanded: list[Piece] = []
            for p in self.pieces:
                expanded += [p] if isinstance(p, Piece) else p.expand()
            self.pieces = expanded
        best = None
        for p in self.pieces:
            if p.start <= offset < p.end:
                return p
            if p.start <= offset:
                best = p
        return best or (self.pieces[0] if self.pieces else None)


@dataclass
class Raw:
    """A finding before it has a file position."""

    rule: str
    severity: str
    message: str
    unit: Unit | None = None
    start: int = 0
    end: int = 0
    fix: str | None = None
    key: tuple | None = None       # for findings about a field rather than a text span
    offset: int | None = None      # with key: the offset in the field's value
    advice: str | None = None      # the 建议 in words (no replacement inside a text)
    removes: bool = False          # following the advice deletes the field at key


@dataclass
class Document:
    """A reply as the rules see it, plus the facts about it that do not show in the text."""

    units: list[Unit]
    path: Path | None = None
    kind: str | None = None                # 政协提案 | 人大建议
    kind_source: str | None = None         # sheet | title | opening | salutation
    proposal_title: str | None = None
    number: str | None = None
    proposer_role: str | None = None
    handling: str = "主办"
    handling_type: str | None = None
    handling_type_unit: Unit | None = None
    handling_labels: dict[str, str] = field(default_factory=dict)
    handling_scheme: str = ""
    date: dt.date | None = None
    assigned_date: dt.date | None = None
    deadline: dt.date | None = None        # the sheet's 办理期限, when it names one
    today: dt.date = field(default_factory=dt.date.today)
    is_sheet: bool = False
    ascii_punctuation: bool = False         # plain text whose punctuation a copy turned into ASCII
    reply: object = None                   # the Reply when checking a sheet
    fact_refs: list = field(default_factory=list)   # FactRef, see fromsheet
    raws: list[Raw] = field(default_factory=list)

    def emit(self, rule: str, message: str, unit: Unit | None = None, start: int = 0, end: int | None = None,
             fix: str | None = None, *, severity: str | None = None, key: tuple | None = None,
             offset: int | None = None, advice: str | None = None, removes: bool = False) -> None:
        if end is None:
            end = start
        self.raws.append(Raw(rule, severity or RULES[rule].severity, message, unit, start, end, fix, key, offset,
                             advice, removes))

    def joined(self, roles: frozenset[str]) -> "Joined":
        """The texts of the units with these roles, joined by line breaks, to scan in one pass."""
        cache = self.__dict__.setdefault("_joined", {})
        if roles not in cache:
            units = [u for u in self.units if u.role in roles]
            starts, pos = [], 0
            for u in units:
                starts.append(pos)
                pos += len(u.text) + 1
            cache[roles] = Joined("\n".join(u.text for u in units), units, starts)
        return cache[roles]

    def body(self) -> list[Unit]:
        return [u for u in self.units if u.role in BODY]

    def first(self, role: str) -> Unit | None:
        return next((u for u in self.units if u.role == role), None)

    def all(self, role: str) -> list[Unit]:
        return [u for u in self.units if u.role == role]


@dataclass
class Joined:
    """Unit texts joined by "\n"; at(offset) says which unit and where in it."""

    text: str
    units: list[Unit]
    starts: list[int]

    def at(self, offset: int) -> tuple[Unit, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.units[i], offset - self.starts[i]

    def emit(self, doc: "Document", rule: str, message: str, start: int, end: int, fix: str | None = None,
             **kw) -> None:
        unit, at = self.at(start)
        doc.emit(rule, message, unit, at, at + (end - start), fix, **kw)
