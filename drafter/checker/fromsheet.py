"""A reply sheet as a checker Document: printed texts that remember their YAML fields.

Each text field of the sheet is processed the way the schema and the composer process it
(lines joined, paragraphs split, {{ facts.name }} inserted, half-width punctuation converted),
keeping, for every printed character, the field and the offset in its value it came from. The
composed blocks give the order and the numbering; each block part is matched to the field text
that produced it. Parts no field produced (template wording) point at the field that would
override them. Without blocks (the reply does not compose) the units are built in the built-in
template's order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from dataclasses import dataclass

from drafter.checker.document import Deferred, Document, Piece, Unit
from drafter.compose.punctuation import to_fullwidth
from drafter.model.blocks import Block, Kind
from drafter.model.sheet import NONE_WORDS
from drafter.model.fields import yes_no

_EXPR = re.compile(r"\{\{(.*?)\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_SIMPLE_REF = re.compile(r"^-?\s*facts\s*(?:\.\s*([^\W\d]\w*)|\[\s*['\"]([^'\"]+)['\"]\s*\])\s*-?$")
_ANY_REF = re.compile(r"facts\s*(?:\.\s*([^\W\d]\w*)|\[\s*['\"]([^'\"]+)['\"]\s*\])")
_PARA_BREAK = re.compile(r"\n\s*\n")
_ASCII_PUNCT = re.compile(r"[,:;!?()]")


def _fullwidth(text: str) -> str:
    """compose.punctuation.to_fullwidth, skipped (cheaply) when there is nothing to convert."""
    return to_fullwidth(text) if _ASCII_PUNCT.search(text) else text


@dataclass
class Text:
    """A string and where each run of it came from (Pieces with offsets into this string)."""

    text: str
    pieces: list[Piece]

    def shifted(self, by: int) -> list[Piece]:
        return [Piece(p.start + by, p.end + by, p.key, p.value_start, p.exact) for p in self.pieces]


class FactRef:
    """A {{ facts.name }} in a sheet text: what it names and (worked out when asked) where it is."""

    __slots__ = ("name", "fact", "expr", "_where", "_locate")

    def __init__(self, name: str, fact, expr: str, where: tuple | None = None, locate=None):
        self.name, self.fact, self.expr = name, fact, expr
        self._where, self._locate = where, locate  # locate: () -> (key, value offset)

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


class FieldText:
    """One printed text of a sheet field. Its pieces (where each character came from) are only
    worked out when a finding needs a position."""

    __slots__ = ("key", "kind", "text", "_printed", "_build", "used")

    def __init__(self, key: tuple | None, kind: Kind, text: str, printed: Text | None = None, build=None):
        self.key, self.kind, self.text = key, kind, text
        self._printed, self._build, self.used = printed, build, False

    @property
    def printed(self) -> Text:
        if self._printed is None:
            built = self._build()
            self._printed = Text(self.text, built.pieces)
        return self._printed


# ---- the schema's text processing, with offsets ----------------------------------------------

def _line(raw: str, key: tuple) -> Text:
    """fields.line: lines stripped and joined with one space."""
    out, pieces, pos = [], [], 0
    length = 0
    for part in raw.split("\n"):
        stripped = part.strip()
        if stripped:
            lead = len(part) - len(part.lstrip())
            if out:
                pieces.append(Piece(length, length + 1, key, pos + lead, False))
                out.append(" ")
                length += 1
            pieces.append(Piece(length, length + len(stripped), key, pos + lead, True))
            out.append(stripped)
            length += len(stripped)
        pos += len(part) + 1
    return Text("".join(out), pieces)


def _paragraph_blocks(raw: str, key: tuple) -> list[Text]:
    """fields.paragraphs for one string: blank lines split paragraphs, lines join without space."""
    texts = []
    starts = [0] + [m.end() for m in _PARA_BREAK.finditer(raw)]
    ends = [m.start() for m in _PARA_BREAK.finditer(raw)] + [len(raw)]
    for b_start, b_end in zip(starts, ends):
        out, pieces, length, pos = [], [], 0, b_start
        for part in raw[b_start:b_end].split("\n"):
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                pieces.append(Piece(length, length + len(stripped), key, pos + lead, True))
                out.append(stripped)
                length += len(stripped)
            pos += len(part) + 1
        if out:
            texts.append(Text("".join(out), pieces))
    return texts


def _per_string(raw, key: tuple, blocks) -> list:
    """fields.paragraphs over a string or a list of strings: blocks(text, key) of each (a list item's
    key ends in its index); anything else has none."""
    if isinstance(raw, list):
        out = []
        for i, item in enumerate(raw):
            if isinstance(item, str):
                out += blocks(item, key + (i,))
        return out
    if isinstance(raw, str):
        return blocks(raw, key)
    return []


def _paragraphs(raw, key: tuple) -> list[Text]:
    return _per_string(raw, key, _paragraph_blocks)


def _concat(texts: list[Text]) -> Text:
    out, pieces, length = [], [], 0
    for t in texts:
        pieces += t.shifted(length)
        out.append(t.text)
        length += len(t.text)
    return Text("".join(out), pieces)


# Fast versions: the printed text now, the pieces (build) only when a position is needed.

def _fast_line(raw: str, key: tuple) -> tuple[str, tuple, object]:
    text = raw.strip() if "\n" not in raw else " ".join(filter(None, map(str.strip, raw.split("\n"))))
    return text, key, lambda: _line(raw, key)


def _fast_lines(raw, key: tuple) -> list[tuple[str, tuple, object]]:
    if isinstance(raw, list):
        return [_fast_line(v, key + (i,)) for i, v in enumerate(raw) if isinstance(v, str)]
    if isinstance(raw, str):
        return [_fast_line(raw, key)]
    return []


def _fast_blocks(raw: str, key: tuple) -> list[tuple[str, tuple, object]]:
    out = []
    if "\n" not in raw:
        texts = [raw.strip()]
    else:
        texts = ["".join(map(str.strip, block.split("\n"))) for block in _PARA_BREAK.split(raw)]
    n = 0
    for text in texts:
        if text:
            out.append((text, key, lambda n=n: _paragraph_blocks(raw, key)[n]))
            n += 1
    return out


def _fast_paragraphs(raw, key: tuple) -> list[tuple[str, tuple, object]]:
    return _per_string(raw, key, _fast_blocks)


def _fast_joined(raw, key: tuple) -> tuple[str, tuple, object]:
    parts = _fast_paragraphs(raw, key)
    first_key = parts[0][1] if parts else key
    return "".join(p[0] for p in parts), first_key, lambda: _concat(_paragraphs(raw, key))


# ---- rendering {{ facts.name }} ---------------------------------------------------------------

class Renderer:
    """Inserts facts into sheet texts the way compose does, recording every reference."""

    def __init__(self, reply):
        self.reply = reply
        self.facts = reply.facts.items
        self.refs: list[FactRef] = []
        self.errors: list = []  # InputError from texts that need full Jinja
        self._env = None
        self._budget = None

    @staticmethod
    def _origin(t: Text, offset: int) -> tuple[tuple | None, int]:
        for p in t.pieces:
            if p.start <= offset < p.end:
                return p.key, p.value_start + (offset - p.start if p.exact else 0)
        last = t.pieces[-1] if t.pieces else None
        return (last.key, last.value_start) if last else (None, 0)

    def _printed(self, name: str, fact) -> str:
        """What a fact prints as; one citing other facts is rendered as compose renders it."""
        if fact is None:
            return ""
        if "{" not in str(fact):
            return str(fact)
        from drafter.compose.facts import fact_library
        from drafter.errors import InputError

        try:
            with self._within_budget():
                return str(fact_library(self.reply.facts)[name])
        except InputError as exc:
            self.errors.append(exc)
            return ""

    def _within_budget(self):
        """One time and size budget for all of the reply's texts, as compose has."""
        from drafter.compose.budget import Budget, budget_scope

        if self._budget is None:
            self._budget = Budget()
        return budget_scope(self._budget)

    def render_fast(self, text: str, build) -> str | None:
        """The printed text when every {{ }} is a plain facts.name (else None); references are
        recorded with their positions worked out from build() only when asked for."""
        matches = list(_EXPR.finditer(text))
        refs = []
        for m in matches:
            sm = _SIMPLE_REF.match(m.group(1).strip()) if m.group(1) is not None else None
            if sm is None:
                return None
            refs.append((sm.group(1) or sm.group(2), m))
        out, pos = [], 0
        for name, m in refs:
            fact = self.facts.get(name)
            out.append(text[pos:m.start()])
            out.append(self._printed(name, fact))
            pos = m.end()
            self.refs.append(FactRef(name, fact, m.group(0),
                                     locate=lambda at=m.start(): self._origin(build(), at)))
        out.append(text[pos:])
        return "".join(out)

    def render(self, t: Text, record: bool = True) -> Text:
        if "{" not in t.text:
            return t
        matches = list(_EXPR.finditer(t.text))
        if not matches:
            return t
        simple = all(m.group(1) is not None and _SIMPLE_REF.match(m.group(1).strip()) for m in matches)
        for m in matches if record else ():
            for ref in _ANY_REF.finditer(m.group(0)):
                name = ref.group(1) or ref.group(2)
                self.refs.append(FactRef(name, self.facts.get(name), m.group(0), where=self._origin(t, m.start())))
        if not simple:
            return self._render_whole(t)
        out, pieces, length, pos = [], [], 0, 0
        for m in matches:
            if m.start() > pos:
                seg = self._slice(t, pos, m.start())
                pieces += seg.shifted(length)
                out.append(seg.text)
                length += len(seg.text)
            sm = _SIMPLE_REF.match(m.group(1).strip())
            name = sm.group(1) or sm.group(2)
            fact = self.facts.get(name)
            value = self._printed(name, fact)
            if value:
                key, off = self._origin(t, m.start())
                pieces.append(Piece(length, length + len(value), key, off, False))
                out.append(value)
                length += len(value)
            pos = m.end()
        if pos < len(t.text):
            seg = self._slice(t, pos, len(t.text))
            pieces += seg.shifted(length)
            out.append(seg.text)
        return Text("".join(out), pieces)

    @staticmethod
    def _slice(t: Text, start: int, end: int) -> Text:
        pieces = []
        for p in t.pieces:
            s, e = max(p.start, start), min(p.end, end)
            if s < e:
                vs = p.value_start + (s - p.start if p.exact else 0)
                pieces.append(Piece(s - start, e - start, p.key, vs, p.exact))
        return Text(t.text[start:end], pieces)

    def _render_whole(self, t: Text) -> Text:
        from drafter.compose.environment import render_text
        from drafter.compose.facts import fact_library
        from drafter.errors import InputError

        key, off = self._origin(t, 0)
        try:
            where = self.reply.located.where(key or ())
            with self._within_budget():
                text = render_text(t.text, {"facts": fact_library(self.reply.facts)}, where)
        except InputError as exc:
            self.errors.append(exc)
            return Text("", [])
        return Text(text, [Piece(0, len(text), key, off, False)])


