"""Where each piece of a composed reply's text came from: a sheet (or profile) field and the offset
in its text, or a template file and line. One record, made while composing, read by the checker
and by anything that jumps from printed text to the field behind it.

How it is recorded. Sheet texts reach the template as `Sourced` strings (str with an origin). While
compose renders the template (`recording()`), every `{{ value }}` that prints a Sourced string is
wrapped in invisible markers naming its origin, and the template's own text carries markers naming
its line (the code generator adds them at compile time). parse_markup strips the markers and gives
every block its `sources`: runs of its printed text and where each came from.

The markers are Unicode noncharacters (U+FDD0–U+FDD2), which no letter uses and the schema refuses
in sheets; they never reach a block. A text that holds one anyway prints unmarked.
"""

from __future__ import annotations

import contextvars
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

# Unicode noncharacters, never part of a letter (the schema refuses them in sheets), open and close
# a marker; ids and line numbers after them are chr(BASE + n), private-use characters.
OPEN, CLOSE, LINE = "\ufdd0", "\ufdd1", "\ufdd2"
BASE = 0xE000
LIMIT = 0x1900             # n < LIMIT (larger ids print unmarked)
MARKER = re.compile(f"{OPEN}(.)|{CLOSE}|{LINE}(.)(.)", re.DOTALL)
_MARKS = frozenset((OPEN, CLOSE, LINE))
_HAS_MARK = re.compile(f"[{OPEN}{CLOSE}{LINE}]").search


class FieldOrigin(NamedTuple):
    """A text of a sheet (file None) or of a profile (file = its path): the field's key as compose
    reads it (("opening", 2) is the third paragraph of the opening, however the YAML splits them),
    the text before rendering (with its {{ facts }}) and as rendered."""

    key: tuple
    value: str
    rendered: str
    file: object = None


class TemplateOrigin(NamedTuple):
    """Text a template wrote: its file name (as the loader knows it) and line."""

    name: str
    line: int


class Source(NamedTuple):
    """Characters start..end of a block's printed text (prefix + lead + text) came from origin,
    starting at offset `at` of the origin's rendered text (fields) or on its line (templates)."""

    start: int
    end: int
    origin: object
    at: int = 0


class Sourced(str):
    """A str that knows its origin; templates see an ordinary string (the origin is private)."""

    def __new__(cls, text: str, origin: FieldOrigin):
        self = super().__new__(cls, text)
        self._origin = origin
        return self


def sourced(text: str, key: tuple, value: str | None = None, file=None) -> str:
    """text (as rendered) marked as coming from the field at key (value: its text before rendering)."""
    return Sourced(text, FieldOrigin(key, text if value is None else value, text, file))


def same_origin(text: str, like: str) -> str:
    """text carrying like's origin (an escaped copy of a Sourced string keeps pointing at its field)."""
    return Sourced(text, like._origin) if type(like) is Sourced else text


# ---- recording while a template renders ---------------------------------------------------------

_RECORDING: contextvars.ContextVar[list | None] = contextvars.ContextVar("drafter_provenance", default=None)
_TEMPLATES: dict[str, int] = {}       # template name -> id (compile time, process-wide)
_TEMPLATE_NAMES: list[str] = []


@contextmanager
def recording():
    """Collect the origins of the Sourced values printed while the block runs (yields the list)."""
    origins: list = []
    token = _RECORDING.set(origins)
    try:
        yield origins
    finally:
        _RECORDING.reset(token)


def mark(value):
    """The template environment's finalize step: a Sourced value prints between markers."""
    if type(value) is not Sourced:  # (an Undefined must not be touched: any attribute raises)
        return value
    origins = _RECORDING.get()
    if origins is None or len(origins) >= LIMIT or _HAS_MARK(value):
        return value
    origins.append(value._origin)
    return f"{OPEN}{chr(BASE + len(origins) - 1)}{value}{CLOSE}"


