"""A reply sheet as a checker Document: the composed blocks, read with the provenance compose recorded
(compose.provenance). The checker reads the text compose printed and the mapping compose made;
it renders nothing itself. A finding's characters are traced, only when the finding is placed, from
the block to the text compose rendered, to the field's value as the schema read it, to the YAML
scalar behind it (`Trace`); positions.SourceMap turns that into a line and column.

Text a template wrote (and a profile's defaults) points at the sheet field that would replace it
(`title`, `salutation`, `opening`…). A reply whose facts are not all defined is composed leniently
(the undefined facts print nothing), so that its other texts are still checked.
"""

from __future__ import annotations

import datetime as dt
import re

from drafter.checker.document import Document, Piece, Unit
from drafter.compose.provenance import FieldOrigin
from drafter.model import fields as f
from drafter.model.blocks import Block, Kind
from drafter.model.sheet import SECTION_FIELDS, SHEET_FIELDS

_EXPR = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_FACT = re.compile(r"facts\s*(?:\.\s*([^\W\d]\w*)|\[\s*['\"]([^'\"]+)['\"]\s*\])")
# fields the schema reads with fields.paragraphs: an index after them counts paragraphs, not list items
_PARAGRAPHS = frozenset(name for fields_ in (SHEET_FIELDS, SECTION_FIELDS) for name, spec in fields_.items()
                        if spec.parse is f.paragraphs)


# ---- tracing printed characters back to the YAML value -------------------------------------------

class Trace:
    """Maps offsets in texts compose rendered to (YAML key, offset in the scalar's value), per
    origin, worked out on first use."""

    def __init__(self, reply):
        self.data = reply.located.data or {}
        self._maps: dict[int, tuple] = {}

    def raw(self, key: tuple) -> tuple[tuple, str, int | None] | None:
        """The YAML scalar behind a field as compose names it: its key, its value, and which of
        its paragraphs (None: all of it). ("opening", 2) may be the second paragraph of
        opening[1]; ("sections", 0, "items", 1, "text") may be the bare string items[1]."""
        node, raw_key, name, para = self.data, (), None, None
        for part in key:
            if isinstance(node, dict):
                if part not in node:
                    return None
                node, raw_key, name = node[part], raw_key + (part,), part
            elif isinstance(node, list) and isinstance(part, int):
                if name in _PARAGRAPHS:
                    found = _paragraph_of(node, part)
                    if found is None:
                        return None
                    item, para = found
                    node, raw_key = node[item], raw_key + (item,)
                elif part < len(node):
                    node, raw_key = node[part], raw_key + (part,)
                else:
                    return None
            elif isinstance(node, str):
                if isinstance(part, int) and name in _PARAGRAPHS:
                    para = part
                # else a shorthand: the string stands for the object (items: [text], sections: [heading])
            else:
                return None
        return (raw_key, node, para) if isinstance(node, str) else None

    def key(self, key: tuple) -> tuple:
        """The YAML key behind a field as compose names it (the key itself when there is none)."""
        found = self.raw(key)
        return found[0] if found else key

    def pieces(self, origin: FieldOrigin, start: int, end: int, at: int) -> list[Piece]:
        """Pieces for characters start..end of a unit, printed from origin's rendered text at `at`."""
        raw_key, segments = self._map(origin)
        out: list[Piece] = []
        stop = at + (end - start)
        for r0, r1, raw0, exact in segments:
            a, b = max(r0, at), min(r1, stop)
            if a < b:
                out.append(Piece(start + a - at, start + b - at, raw_key, raw0 + (a - r0) if exact else raw0, exact))
        if not out:
            out.append(Piece(start, end, raw_key, segments[-1][2] if segments else 0, False))
        return out

    def position(self, origin: FieldOrigin, value_offset: int) -> tuple[tuple, int]:
        """(YAML key, offset in its value) of an offset in origin's text before rendering."""
        found = self.raw(origin.key)
        if found is None:
            return origin.key, 0
        raw_key, raw, para = found
        return raw_key, _to_raw(_value_runs(origin.value, raw, _paragraph_start(raw, para)), value_offset)

    def _map(self, origin: FieldOrigin) -> tuple[tuple, list[tuple[int, int, int, bool]]]:
        """(YAML key, segments (start, end, offset in the YAML value, exact) covering the rendered
        text; an inexact segment points at one place: the {{ }} that printed it, or nearby)."""
        hit = self._maps.get(id(origin))
        if hit is not None and hit[0] is origin:
            return hit[1], hit[2]
        found = self.raw(origin.key)
        if found is None:
            raw_key, segments = origin.key, [(0, len(origin.rendered), 0, False)]
        else:
            raw_key, raw, para = found
            runs = _value_runs(origin.value, raw, _paragraph_start(raw, para))
            segments = []
            for r0, r1, v0, exact in _rendered_to_value(origin.value, origin.rendered):
                if not exact:
                    segments.append((r0, r1, _to_raw(runs, v0), False))
                    continue
                pos = r0
                for a, b, raw0 in runs:   # the literal's characters, where the YAML value has them
                    lo, hi = max(a, v0), min(b, v0 + (r1 - r0))
                    if lo < hi:
                        if lo - v0 + r0 > pos:
                            segments.append((pos, lo - v0 + r0, _to_raw(runs, v0 + pos - r0), False))
                        segments.append((lo - v0 + r0, hi - v0 + r0, raw0 + (lo - a), True))
                        pos = hi - v0 + r0
                if pos < r1:
                    segments.append((pos, r1, _to_raw(runs, v0 + pos - r0), False))
        self._maps[id(origin)] = (origin, raw_key, segments)
        return raw_key, segments