# ---- collecting the sheet's printed texts ------------------------------------------------------

_NORMALISED = {Kind.META, Kind.TITLE, Kind.SALUTATION, Kind.PARAGRAPH, Kind.HEADING, Kind.ITEM,
               Kind.CLOSING, Kind.SIGNATURE, Kind.NOTE, Kind.CC}


class SheetTexts:
    """Every printed text of a sheet, in sheet order, ready to be matched to blocks."""

    def __init__(self, reply):
        self.reply = reply
        self.renderer = Renderer(reply)
        self.fields: list[FieldText] = []
        self.structure: list[tuple] = []  # for the block-less fallback: (role, level, FieldText, prefix, scope)
        data = reply.located.data or {}
        self._collect(data)

    def _add(self, key_texts: list[Text], kind: Kind) -> list[FieldText]:
        out = []
        for t in key_texts:
            rendered = self.renderer.render(t)
            text = _fullwidth(rendered.text) if kind in _NORMALISED else rendered.text
            if not text.strip():
                continue
            key = t.pieces[0].key if t.pieces else None
            ft = FieldText(key, kind, text, Text(text, rendered.pieces))
            self.fields.append(ft)
            out.append(ft)
        return out

    def _add_plain(self, texts: list[tuple[str, tuple, object]], kind: Kind) -> list[FieldText]:
        """Texts without {{ }}: printed text now, pieces when asked for (build())."""
        out = []
        for text, key, build in texts:
            if "{" in text:
                rendered = self.renderer.render_fast(text, build)
                if rendered is None:
                    out += self._add([build()], kind)
                    continue
                text = rendered
                build = (lambda b=build: self.renderer.render(b(), record=False))
            if kind in _NORMALISED:
                text = _fullwidth(text)
            if not text.strip():
                continue
            ft = FieldText(key, kind, text, None, build)
            self.fields.append(ft)
            out.append(ft)
        return out

    def _single(self, data: dict, name: str, kind: Kind) -> FieldText | None:
        raw = data.get(name)
        if not isinstance(raw, str) or raw.strip() in NONE_WORDS:
            return None
        found = self._add_plain([_fast_line(raw, (name,))], kind)
        return found[0] if found else None

    def _collect(self, data: dict) -> None:
        from drafter.compose.context import heading_marker, item_prefix

        s = self.structure
        for ft in self._add_plain(_fast_lines(data.get("header_lines"), ("header_lines",)), Kind.META):
            s.append(("meta", 0, ft, "", None))
        wenhao = self._single(data, "wenhao", Kind.WENHAO)
        if wenhao:
            s.append(("wenhao", 0, wenhao, "", None))
        title = self._single(data, "title", Kind.TITLE)
        if title:
            s.append(("title", 0, title, "", None))
        salutation = self._single(data, "salutation", Kind.SALUTATION)
        if salutation:
            s.append(("salutation", 0, salutation, "", None))
        self.proposal_title = self._single(data, "proposal_title", Kind.PARAGRAPH)
        if self.proposal_title:
            self.fields.remove(self.proposal_title)  # printed only inside other texts
        for ft in self._add_plain(_fast_paragraphs(data.get("opening"), ("opening",)), Kind.PARAGRAPH):
            s.append(("opening", 0, ft, "", None))
        for ft in self._add_plain(_fast_paragraphs(data.get("intro"), ("intro",)), Kind.PARAGRAPH):
            s.append(("paragraph", 0, ft, "", None))

        def sections(raw, key: tuple, level: int) -> None:
            if not isinstance(raw, list):
                return
            n = 0
            for i, sec in enumerate(raw):
                k = key + (i,)
                if isinstance(sec, str):
                    sec = {"heading": sec}
                    heading_key = k
                elif isinstance(sec, dict):
                    heading_key = k + ("heading",)
                else:
                    continue
                heading = sec.get("heading")
                numbered = yes_no(sec.get("numbered", "是")) is not False
                if isinstance(heading, str) and heading.strip():
                    n += 1 if numbered else 0
                    marker = heading_marker(min(level, 4), n) if numbered else ""
                    for ft in self._add_plain([_fast_line(heading, heading_key)], Kind.HEADING):
                        s.append(("heading", level, ft, marker, k))
                for ft in self._add_plain(_fast_paragraphs(sec.get("paragraphs"), k + ("paragraphs",)), Kind.PARAGRAPH):
                    s.append(("paragraph", level, ft, "", k))
                items = sec.get("items")
                if isinstance(items, str):
                    items = [items]
                    item_keys = [k + ("items",)]
                elif isinstance(items, list):
                    item_keys = [k + ("items", j) for j in range(len(items))]
                else:
                    items, item_keys = [], []
                style = str(sec.get("item_style") or "一是").strip()
                kept = [(item, ik) for item, ik in zip(items, item_keys) if _has_text(item)]  # as compose does
                for j, (item, ik) in enumerate(kept):
                    prefix = item_prefix(style, j + 1, len(kept))
                    if isinstance(item, str):
                        lead, text = None, _fast_joined(item, ik)
                    elif isinstance(item, dict):
                        lead = _fast_line(item["lead"], ik + ("lead",)) if isinstance(item.get("lead"), str) else None
                        text = _fast_joined(item.get("text"), ik + ("text",))
                    else:
                        continue
                    lead_ft = next(iter(self._add_plain([lead], Kind.ITEM)), None) if lead and lead[0] else None
                    text_ft = next(iter(self._add_plain([text], Kind.ITEM)), None) if text[0] else None
                    if lead_ft or text_ft:
                        s.append(("item", level, (lead_ft, text_ft, ik), prefix, k))
                sections(sec.get("sections"), k + ("sections",), level + 1)
                for ft in self._add_plain(_fast_paragraphs(sec.get("after"), k + ("after",)), Kind.PARAGRAPH):
                    s.append(("paragraph", level, ft, "", k))

        sections(data.get("sections"), ("sections",), 1)
        for ft in self._add_plain(_fast_paragraphs(data.get("closing"), ("closing",)), Kind.CLOSING):
            s.append(("closing", 0, ft, "", None))
        signature = self._single(data, "signature", Kind.SIGNATURE)
        if signature:
            s.append(("signature", 0, signature, "", None))
        for ft in self._add_plain(_fast_lines(data.get("notes"), ("notes",)), Kind.NOTE):
            s.append(("note", 0, ft, "", None))


