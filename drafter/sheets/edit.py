"""Minimal-diff saving of YAML sheets: rewrite only the lines whose values changed.

The clerk's file is the source of truth for layout. Comments, key order, quoting, blank lines and
indentation of everything unchanged survive byte for byte, so ``git diff`` shows exactly the edit.

How the text is changed:

* Scalars are replaced in place. A changed value keeps its quote style; a plain value stays plain
  when even a stock YAML loader would read a string, else it is double-quoted (``"069"``, ``"no"``,
  ``"2024-06-18"``). A value with line breaks becomes a ``|`` block; a ``|``/``>`` block is rewritten
  at its own indentation, so only the changed lines differ. A ``""`` placeholder (how the scaffold
  writes blanks) counts as a new value, not as a quote style to keep. None is an empty value
  (``key:``, ``-``), or ``null`` inside ``[...]``.
* Flow collections (``[a, b]``, ``{name: x}``) are rewritten on one line; unchanged items verbatim.
* Mapping keys keep the file's order (a reordered dict is not a change). A new key goes right after
  the key that precedes it in the new data, or before the first key if none does; if the mapping has a
  commented-out placeholder for it (``# closing: ...``), that line is uncommented instead (keeping its
  trailing explanation and its flow style). New nested mappings and lists are written in block style.
* List items are matched by content, so an edited item is patched in place and a moved item carries
  its own text (nested content, comments) to the new place. A new item in a list whose items are
  separated by blank lines gets one too; removing an entry removes one separator with it.
* Comments: comment lines directly above a key or list item (no blank line between, same
  indentation) belong to it, and so do comment lines directly below its value that are indented
  deeper than it; they are removed and moved with it. Everything else stays where it is: the file's
  header, comments with a blank line between them and the next key, and commented-out entries such
  as ``# lead_unit: ...`` (they belong to no neighbour).
* When a value changes shape (a scalar becomes a mapping, a list becomes empty), that value's lines
  are rewritten and nothing else.

Every result is re-read with :func:`drafter.sheets.yamlio.load_yaml` and compared with the new data;
a mismatch raises :class:`EditError` and nothing is written.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.errors import InputError
from drafter.sheets.yamlio import dotted, load_yaml
from drafter.textio import atomic_write, atomic_write_text, read_text

__all__ = ["EditError", "apply_changes", "pair_items", "rename_keys", "save_sheet"]


class EditError(AssertionError):
    """The edited text would not read back as the requested data (a bug in the editor; never written)."""


# --- scalars -----------------------------------------------------------------------------------

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# Words and number-like text that some YAML loader (1.1 or 1.2) would not read as a string.
_TYPED_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_NUMBERISH = re.compile(r"[-+.]?[0-9][0-9A-Za-z_.:+\- ]*")
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_ODD_BREAKS = re.compile("[\x85\u2028\u2029\ufeff]")  # YAML line breaks / BOM: only safe escaped
_ESCAPES = {
    "\0": "\\0", "\x07": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\x0b": "\\v", "\x0c": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\u2028": "\\L",
    "\u2029": "\\P", "\ufeff": "\\uFEFF",
}
_HEADER = re.compile(r"([|>])([1-9][+-]?|[+-][1-9]?)?")
# "# key: value" or "# - item": a commented-out entry, which belongs to no neighbour.
_COMMENTED_ENTRY = re.compile(r"\s*#\s?(?:-(?:\s|$)|[^\s#:'\"][^#:]*:(?:\s|$)|(['\"]).*?\1\s*:(?:\s|$))")
_PLACEHOLDER = re.compile(r"( *)#\s?([^\s#:'\"][^#:]*?)\s*:(?:\s|$)")


_UNREADABLE = object()


def _read(doc: str) -> Any:
    """What load_yaml makes of doc (the one judge of what text means), or _UNREADABLE."""
    try:
        return load_yaml(doc).data
    except InputError:
        return _UNREADABLE


def _compose(doc: str) -> Node | None:
    try:
        return yaml.compose(doc, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _looks_typed(value: str) -> bool:
    return (value.lower() in _TYPED_WORDS or _NUMBERISH.fullmatch(value) is not None
            or _RESOLVER.resolve(ScalarNode, value, (True, False)) != _STR_TAG)


def _simple_text(value: str) -> bool:
    return bool(value) and value == value.strip() and "\n" not in value and not _NON_PRINTABLE.search(value) \
        and not _ODD_BREAKS.search(value) and not _looks_typed(value)


def _plain_ok(value: str, flow: bool) -> bool:
    """Can value be written unquoted here and read back by any loader as this very string?"""
    if not _simple_text(value):
        return False
    if flow:
        return _read(f"[{value}]") == [value] and _read(f"{{k: {value}}}") == {"k": value}
    return _read(f"k: {value}\n") == {"k": value} and _read(f"- {value}\n") == [value]


def _double(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _NON_PRINTABLE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _single(value: str) -> str | None:
    if "\n" in value or _NON_PRINTABLE.search(value) or _ODD_BREAKS.search(value):
        return None
    src = "'" + value.replace("'", "''") + "'"
    return src if _read(f"k: {src}\n") == {"k": value} else None


def _scalar(value: str, style: str | None = None, flow: bool = False) -> str:
    """One-line source for value: keep a quote style, else plain if safe, else double-quoted."""
    if style == "'":
        src = _single(value)
        if src:
            return src
    if style != '"' and _plain_ok(value, flow):
        return value
    return _double(value)


def _key(key: str, flow: bool = False) -> str:
    if _simple_text(key) and _read(f"{{{key}: x}}" if flow else f"{key}: x\n") == {key: "x"}:
        return key
    return _double(key)


def _block(value: str, folded: bool = False) -> tuple[str, str, list[str]] | None:
    """(style, chomping indicator, content lines) of a block scalar for value, or None if it cannot be one."""
    if not value.strip("\n") or value.endswith("\n\n") or "\r" in value or _NON_PRINTABLE.search(value) \
            or _ODD_BREAKS.search(value):
        return None  # keep-chomping ("|+") would swallow the blank lines that follow in the file
    body, chomp = (value[:-1], "") if value.endswith("\n") else (value, "-")
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip(" ")), None)
    if first is None or lines[first][0] in " \t" or any(lines[:first]):
        return None  # would need an indentation indicator
    if folded and any(line[:1] in (" ", "\t") for line in lines):
        folded = False
    if folded:  # in ">" one line break folds into a space, so each "\n" is written as a blank line
        lines = re.sub(r"\n+", lambda m: m.group() + "\n", body).split("\n")
    style = ">" if folded else "|"
    doc = f"k: {style}{chomp}\n" + "".join(("  " + line if line else "") + "\n" for line in lines)
    if _read(doc) == {"k": value}:
        return style, chomp, lines
    return _block(value) if folded else None


# --- text edits --------------------------------------------------------------------------------

@dataclass
class _Edit:
    start: int
    end: int
    text: str
    order: int  # creation order: of two insertions at one point, the nested (earlier) one goes first


def _apply(text: str, edits: list[_Edit]) -> str:
    out, last = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end > e.start, e.order)):
        if edit.start < last:
            raise EditError("内部错误：修改区域重叠，未保存")
        out += [text[last:edit.start], edit.text]
        last = edit.end
    out.append(text[last:])
    return "".join(out)


@dataclass
class _Slot:
    """Where a value hangs: after `key:` / `-` (ind_end is just past the indicator) or at the root."""

    kind: str  # "map", "seq" or "root"
    ind_end: int
    col: int  # column of the key or dash


@dataclass
class _Entry:
    """One key/value pair or list item of a block collection, with the lines it owns."""

    key: str | None
    value: Node
    head: int  # offset of the key or the dash
    ind_end: int  # just past ':' or '-'
    col: int = 0
    compact: bool = False  # shares its line with the parent's dash ("- lead: x")
    bstart: int = 0  # start of its own comment lines above (line start, or head when compact)
    bend: int = 0  # start of the line after its last line


def _runs(indexes: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indexes:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _fingerprint(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _align(olds: list[str], news: list[str], i0: int, j0: int) -> dict[int, int]:
    """Pair the items of a replaced stretch of a list (new index -> old index), keeping order."""
    if len(olds) == len(news):
        return {j0 + k: i0 + k for k in range(len(news))}
    score = [[0.0] * (len(news) + 1) for _ in range(len(olds) + 1)]
    sim = {}
    for i in range(len(olds) - 1, -1, -1):
        for j in range(len(news) - 1, -1, -1):
            ratio = difflib.SequenceMatcher(None, olds[i], news[j]).ratio()
            sim[i, j] = ratio if ratio >= 0.5 else 0.0
            score[i][j] = max(score[i + 1][j], score[i][j + 1], sim[i, j] + score[i + 1][j + 1] if sim[i, j] else 0.0)
    pairs, i, j = {}, 0, 0
    while i < len(olds) and j < len(news):
        if sim[i, j] and score[i][j] == sim[i, j] + score[i + 1][j + 1]:
            pairs[j0 + j] = i0 + i
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _pair(old: list[str], fresh: list[str]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, fresh, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.update(zip(range(j1, j2), range(i1, i2)))
        elif tag == "replace":
            pairs.update(_align(old[i1:i2], fresh[j1:j2], i1, j1))
    return pairs


def _fits(known: dict[int, int], old: list[str], fresh: list[str]) -> dict[int, int]:
    """Content pairs (new -> old) among the entries `known` leaves unpaired, where they keep the
    order of the known pairs (a shorthand entry expanded into a mapping is still that entry)."""
    js = [j for j in range(len(fresh)) if j not in known]
    used = set(known.values())
    is_ = [i for i in range(len(old)) if i not in used]
    found = {js[b]: is_[a] for b, a in _pair([old[i] for i in is_], [fresh[j] for j in js]).items()}
    return {j: i for j, i in found.items() if all((j2 < j) == (i2 < i) for j2, i2 in known.items())}


def _in_order(pairs: dict[int, int], weight: dict[int, int]) -> dict[int, int]:
    """The heaviest subset of pairs (new index -> old index) in which both indexes rise together:
    the entries kept in place; the others count as moved."""
    js = sorted(pairs)
    best: list[tuple[int, list[int]]] = []  # best[k]: (weight, chain of new indexes) ending at js[k]
    for k, j in enumerate(js):
        w, chain = max((best[m] for m in range(k) if pairs[js[m]] < pairs[j]), key=lambda b: b[0], default=(0, []))
        best.append((w + weight[j], chain + [j]))
    heaviest = max(best, key=lambda b: b[0], default=(0, []))[1]
    return {j: pairs[j] for j in heaviest}


def pair_items(old: list, new: list) -> dict[int, int]:
    """Which item of `old` each item of `new` is (new index -> old index), in order: equal items
    first, then, within each replaced stretch, items similar enough to be the same one edited
    (or, when the stretch keeps its length, the items in the same places)."""
    return _pair([_fingerprint(v) for v in old], [_fingerprint(v) for v in new])


class _Editor:
    """Computes the text edits that turn one YAML document into new data."""

    def __init__(self, text: str, data: Any):
        self.s = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        self.values: dict[int, Any] = {}  # id(node) -> its data as load_yaml read it
        if self.root is not None:
            self._bind(self.root, data)
        self.dashes: list[int] = []
        self.colons: list[int] = []
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.BlockEntryToken):
                self.dashes.append(token.start_mark.index)
            elif isinstance(token, yaml.ValueToken):
                self.colons.append(token.start_mark.index)
        self.dashes.sort()
        self.colons.sort()
        self._order = itertools.count()
        self._entries: dict[int, list[_Entry]] = {}
        # Indentation of new nested content, learnt from the file (PyYAML-like defaults otherwise).
        self.map_step: int | None = None
        self.seq_indent: int | None = None
        self.block_step: int | None = None
        if self.root is not None:
            self._learn(self.root)
        self.map_step = self.map_step or 2
        self.seq_indent = 2 if self.seq_indent is None else self.seq_indent
        self.block_step = self.block_step or 2

    def _bind(self, node: Node, value: Any) -> None:
        self.values[id(node)] = value
        if isinstance(node, SequenceNode) and isinstance(value, list) and len(value) == len(node.value):
            for child, item in zip(node.value, value):
                self._bind(child, item)
        elif isinstance(node, MappingNode) and isinstance(value, dict) and len(value) == len(node.value):
            for key, child in node.value:
                self._bind(child, value[key.value])
        elif not isinstance(node, ScalarNode):
            raise EditError("内部错误：文件结构与读取结果不一致，未保存")

    def data(self, node: Node) -> Any:
        return self.values[id(node)]

    # lines

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def line_start(self, n: int) -> int:
        return self.starts[n] if n < len(self.starts) else len(self.s)

    def eol(self, pos: int) -> int:
        i = self.s.find("\n", pos)
        return len(self.s) if i < 0 else i

    def col(self, pos: int) -> int:
        return pos - self.starts[self.line(pos)]

    def line_text(self, n: int) -> str:
        start = self.line_start(n)
        return self.s[start:self.eol(start)]

    def is_blank(self, n: int) -> bool:
        return 0 <= n < len(self.starts) and self.line_start(n) < len(self.s) and not self.line_text(n).strip()

    def is_comment(self, n: int) -> bool:
        return 0 <= n < len(self.starts) and self.line_text(n).lstrip().startswith("#")

    def indent(self, n: int) -> int:
        text = self.line_text(n)
        return len(text) - len(text.lstrip(" "))

    def blank_after(self, pos: int, limit: int) -> int:
        """pos moved past the blank lines starting at it (pos and limit are line starts)."""
        while pos < limit and self.is_blank(self.line(pos)):
            pos = self.line_start(self.line(pos) + 1)
        return min(pos, limit)

    def blank_before(self, pos: int, floor: int) -> int:
        while True:
            n = self.line(pos) - 1
            if n < 0 or self.starts[n] < floor or not self.is_blank(n):
                return pos
            pos = self.starts[n]

    def _edit(self, start: int, end: int, text: str) -> _Edit:
        return _Edit(start, end, text, next(self._order))

    # structure

    def content_end(self, node: Node) -> int:
        """Offset just past the last character that belongs to the value (not trailing blanks)."""
        if isinstance(node, ScalarNode):
            end = node.end_mark.index
            if node.style in ("|", ">"):  # the composer's end includes the blank lines after the block
                while end > node.start_mark.index and self.s[end - 1] in " \t\n":
                    end -= 1
            return end
        if node.flow_style or not node.value:
            return node.end_mark.index
        last = node.value[-1]
        return self.content_end(last[1] if isinstance(node, MappingNode) else last)

    def _own_comment(self, n: int, col: int) -> bool:
        return self.is_comment(n) and self.indent(n) == col and not _COMMENTED_ENTRY.match(self.line_text(n))

    def entries(self, node: Node) -> list[_Entry]:
        cached = self._entries.get(id(node))
        if cached is not None:
            return cached
        out = []
        if isinstance(node, MappingNode):
            for key, value in node.value:
                colon = self.colons[bisect.bisect_left(self.colons, key.end_mark.index)]
                out.append(_Entry(key.value, value, key.start_mark.index, colon + 1))
        else:
            for value in node.value:
                dash = self.dashes[bisect.bisect_left(self.dashes, value.start_mark.index) - 1]
                out.append(_Entry(None, value, dash, dash + 1))
        prev_end = 0
        for i, e in enumerate(out):
            e.col = self.col(e.head)
            e.compact = bool(self.s[e.head - e.col:e.head].strip())
            if e.compact:
                e.bstart = e.head
            else:
                first = n = self.line(e.head)
                while n > 0 and self.starts[n - 1] >= prev_end and self._own_comment(n - 1, e.col):
                    n -= 1
                # Comments at the very top of the file are its header, not the first key's.
                if node is self.root and i == 0 and n < first and not self.is_blank(n - 1):
                    n = first
                e.bstart = self.starts[n]
            n = self.line(max(self.content_end(e.value), e.ind_end)) + 1
            while n < len(self.starts) and self.is_comment(n) and self.indent(n) > e.col:
                n += 1
            e.bend = prev_end = self.line_start(n)
        self._entries[id(node)] = out
        return out

    def _block_indent(self, node: ScalarNode) -> int | None:
        for n in range(self.line(node.start_mark.index) + 1, self.line(self.content_end(node)) + 1):
            if self.line_text(n).strip():
                return self.indent(n)
        return None

    def _learn(self, node: Node) -> None:
        if not isinstance(node, (MappingNode, SequenceNode)) or node.flow_style or not node.value:
            return
        for e in self.entries(node):
            value = e.value
            if isinstance(value, (MappingNode, SequenceNode)) and not value.flow_style and value.value:
                child = self.entries(value)[0]
                if isinstance(node, MappingNode) and not child.compact:
                    step = child.col - e.col
                    if isinstance(value, MappingNode) and self.map_step is None and step > 0:
                        self.map_step = step
                    elif isinstance(value, SequenceNode) and self.seq_indent is None and step >= 0:
                        self.seq_indent = step
                self._learn(value)
            elif isinstance(value, ScalarNode) and value.style in ("|", ">") and self.block_step is None:
                indent = self._block_indent(value)
                if indent is not None and indent > e.col:
                    self.block_step = indent - e.col

    # rendering new values

    def _render(self, value: Any, col: int, kind: str) -> tuple[str, list[str]]:
        """(text after `key:` / `-` on the same line, following lines) for a new value."""
        if value is None:
            return "", []
        if isinstance(value, str):
            if "\n" in value:
                block = _block(value)
                if block is None:
                    return _double(value), []
                style, chomp, lines = block
                indent = " " * (col + self.block_step)
                return style + chomp, [indent + line if line else "" for line in lines]
            return _scalar(value), []
        if not value:
            return ("{}" if isinstance(value, dict) else "[]"), []
        if kind == "seq":  # compact: "- key: v" / "- - item"
            lines = self._render_block(value, col + 2)
            return lines[0].lstrip(" "), lines[1:]
        step = self.map_step if isinstance(value, dict) else self.seq_indent
        return "", self._render_block(value, col + step)

    def _render_block(self, value: dict | list, col: int) -> list[str]:
        lines: list[str] = []
        pairs = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        for key, item in pairs:
            inline, body = self._render(item, col, "map" if isinstance(value, dict) else "seq")
            head = _key(key) + ":" if isinstance(value, dict) else "-"
            lines.append(" " * col + head + (" " + inline if inline else ""))
            lines += body
        return lines

    def _render_root(self, value: Any) -> list[str]:
        if isinstance(value, (dict, list)) and value:
            return self._render_block(value, 0)
        inline, body = self._render(value, 0, "map")
        return ([inline] if inline else []) + body

    def _entry_text(self, is_map: bool, key: str | None, value: Any, col: int, tail: str = "") -> str:
        inline, body = self._render(value, col, "map" if is_map else "seq")
        head = " " * col + (_key(key) + ":" if is_map else "-")
        return "\n".join([head + (" " + inline if inline else "") + tail] + body) + "\n"

    def _flow(self, value: Any, node: Node | None = None) -> str:
        """One-line flow source for value, reusing the old source of unchanged parts."""
        if node is not None and self.data(node) == value and node.end_mark.index > node.start_mark.index:
            return self.s[node.start_mark.index:node.end_mark.index]
        if value is None:
            return "null"
        if isinstance(value, str):
            keep = isinstance(node, ScalarNode) and self.data(node) not in ("", None)
            return _scalar(value, node.style if keep else None, flow=True)
        if isinstance(value, list):
            olds = list(node.value) if isinstance(node, SequenceNode) else []
            chosen: dict[int, int] = {}
            for j, item in enumerate(value):  # unchanged items first, wherever they moved
                i = next((i for i, old in enumerate(olds) if i not in chosen.values() and self.data(old) == item), None)
                if i is not None:
                    chosen[j] = i
            for j in range(len(value)):  # then same position, for its quote style
                if j not in chosen and j < len(olds) and j not in chosen.values():
                    chosen[j] = j
            return "[" + ", ".join(self._flow(item, olds[chosen[j]] if j in chosen else None)
                                   for j, item in enumerate(value)) + "]"
        olds_map = {k.value: (k, v) for k, v in node.value} if isinstance(node, MappingNode) else {}
        parts = []
        for key, item in value.items():
            if key in olds_map:
                knode, vnode = olds_map[key]
                parts.append(f"{self.s[knode.start_mark.index:knode.end_mark.index]}: {self._flow(item, vnode)}")
            else:
                parts.append(f"{_key(key, flow=True)}: {self._flow(item)}")
        return "{" + ", ".join(parts) + "}"

    # patching

    def apply(self, new: Any, same: dict | None = None) -> str:
        """The text for new data; `same` ({list key in new: {new index: old index}}) names the items the
        editor knows to be the same entry of the file (see apply_changes)."""
        self.same = same or {}
        if self.root is None:  # empty document (maybe comments): append after them
            lines = self._render_root(new)
            if not lines:
                return self.s
            return self.s + ("\n" if self.s and not self.s.endswith("\n") else "") + "\n".join(lines) + "\n"
        return _apply(self.s, self.patch(self.root, new, _Slot("root", 0, 0), len(self.s)))

    def patch(self, node: Node, new: Any, slot: _Slot, limit: int, where: tuple = ()) -> list[_Edit]:
        """Edits turning node's text into new; limit bounds the search for placeholders; where: the
        key of new in the new data."""
        if self.data(node) == new:
            return []
        if isinstance(node, ScalarNode):
            if isinstance(new, str):
                if node.style in ("|", ">"):
                    edits = self._rewrite_block_scalar(node, new, slot)
                    if edits is not None:
                        return edits
                elif node.end_mark.index > node.start_mark.index and "\n" not in new:
                    style = None if self.data(node) in ("", None) else node.style
                    return [self._edit(node.start_mark.index, node.end_mark.index, _scalar(new, style))]
            return self._rewrite_slot(node, new, slot)
        if isinstance(new, dict if isinstance(node, MappingNode) else list):
            if node.flow_style:
                return [self._edit(node.start_mark.index, node.end_mark.index, self._flow(new, node))]
            if new:
                edits = self._patch_collection(node, new, limit, where)
                if edits is not None:
                    return edits
        return self._rewrite_slot(node, new, slot)

    def _rewrite_block_scalar(self, node: ScalarNode, new: str, slot: _Slot) -> list[_Edit] | None:
        pos = self.s.find(node.style, node.start_mark.index)
        header = _HEADER.match(self.s, pos)
        if header is None or header.group(2) and (header.group(2) != "-"):
            return None  # explicit indentation or keep-chomping: rewrite the whole value instead
        block = _block(new, folded=node.style == ">")
        if block is None:
            return None
        style, chomp, lines = block
        indent = self._block_indent(node)
        indent = " " * (slot.col + self.block_step if indent is None else indent)
        rest = self.s[header.end():self.eol(pos)]  # spaces and a comment after the indicator
        text = style + chomp + rest + "".join("\n" + (indent + line if line else "") for line in lines)
        return [self._edit(pos, self.eol(self.content_end(node)), text)]

    def _rewrite_slot(self, node: Node, new: Any, slot: _Slot) -> list[_Edit]:
        """Rewrite the whole value: from just after `key:` / `-` to the end of its last line."""
        end = self.eol(self.content_end(node))
        if slot.kind == "root":
            text = "\n".join(self._render_root(new))
            if new is None and _read(self.s[:node.start_mark.index] + self.s[end:]) is not None:
                text = "~"  # an empty body before "..." is a syntax error
            return [self._edit(node.start_mark.index, end, text)]
        x, start = slot.ind_end, node.start_mark.index
        if self.line(start) != self.line(x):  # value on the following lines: keep the key line's comment
            tail = self.s[x:self.eol(x)]
        elif isinstance(node, ScalarNode) and node.style in ("|", ">"):
            tail = self.s[_HEADER.match(self.s, self.s.find(node.style, start)).end():self.eol(start)]
        elif isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style:
            tail = ""
        else:
            tail = self.s[self.content_end(node):end]
        tail = tail if tail.strip() else ""
        inline, body = self._render(new, slot.col, slot.kind)
        text = (" " + inline if inline else "") + tail + "".join("\n" + line for line in body)
        return [self._edit(x, end, text)]

    def _patch_collection(self, node: Node, new: dict | list, limit: int, where: tuple = ()) -> list[_Edit] | None:
        es = self.entries(node)
        is_map = isinstance(node, MappingNode)
        if is_map:
            index = {e.key: i for i, e in enumerate(es)}
            plan = [("stable", index[k], v) if k in index else ("fresh", k, v) for k, v in new.items()]
        else:
            plan = self._seq_plan(es, new, getattr(self, "same", {}).get(where))
        stable = sorted(ref for tag, ref, _ in plan if tag == "stable")
        if not stable:
            return None  # nothing left in place: rewrite the value
        edits: list[_Edit] = []
        for n, (tag, ref, value) in enumerate(plan):
            if tag == "stable":
                e = es[ref]
                child = where + ((e.key if is_map else n),)
                edits += self.patch(e.value, value, _Slot("map" if is_map else "seq", e.ind_end, e.col), e.bend, child)
        edits += self._delete(es, set(stable))
        edits += self._insert(es, plan, stable, is_map, limit)
        return edits

    def _seq_plan(self, es: list[_Entry], new: list, same: dict[int, int] | None = None) -> list[tuple[str, Any, Any]]:
        """("stable", old index, value) for items kept in place (maybe edited), ("move", old index, value)
        for unchanged items that moved, ("fresh", None, value) for new ones; in the new order.
        `same` (new index -> old index): the items known to be the same entry; without it, by content."""
        old = [_fingerprint(self.data(e.value)) for e in es]
        fresh = [_fingerprint(v) for v in new]
        if same:
            known = {j: i for j, i in same.items() if 0 <= j < len(new) and 0 <= i < len(es)}
            # An unchanged entry can move with its text; a changed one keeps its lines only in place.
            pairs = _in_order(known, {j: 1 if old[i] == fresh[j] else len(new) + 1 for j, i in known.items()})
            pairs.update(_fits(pairs, old, fresh))
        else:
            pairs = _pair(old, fresh)
        unused = [i for i in range(len(es)) if i not in set(pairs.values())]
        plan = []
        for j, value in enumerate(new):
            if j in pairs:
                plan.append(("stable", pairs[j], value))
                continue
            i = next((i for i in unused if old[i] == fresh[j]), None)
            if i is None:
                plan.append(("fresh", None, value))
            else:
                unused.remove(i)
                plan.append(("move", i, value))
        return plan

    def _delete(self, es: list[_Entry], keep: set[int]) -> list[_Edit]:
        edits = []
        for run in _runs([i for i in range(len(es)) if i not in keep]):
            i, j = run[0], run[-1]
            b = j + 1 if j + 1 < len(es) else None
            if i == 0 and es[0].compact:  # "- lead: x\n  text: y" -> "- text: y"
                edits.append(self._edit(es[0].head, es[b].head, ""))
                continue
            for k in run:
                end = es[k].bend if k == j else self.blank_after(es[k].bend, es[k + 1].bstart)
                edits.append(self._edit(es[k].bstart, end, ""))
            # Keep one separator: if the run stood alone between blank lines, drop the blank lines on
            # one side (after it, or before it when it ended the collection).
            spaced_before = i == 0 or self.is_blank(self.line(es[i].bstart) - 1)
            if b is None:
                if i > 0 and spaced_before:
                    edits.append(self._edit(self.blank_before(es[i].bstart, es[i - 1].bend), es[i].bstart, ""))
            elif spaced_before:
                edits.append(self._edit(es[j].bend, self.blank_after(es[j].bend, es[b].bstart), ""))
        return edits

    def _spaced(self, es: list[_Entry], anchor: int | None) -> bool:
        """Are the items around anchor separated by blank lines (so a new one should be too)?"""
        if len(es) < 2:
            return False
        a = 0 if anchor is None else anchor if anchor + 1 < len(es) else anchor - 1
        return any(self.is_blank(n) for n in range(self.line(es[a].bend), self.line(es[a + 1].bstart)))

    def _placeholders(self, es: list[_Entry], stable: list[int], limit: int) -> dict[str, tuple[int, int, str, bool]]:
        """Commented-out keys ("# closing: ...") at the mapping's indentation, between kept entries:
        key -> (line start, line end, comment after the value, value written in flow style)."""
        found: dict[str, tuple[int, int, str, bool]] = {}
        for a in stable:
            stop = es[a + 1].bstart if a + 1 < len(es) else limit
            n = self.line(es[a].bend)
            while self.line_start(n) < min(stop, len(self.s)):
                text = self.line_text(n)
                m = _PLACEHOLDER.match(text)
                if m and len(m.group(1)) == es[0].col and m.group(2) not in found:
                    found[m.group(2)] = (self.starts[n], self.eol(self.starts[n])) + _placeholder(text)
                n += 1
        return found

    def _insert(self, es: list[_Entry], plan: list, stable: list[int], is_map: bool, limit: int) -> list[_Edit]:
        col = es[0].col
        groups: dict[int | None, list] = {}
        anchor = None
        for item in plan:
            if item[0] == "stable":
                anchor = item[1]
            else:
                groups.setdefault(anchor, []).append(item)
        if not groups:
            return []
        placeholders = self._placeholders(es, stable, limit) if is_map else {}
        edits = []
        for anchor, items in groups.items():
            texts = []
            for tag, ref, value in items:
                if tag == "fresh" and ref in placeholders:
                    start, end, tail, flow = placeholders.pop(ref)
                    if flow and isinstance(value, (dict, list)):  # keep the style the sheet showed
                        text = " " * col + f"{_key(ref)}: {self._flow(value)}{tail}"
                    else:
                        text = self._entry_text(True, ref, value, col, tail)[:-1]
                    edits.append(self._edit(start, end, text))
                elif tag == "fresh":
                    texts.append(self._entry_text(is_map, ref, value, col))
                else:
                    e = es[ref]
                    texts.append(" " * e.col * e.compact + self.s[e.bstart:e.bend])
            if not texts:
                continue
            sep = "\n" if not is_map and self._spaced(es, anchor) else ""
            if anchor is not None:
                pos = es[anchor].bend
                edits.append(self._edit(pos, pos, "".join(sep + text for text in texts)))
            elif es[0].compact:  # the first new item takes the place after the parent's dash
                first = es[stable[0]]
                edits.append(self._edit(first.head, first.head, "".join(t + sep for t in texts)[col:] + " " * col))
            else:
                first = es[stable[0]]
                edits.append(self._edit(first.bstart, first.bstart, "".join(t + sep for t in texts)))
        return edits


def _placeholder(line: str) -> tuple[str, bool]:
    """Of a commented-out entry ("# cc: [a, b]   # 抄送"): the explanatory comment after its value
    ("   # 抄送") and whether the value was written in flow style."""
    uncommented = re.sub(r"^\s*#\s?", "", line)
    node = _compose(uncommented)
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return "", False
    value = node.value[0][1]
    flow = isinstance(value, (MappingNode, SequenceNode)) and bool(value.flow_style)
    if value.end_mark.line != 0:
        return "", flow
    rest = uncommented[value.end_mark.index:]
    return (rest if rest.strip().startswith("#") and rest[:1].isspace() else ""), flow


# --- public API --------------------------------------------------------------------------------

def _check_data(value: Any, key: tuple = ()) -> None:
    if value is None or isinstance(value, str):
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            _check_data(item, key + (i,))
    elif isinstance(value, dict):
        for name, item in value.items():
            if not isinstance(name, str):
                raise TypeError(f"{dotted(key) or 'root'}: key {name!r} is not a str")
            _check_data(item, key + (name,))
    else:
        raise TypeError(f"{dotted(key) or 'root'}: {type(value).__name__} is not sheet data (str, None, list, dict)")


def _reads_as(text: str, data: Any) -> bool:
    try:
        return load_yaml(text).data == data
    except InputError:
        return False


def apply_changes(text: str, new_data: Any, path: Path | None = None, *,
                  same: dict[tuple, dict[int, int]] | None = None) -> str:
    """Return `text` rewritten so that drafter.sheets.yamlio.load_yaml(result).data == new_data,
    touching only the lines whose values changed.

    `same` ({key of a list in new_data: {new index: old index}}) says which list items are the same
    entry of the file, when the caller knows it (an editor that inserted, moved or deleted them):
    those keep their lines and comments however much they changed. Other lists are matched by content.

    text may carry a BOM and \\r\\n newlines; both are kept. An unreadable text raises InputError
    (with path in the message); new_data must be dict / list / str / None (else TypeError); a result
    that would not read back raises EditError.
    """
    _check_data(new_data)
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    crlf = "\r\n" in body
    if crlf:
        body = body.replace("\r\n", "\n")
    old_data = load_yaml(body, path).data
    if old_data == new_data:
        return text
    missing_newline = bool(body) and not body.endswith("\n")
    result = _Editor(body + "\n" if missing_newline else body, old_data).apply(new_data, same)
    if missing_newline and result.endswith("\n") and _reads_as(result[:-1], new_data):
        result = result[:-1]
    if not _reads_as(result, new_data):
        raise EditError("内部错误：修改后的文件读回来与要保存的内容不一致，未保存")
    if crlf:
        result = result.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + result


def rename_key(text: str, key: tuple, new: str) -> str:
    """text with the mapping key at `key` (e.g. ("figures", "旧名")) renamed to `new` in place:
    only the key token changes, so the entry keeps its position and its comments.
    Raises EditError when the key is not there or the result would not read back."""
    located = load_yaml(text)
    span = located.key_spans.get(tuple(key))
    if span is None:
        raise EditError(f"内部错误：找不到要改名的字段 {'.'.join(map(str, key))}")

    def rebuild(node: Any, path: tuple) -> Any:
        head, rest = path[0], path[1:]
        if not rest:
            return {(new if k == head else k): v for k, v in node.items()}
        return {k: (rebuild(v, rest) if k == head else v) for k, v in node.items()}

    result = text[: span.start] + _key(new) + text[span.end:]
    if not _reads_as(result, rebuild(located.data, tuple(key))):
        raise EditError("内部错误：改名后的文件读回来与预期不一致，未保存")
    return result


def rename_keys(text: str, renames: Iterable[tuple[tuple, str]], path: Path | None = None) -> str:
    """text with each (key, new name) rename applied in turn, in place (see rename_key). A rename whose
    key is not in the text (added since, or removed on disk), or whose new name is taken, is skipped:
    the data saved afterwards carries the entry under its new name."""
    for key, new_name in renames:
        located = load_yaml(text, path)
        key = tuple(key)
        if key in located.key_spans and key[:-1] + (new_name,) not in located.key_spans:
            text = rename_key(text, key, new_name)
    return text


def write_like(path: Path, text: str) -> None:
    """Write text (\n newlines) atomically, in the file's own style: a UTF-8 BOM and \r\n newlines
    are kept when the file on disk has them."""
    path = Path(path)
    raw = path.read_bytes() if path.exists() else b""
    bom = raw.startswith(codecs.BOM_UTF8)
    crlf = raw.count(b"\r\n") * 2 > raw.count(b"\n")  # the file's dominant newline
    if not bom and not crlf:
        atomic_write_text(path, text)
    else:
        out = text.replace("\n", "\r\n") if crlf else text
        atomic_write(path, (codecs.BOM_UTF8 if bom else b"") + out.encode("utf-8"))


def save_sheet(path: Path, new_data: Any, renames: Iterable[tuple[tuple, str]] = ()) -> bool:
    """Read the file (drafter.textio.read_text), rename keys in place, apply_changes, and write once,
    atomically, only if the text changed; return whether it wrote. Keeps the file's newline style
    (\r\n files stay \r\n) and a UTF-8 BOM."""
    path = Path(path)
    text = read_text(path)
    new = apply_changes(rename_keys(text, renames, path), new_data, path)
    if new == text:
        return False
    write_like(path, new)
    return True