def template_marks(data: str, name: str | None, line: int) -> str:
    """Template text with a marker naming its template and line before every line that has text
    (compile time; blank stretches stay unmarked, so empty blocks stay empty). A single character
    on its own (a colon, or the x of a loop) goes unmarked: it belongs to the line before it."""
    if not name or len(data.strip()) < 2 and "\n" not in data or any(c in _MARKS for c in data):
        return data
    ident = _TEMPLATES.get(name)
    if ident is None:
        if len(_TEMPLATE_NAMES) >= LIMIT:
            return data
        ident = _TEMPLATES[name] = len(_TEMPLATE_NAMES)
        _TEMPLATE_NAMES.append(name)
    out = []
    for i, part in enumerate(data.split("\n")):
        if part.strip() and line + i < LIMIT:
            lead = len(part) - len(part.lstrip())
            part = f"{part[:lead]}{LINE}{chr(BASE + ident)}{chr(BASE + line + i)}{part[lead:]}"
        out.append(part)
    return "\n".join(out)


# ---- reading the markers back --------------------------------------------------------------------

@dataclass
class Run:
    """A run of clean text (start..end) from one origin, `at` its offset in the origin's text."""

    start: int
    end: int
    origin: object
    at: int = 0


def unmark(text: str, origins: list, runs: list[Run]) -> str:
    """text without its markers; the runs of origin found in it are appended to runs (merged where
    one goes on: the same template line, or the same field text continuing)."""
    out: list[str] = []
    pos = clean = 0
    field, began = None, 0          # the field text open here, and where its text began
    line = None                     # the template line of the text being read
    last: Run | None = None
    for m in MARKER.finditer(text):
        start = m.start()
        if start > pos:
            n = start - pos
            out.append(text[pos:start])
            origin, at = (field, clean - began) if field is not None else (line, 0)
            if origin is not None:
                if last is not None and last.end == clean and last.origin is origin and (
                        field is None or last.at + (last.end - last.start) == at):
                    last.end = clean + n
                else:
                    last = Run(clean, clean + n, origin, at)
                    runs.append(last)
            clean += n
        pos = m.end()
        token = text[start]
        if token == OPEN:
            ident = ord(m.group(1)) - BASE
            field, began = (origins[ident] if 0 <= ident < len(origins) else None), clean
        elif token == CLOSE:
            field = None
        else:
            line = _template_origin(ord(m.group(2)) - BASE, ord(m.group(3)) - BASE)
    if pos < len(text):
        n = len(text) - pos
        out.append(text[pos:])
        origin, at = (field, clean - began) if field is not None else (line, 0)
        if origin is not None:
            runs.append(Run(clean, clean + n, origin, at))
    return "".join(out)


_TEMPLATE_ORIGINS: dict[tuple[int, int], TemplateOrigin | None] = {}


def _template_origin(ident: int, line: int) -> TemplateOrigin | None:
    found = _TEMPLATE_ORIGINS.get((ident, line))
    if found is None and 0 <= ident < len(_TEMPLATE_NAMES):
        found = _TEMPLATE_ORIGINS[(ident, line)] = TemplateOrigin(_TEMPLATE_NAMES[ident], line)
    return found


def strip_marks(text: str) -> str:
    """text without its markers (what unmark returns, without reading them)."""
    return MARKER.sub("", text)


# ---- the template environment's side ---------------------------------------------------------------

def marking(code_generator: type) -> type:
    """code_generator that marks every piece of template text with its template and line."""
    from jinja2 import nodes

    class MarkingCodeGenerator(code_generator):
        def _output_child_to_const(self, node, frame, finalize):
            const = super()._output_child_to_const(node, frame, finalize)
            if isinstance(node, nodes.TemplateData):
                return template_marks(const, self.name, node.lineno)
            return const

    return MarkingCodeGenerator


def finalizing(finalize):
    """The environment's finalize step followed by mark()."""
    def marked(value):
        value = finalize(value)
        return mark(value) if type(value) is Sourced else value
    return marked