def _has_text(item) -> bool:
    parts = [item] if isinstance(item, str) else [item.get("lead"), item.get("text")] if isinstance(item, dict) else []
    return any(isinstance(v, str) and v.strip() for v in parts)


# ---- units --------------------------------------------------------------------------------------

_ROLE = {Kind.META: "meta", Kind.WENHAO: "wenhao", Kind.TITLE: "title", Kind.SALUTATION: "salutation",
         Kind.PARAGRAPH: "paragraph", Kind.HEADING: "heading", Kind.ITEM: "item", Kind.CLOSING: "closing",
         Kind.SIGNATURE: "signature", Kind.DATE: "date", Kind.NOTE: "note", Kind.CC: "cc"}

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


class _Pool:
    def __init__(self, fields: list[FieldText]):
        self.by_text: dict[str, deque[FieldText]] = {}
        for ft in fields:
            self.by_text.setdefault(ft.text.strip(), deque()).append(ft)

    def take(self, text: str) -> FieldText | None:
        queue = self.by_text.get(text.strip())
        while queue:
            ft = queue.popleft()
            if not ft.used:
                ft.used = True
                return ft
        return None


def _template_piece(start: int, end: int, key: tuple) -> Piece:
    return Piece(start, end, key, 0, False)


def units_from_blocks(blocks: list[Block], texts: SheetTexts) -> list[Unit]:
    reply = texts.reply
    located = reply.located
    pool = _Pool(texts.fields)
    units: list[Unit] = []
    body_seen = False
    for block in blocks:
        role = _ROLE[block.kind]
        prefix = block.prefix
        if prefix and not (block.lead or block.text):
            continue  # an item or heading still to be written (a new sheet): nothing to proofread
        pieces: list[Piece] = []
        matched_key = None
        pos = len(prefix)
        for part_text in (block.lead, block.text):
            if part_text:
                ft = pool.take(part_text)
                if ft is not None:
                    pieces.append(Deferred(pos, ft))
                    matched_key = matched_key or ft.key
                pos += len(part_text)
        text = block.full_text if block.kind is not Kind.CC else block.text
        if role == "paragraph":
            # The opening is the clerk's `opening`, or the template's first paragraph before the body.
            if matched_key and matched_key[0] == "opening":
                role = "opening"
            elif not matched_key and not body_seen:
                role = "opening"
        if role in ("paragraph", "heading", "item"):
            body_seen = True
        fallback = _fallback_key(located, role)
        if not pieces:
            pieces = _partial(block, texts, role, fallback)
        if prefix:
            owner = _parent(matched_key) or fallback
            pieces.insert(0, _template_piece(0, len(prefix), owner))
        unit = Unit(role, text, level=block.level if role == "heading" else 0, pieces=pieces,
                    key=_parent(matched_key) if prefix else (matched_key or fallback),
                    scope=_scope(matched_key), generated_prefix=len(prefix))
        units.append(unit)
    return units


