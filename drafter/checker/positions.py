"""From an offset inside a YAML value to the line and column in the file, and in-place ignores.

A scalar's value is not its source text: quotes, escapes, indentation and folded line breaks sit
between them. Plain and quoted one-line scalars map one to one; for everything else the value's
characters are matched to the source in order, skipping what YAML adds (indentation, line
breaks, quotes). Where that fails the field's start is used.
"""

from __future__ import annotations

import bisect
import re

from drafter.sheets.yamlio import Key, Located, Span

def line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


class SourceMap:
    """Line/column lookup for one Located document, with per-field alignment cached."""

    def __init__(self, located: Located):
        self.located = located
        self.starts = line_starts(located.text)
        self._aligned: dict[Key, list[tuple[int, int]]] = {}
        self._ignores: dict[int, list[tuple[int, frozenset[str] | None]]] | None = None

    # ---- positions ------------------------------------------------------------------------

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def value(self, key: Key):
        return _value_at(self.located.data, key)

    def field_start(self, key: Key) -> tuple[int, int, Key]:
        """Line and column of the value at key (or its nearest located parent)."""
        probe = tuple(key)
        while probe:
            span = self.located.spans.get(probe) or self.located.key_spans.get(probe)
            if span:
                return span.line, span.column, probe
            probe = probe[:-1]
        return 1, 1, ()

    def position(self, key: Key, value_offset: int | None) -> tuple[int, int]:
        """1-based line and column of character value_offset of the scalar at key."""
        span = self.located.spans.get(tuple(key))
        if span is None or value_offset is None:
            line, col, _ = self.field_start(key)
            return line, col
        src = self._source_offset(tuple(key), span, value_offset)
        if src is None:
            return span.line, span.column
        return self.line_col(src)

    def _source_offset(self, key: Key, span: Span, value_offset: int) -> int | None:
        value = self.value(key)
        if not isinstance(value, str):
            return None
        text = self.located.text
        if span.end_line == span.line and span.style in (None, "'", '"'):
            inner = 1 if span.style else 0
            if text[span.start + inner:span.end - inner] == value:
                return span.start + inner + min(value_offset, len(value))
        if key not in self._aligned:
            self._aligned[key] = _align(value, text, span)
        runs = self._aligned[key]
        if not runs:
            return None
        i = bisect.bisect_right(runs, (value_offset, float("inf"))) - 1
        if i < 0:
            return runs[0][1]
        v_start, s_start = runs[i]
        return s_start + (value_offset - v_start)

    # ---- in-place ignores -----------------------------------------------------------------

    def all_ignores(self) -> dict[int, list[tuple[int, frozenset[str] | None]]]:
        if self._ignores is None:
            self._ignores = _find_ignores(self.located, self.starts)
        return self._ignores

    def is_comment_line(self, line: int) -> bool:
        if not 1 <= line <= len(self.starts):
            return False
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.located.text)
        return self.located.text[start:end].lstrip().startswith("#")


def _align(value: str, text: str, span: Span) -> list[tuple[int, int]]:
    """(value offset, source offset) for the start of each run of the value between spaces and
    line breaks: the runs appear in the source in order, with YAML's indentation, folding and
    quotes between them."""
    j = span.start
    if span.style in ("|", ">"):
        nl = text.find("\n", span.start)
        j = nl + 1 if nl >= 0 else span.end
    elif span.style in ("'", '"'):
        j += 1
    out = []
    for m in _RUN.finditer(value):
        at = text.find(m.group(), j, span.end)
        if at < 0:
            break  # an escape sequence changed the text: positions stop here
        out.append((m.start(), at))
        j = at + len(m.group())
    return out


_RUN = re.compile(r"[^ \n\t]+")


IGNORE_RE = re.compile(r"#\s*drafter:\s*ignore(?:\[([^\]]*)\])?")


def parse_selectors(raw: str | None) -> frozenset[str] | None:
    if raw is None:
        return None
    return frozenset(part.strip() for part in re.split(r"[,，\s]+", raw) if part.strip())


def _value_at(data, key: Key):
    for part in key:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _find_ignores(located: Located, starts: list[int]) -> dict[int, list[tuple[int, frozenset[str] | None]]]:
    text = located.text
    out: dict[int, list[tuple[int, frozenset[str] | None]]] = {}
    if "drafter:" not in text:
        return out
    block_lines: set[int] = set()
    inline_spans: list[Span] = []
    for key, span in located.spans.items():
        if span.style in ("|", ">"):
            block_lines.update(range(span.line + 1, span.end_line + 1))
        elif span.style in ("'", '"') or (span.end_line > span.line and isinstance(_value_at(located.data, key), str)):
            inline_spans.append(span)  # a quoted or multi-line plain scalar: a '#' inside is text
    for m in IGNORE_RE.finditer(text):
        line = bisect.bisect_right(starts, m.start()) - 1 + 1
        if line in block_lines:
            continue  # a '#' inside a block scalar is text, not a comment
        if any(s.start <= m.start() < s.end for s in inline_spans):
            continue
        if m.start() > 0 and text[m.start() - 1] not in " \t\n":
            continue  # YAML comments need white space before '#'
        out.setdefault(line, []).append((m.start(), parse_selectors(m.group(1))))
    return out