def _value_runs(value: str, raw: str, start: int = 0) -> list[tuple[int, int, int]]:
    """Runs (start, end, offset in raw) of value found verbatim in raw: the schema strips each line
    of a YAML text and joins them (with nothing, or one space), so every line of raw is a run."""
    runs: list[tuple[int, int, int]] = []
    v, pos = 0, start
    for line in raw[start:].split("\n"):
        text = line.strip()
        at = pos + (len(line) - len(line.lstrip()))
        pos += len(line) + 1
        if not text:
            continue
        if v and value.startswith(" " + text, v):
            v += 1  # the space the schema put between two lines
        if not value.startswith(text, v):
            break
        runs.append((v, v + len(text), at))
        v += len(text)
        if v >= len(value):
            break
    return runs


def _to_raw(runs: list[tuple[int, int, int]], value_offset: int) -> int:
    """The offset in the YAML value of a character of value (the nearest one for a character the
    schema added between two lines)."""
    best = runs[0][2] if runs else 0
    for a, b, raw0 in runs:
        if value_offset < a:
            break
        best = raw0 + min(value_offset - a, b - a)
    return best


def _paragraph_of(items: list, index: int) -> tuple[int, int] | None:
    """(list item, paragraph in it) of the index-th paragraph of a list the schema split further."""
    for i, item in enumerate(items):
        count = len(_split(item))
        if index < count:
            return i, index
        index -= count
    return None


def _split(raw) -> list[str]:
    """The schema's own paragraph split of one value."""
    try:
        return f.paragraphs(raw, None, ()) if isinstance(raw, str) else []
    except f.FieldError:
        return []


def _paragraph_start(raw: str, para: int | None) -> int:
    """Where the para-th paragraph of raw begins (the schema's paragraphs found in raw in order)."""
    at = 0
    for text in _split(raw)[:para or 0]:
        runs = _value_runs(text, raw, at)
        if not runs:
            return 0
        at = runs[-1][2] + (runs[-1][1] - runs[-1][0])
    return at