def _partial(block: Block, texts: SheetTexts, role: str, fallback: tuple) -> list[Piece]:
    """Pieces for a block no single field produced: find field texts inside the template's words."""
    text = block.full_text
    pieces: list[Piece] = []
    candidates = []
    if role == "wenhao":
        candidates = [ft for ft in texts.fields if ft.kind is Kind.WENHAO]
    elif role in ("opening", "title") and texts.proposal_title is not None:
        candidates = [texts.proposal_title]
    for ft in candidates:
        at = text.find(ft.text)
        if at >= 0:
            if at > 0:
                pieces.append(_template_piece(0, at, fallback))
            pieces.append(Deferred(at, ft))
            end = at + len(ft.text)
            if end < len(text):
                pieces.append(_template_piece(end, len(text), fallback))
            return pieces
    return [_template_piece(0, len(text), fallback)]


def units_from_structure(texts: SheetTexts) -> list[Unit]:
    """Units in the built-in template's order, for a reply that does not compose."""
    units = []
    for role, level, what, prefix, scope in texts.structure:
        if role == "item":
            lead_ft, text_ft, ik = what
            pieces = [_template_piece(0, len(prefix), ik)] if prefix else []
            body = ""
            for ft in (lead_ft, text_ft):
                if ft:
                    pieces.append(Deferred(len(prefix) + len(body), ft))
                    body += ft.text
            units.append(Unit("item", prefix + body, pieces=pieces, key=ik, scope=scope, generated_prefix=len(prefix)))
            continue
        ft = what
        pieces = ([_template_piece(0, len(prefix), _parent(ft.key))] if prefix else []) + [Deferred(len(prefix), ft)]
        units.append(Unit(role, prefix + ft.text, level=level, pieces=pieces, key=ft.key,
                          scope=scope, generated_prefix=len(prefix)))
    return units


def document_from_reply(reply, blocks: list[Block] | None, today: dt.date | None = None) -> Document:
    texts = SheetTexts(reply)
    units = units_from_blocks(blocks, texts) if blocks is not None else units_from_structure(texts)
    sheet, profile = reply.sheet, reply.profile
    ht = profile.handling_types
    doc = Document(
        units=units, path=sheet.path, kind=sheet.kind, kind_source="sheet",
        proposal_title=texts.proposal_title.text if texts.proposal_title else None,
        number=sheet.number or None, proposer_role=sheet.proposer_role, handling=sheet.handling,
        handling_type=sheet.handling_type or None, handling_labels=dict(ht.labels or {}), handling_scheme=ht.scheme,
        date=sheet.date, assigned_date=sheet.assigned_date, deadline=sheet.deadline, today=today or dt.date.today(), is_sheet=True,
        reply=reply, fact_refs=texts.renderer.refs,
    )
    if sheet.handling_type:
        label = ht.label
        doc.handling_type_unit = next(
            (u for u in units if u.role in ("meta", "note") and u.text.startswith(label)
             and u.text.endswith(sheet.handling_type)), None)
    return doc