def _rendered_to_value(value: str, rendered: str) -> list[tuple[int, int, int, bool]]:
    """Segments (start, end, offset in value, exact) of rendered: the literal stretches of value
    (outside {{ }}) found in order, and between them what an expression printed (pointing at it)."""
    if value == rendered:
        return [(0, len(rendered), 0, True)]
    out: list[tuple[int, int, int, bool]] = []
    pos, anchor, r = 0, 0, 0   # in value: after the last literal; the expression after it; in rendered
    for m in list(_EXPR.finditer(value)) + [None]:
        literal = value[pos:m.start() if m else len(value)]
        found = rendered.find(literal, r) if literal else r
        if found < 0:
            break
        if found > r:
            out.append((r, found, anchor, False))
        if literal:
            out.append((found, found + len(literal), pos, True))
        r = found + len(literal)
        if m is None:
            break
        pos, anchor = m.end(), m.start()
    if r < len(rendered):
        out.append((r, len(rendered), anchor, False))
    return out


# ---- fact references ----------------------------------------------------------------------------------

class FactRef:
    """A {{ facts.name }} in a sheet text: what it names and (worked out when asked) where it is."""

    __slots__ = ("name", "fact", "expr", "_where", "_locate")

    def __init__(self, name: str, fact, expr: str, locate):
        self.name, self.fact, self.expr = name, fact, expr
        self._where, self._locate = None, locate

    @property
    def where(self) -> tuple:
        if self._where is None:
            self._where = self._locate()
        return self._where

    @property
    def key(self) -> tuple | None:
        return self.where[0]

    @property
    def value_offset(self) -> int:
        return self.where[1]


def fact_refs(origins, facts, trace: Trace) -> list[FactRef]:
    """Every fact the sheet's printed texts cite, where it is cited."""
    refs = []
    for origin in origins:
        if "{" not in origin.value:
            continue
        for expr in _EXPR.finditer(origin.value):
            for m in _FACT.finditer(expr.group()):
                name = m.group(1) or m.group(2)
                at = expr.start()
                refs.append(FactRef(name, facts.items.get(name), expr.group(),
                                    lambda origin=origin, at=at: trace.position(origin, at)))
    return refs


# ---- units ------------------------------------------------------------------------------------

_ROLE = {Kind.META: "meta", Kind.WENHAO: "wenhao", Kind.TITLE: "title", Kind.SALUTATION: "salutation",
         Kind.PARAGRAPH: "paragraph", Kind.HEADING: "heading", Kind.ITEM: "item", Kind.CLOSING: "closing",
         Kind.SIGNATURE: "signature", Kind.DATE: "date", Kind.NOTE: "note", Kind.CC: "cc"}

# the sheet field a template's text stands in for: a finding in it points there
_FALLBACK = {
    "meta": [("handling_type",), ("header_lines",)],
    "wenhao": [("wenhao",)],
    "title": [("title",), ("session",), ("number",)],
    "salutation": [("salutation",), ("proposers",)],
    "opening": [("opening",), ("proposal_title",)],
    "paragraph": [("intro",), ("sections",)],
    "closing": [("closing",)],
    "signature": [("signature",)],
    "date": [("date",)],
    "note": [("notes",), ("disclosure",), ("contact",)],
    "cc": [("cc",)],
}


def _fallback_key(located, role: str) -> tuple:
    for key in _FALLBACK.get(role, []):
        if key in located.spans:
            return key
    return ("kind",)


def _parent(key: tuple | None) -> tuple | None:
    if not key:
        return key
    return key[:-1] if key[-1] in ("lead", "text", "heading") else key


def _scope(key: tuple | None) -> tuple | None:
    if not key or key[0] != "sections":
        return None
    for i in range(len(key) - 1, -1, -1):
        if key[i] in ("items", "paragraphs", "after", "heading"):
            return key[:i]
    return key


class Traced:
    """Characters start..end of a unit printed from a sheet text; its Pieces are worked out when a
    finding needs them."""

    __slots__ = ("start", "end", "origin", "at", "trace")

    def __init__(self, start: int, end: int, origin: FieldOrigin, at: int, trace: Trace):
        self.start, self.end, self.origin, self.at, self.trace = start, end, origin, at, trace

    def expand(self) -> list[Piece]:
        return self.trace.pieces(self.origin, self.start, self.end, self.at)


def _from_sheet(origin) -> bool:
    return isinstance(origin, FieldOrigin) and origin.file is None


def units_from_blocks(blocks: list[Block], reply, trace: Trace) -> list[Unit]:
    located = reply.located
    units: list[Unit] = []
    body_seen = False
    for block in blocks:
        role = _ROLE[block.kind]
        prefix = block.prefix
        text = block.full_text if block.kind is not Kind.CC else block.text
        own = [s for s in block.sources if _from_sheet(s.origin) and s.end > len(prefix)]
        model_key = own[0].origin.key if own else None
        if role == "paragraph":
            # The opening is the clerk's `opening`, or the template's first paragraph before the body.
            if model_key and model_key[0] == "opening" or not model_key and not body_seen:
                role = "opening"
        if role in ("paragraph", "heading", "item"):
            body_seen = True
        fallback = _fallback_key(located, role)
        matched = trace.key(model_key) if model_key else None
        owner = (_parent(matched) or fallback) if prefix else (matched or fallback)
        pieces: list = []
        pos = 0
        for s in sorted(own, key=lambda s: s.start):
            start = max(s.start, len(prefix))
            if start > pos:  # numbering drafter added, template wording, a profile's default
                pieces.append(Piece(pos, start, owner if pos < len(prefix) else fallback, 0, False))
            pieces.append(Traced(start, s.end, s.origin, s.at + (start - s.start), trace))
            pos = s.end
        if pos < len(text):
            pieces.append(Piece(pos, len(text), owner if pos < len(prefix) else fallback, 0, False))
        units.append(Unit(role, text, level=block.level if role == "heading" else 0, pieces=pieces, key=owner,
                          scope=_scope(model_key), generated_prefix=len(prefix)))
    return units


def lenient_blocks(reply) -> list[Block] | None:
    """The reply composed with its undefined facts printing nothing (they are reported as
    facts.undefined where they are cited); None when even that does not compose."""
    from drafter.compose.render import compose
    from drafter.errors import InputError

    try:
        return compose(reply, lenient=True)
    except InputError:
        return None


def document_from_reply(reply, blocks: list[Block] | None, today: dt.date | None = None) -> Document:
    if blocks is None:
        blocks = lenient_blocks(reply) or []
    trace = Trace(reply)
    units = units_from_blocks(blocks, reply, trace)
    origins = list({id(s.origin): s.origin for b in blocks for s in b.sources if _from_sheet(s.origin)}.values())
    proposal_title = next((o.rendered for o in origins if o.key == ("proposal_title",)), None)
    sheet, profile = reply.sheet, reply.profile
    ht = profile.handling_types
    doc = Document(
        units=units, path=sheet.path, kind=sheet.kind, kind_source="sheet",
        proposal_title=proposal_title or sheet.proposal_title or None,
        number=sheet.number or None, proposer_role=sheet.proposer_role, handling=sheet.handling,
        handling_type=sheet.handling_type or None, handling_labels=dict(ht.labels or {}), handling_scheme=ht.scheme,
        date=sheet.date, assigned_date=sheet.assigned_date, deadline=sheet.deadline, today=today or dt.date.today(),
        is_sheet=True,
        reply=reply, fact_refs=fact_refs(origins, reply.facts, trace),
    )
    if sheet.handling_type:
        label = ht.label
        doc.handling_type_unit = next(
            (u for u in units if u.role in ("meta", "note") and u.text.startswith(label)
             and u.text.endswith(sheet.handling_type)), None)
    return doc
