"""Safe YAML reading that keeps where every value came from.

Only PyYAML's composer is used (no constructor runs), so no tag can create Python objects and
no scalar is typed implicitly: ``069``, ``no``, ``0539-8312345`` and ``2024-06-18`` stay the
strings the clerk wrote. Each value's position is kept for error messages and for the
minimal-diff editor.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent)

from drafter.errors import InputError, Where

Key = tuple  # a path into the document: ("sections", 0, "items", 1, "lead")

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "map", "seq", "null", "bool", "int", "float", "timestamp", "binary", "merge")
}
# libyaml's composer is about 15x faster and gives the same marks (character offsets).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Span:
    """Where a value sits in the text: 0-based character offsets, 1-based line and column."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    style: str | None = None  # PyYAML scalar style: None plain, "'", '"', "|", ">"


@dataclass
class Located:
    """A YAML document as plain data (dict, list, str, None) plus the span of every value."""

    data: Any
    path: Path | None
    text: str
    spans: dict[Key, Span] = field(default_factory=dict)
    key_spans: dict[Key, Span] = field(default_factory=dict)

    def where(self, key: Key, field_name: str | None = None) -> Where:
        """The file position of the value at key (or of its nearest located parent)."""
        probe = tuple(key)
        while probe:
            span = self.spans.get(probe) or self.key_spans.get(probe)
            if span:
                return Where(self.path, span.line, span.column, field_name or dotted(key))
            probe = probe[:-1]
        return Where(self.path, 1, 1, field_name or dotted(key) or None)


def dotted(key: Key) -> str:
    """("sections", 0, "items", 1) -> "sections[0].items[1]"."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


MAX_DEPTH = 48  # nesting levels; a sheet uses about 12 (sections four deep), a profile 4

_PROBLEMS = [
    ("found character '\\t'", "这里用了制表符（Tab），YAML 只能用空格缩进"),
    ("mapping values are not allowed", "冒号位置不对：值里若含“: ”，请给整个值加引号，或改用全角冒号“：”"),
    ("could not find expected ':'", "缺少冒号：每个字段应写成“名称: 值”（半角冒号后加一个空格）"),
    ("found undefined alias", "不支持 YAML 的锚点和别名（& 与 *）"),
    ("unacceptable character", "文件里有 Word 无法保存的控制字符"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("but found '<stream end>'", "文件在这里意外结束：方括号 [ ]、花括号 { } 或引号没有闭合"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("did not find expected key", "缩进不一致：同一级的字段要左对齐"),
    ("expected <block end>", "缩进不一致：同一级的字段要左对齐"),
    ("did not find expected '-' indicator", "列表缩进不一致：同一列表的“- ”要左对齐"),
    ("found unknown escape character", "双引号里的反斜杠“\\”后面跟了无效的转义字符"),
    # PyYAML 6.0.4's scanner stops deep flow collections ([[[…) itself, before drafter sees the events
    ("exceeded maximum nesting depth", f"内容嵌套太深（超过 {MAX_DEPTH} 层），无法读取"),
]


_EXOTIC_BREAKS = ("\x85", "\u2028", "\u2029")


class _Lines:
    """1-based line and column of a character offset, counting only \\n as a line break.

    PyYAML (YAML 1.1) also breaks lines at U+0085, U+2028 and U+2029; a clerk's editor does not,
    so a position after one of them is recomputed from the offset."""

    def __init__(self, text: str):
        self.text = text
        self.exotic = any(c in text for c in _EXOTIC_BREAKS)
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"] if self.exotic else None

    def at(self, mark) -> tuple[int, int]:
        if not self.exotic:
            return mark.line + 1, mark.column + 1
        return self.at_index(mark.index)

    def at_index(self, index: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, index) - 1
        return i + 1, index - self.starts[i] + 1

    def separator_before(self, index: int) -> tuple[int, str] | None:
        """The last U+0085/U+2028/U+2029 before index on its line or the line before, if any."""
        if not self.exotic:
            return None
        text = self.text
        lo = text.rfind("\n", 0, max(0, text.rfind("\n", 0, index)))
        at = max(text.rfind(c, lo + 1, index + 1) for c in _EXOTIC_BREAKS)
        return (at, text[at]) if at >= 0 else None


def _yaml_error(exc: yaml.YAMLError, path: Path | None, lines: _Lines) -> InputError:
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        where = Where(path)
        return InputError(f"文件里有 Word 无法保存的控制字符（U+{exc.character:04X}）", where)
    message = next((zh for en, zh in _PROBLEMS if en in problem), f"YAML 格式错误（{problem}）")
    where = Where(path, *lines.at(mark)) if mark else Where(path)
    separator = lines.separator_before(mark.index) if mark else None
    if separator is not None:  # the likely cause: YAML 1.1 took an invisible character for a line break
        at, char = separator
        line, column = lines.at_index(at)
        return InputError(f"这一行有不可见的分行符 U+{ord(char):04X}（常见于从网页复制的文字），YAML 把它当作换行："
                          "请删除它，或给整个值加上引号", Where(path, line, column))
    return InputError(message, where)


_PYTHON_REPARSE_LIMIT = 1_000_000  # characters; the pure-Python parser is ~15x slower


def load_yaml(text: str, path: Path | None = None) -> Located:
    """Parse one YAML document into plain data with positions. Raises InputError.

    Built from the parser's events with an explicit stack (no recursion, no node tree): a
    document nested thousands deep is refused at MAX_DEPTH instead of exhausting the stack."""
    lines = _Lines(text)
    located = Located(None, path, text)
    try:
        located.data = _build(yaml.parse(text, Loader=_FAST_LOADER), located, lines)
    except yaml.YAMLError as exc:
        if _FAST_LOADER is not yaml.SafeLoader and len(text) <= _PYTHON_REPARSE_LIMIT:
            try:  # the pure-Python parser words its errors the way _PROBLEMS expects
                for _ in yaml.parse(text, Loader=yaml.SafeLoader):
                    pass
            except yaml.YAMLError as exc2:
                exc = exc2
        raise _yaml_error(exc, path, lines) from None
    return located


def _style(event) -> str | None:
    # libyaml reports plain scalars with style "" where the pure-Python parser says None.
    return getattr(event, "style", None) or None


class _Frame:
    __slots__ = ("value", "key", "start", "pending")

    def __init__(self, value, key: Key, start):
        self.value, self.key, self.start = value, key, start
        self.pending: str | None = None  # a mapping's key waiting for its value


def _build(events, located: Located, lines: _Lines) -> Any:
    """The document's data from its events; spans recorded as the composer would (parents first)."""
    path = located.path
    spans, key_spans = located.spans, located.key_spans
    stack: list[_Frame] = []
    root = None
    documents = 0

    def where(event, key: Key) -> Where:
        return Where(path, *lines.at(event.start_mark), dotted(key) or None)

    def span(start, end, style=None) -> Span:
        line, column = lines.at(start.start_mark)
        end_line = lines.at(end.end_mark)[0]
        return Span(start.start_mark.index, end.end_mark.index, line, column, end_line, style)

    for event in events:
        kind = type(event)
        if kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise InputError("文件里只能有一份 YAML 文档（第二个“---”之后的内容无法使用）", where(event, ()))
            continue
        if kind in (SequenceEndEvent, MappingEndEvent):
            frame = stack.pop()
            spans[frame.key] = span(frame.start, event)
            continue
        if kind not in (ScalarEvent, SequenceStartEvent, MappingStartEvent, AliasEvent):
            continue  # stream and document ends
        parent = stack[-1] if stack else None
        if parent is not None and isinstance(parent.value, dict) and parent.pending is None:
            if kind is not ScalarEvent:  # a key is a mapping or a list: not a field name
                raise InputError("字段名必须是简单文字", where(event, parent.key))
            name = event.value
            if name in parent.value:
                raise InputError("重复出现，请删掉其中一个", where(event, parent.key + (name,)))
            key_spans[parent.key + (name,)] = span(event, event, _style(event))
            parent.pending = name
            continue
        if parent is None:
            key: Key = ()
        elif isinstance(parent.value, dict):
            key = parent.key + (parent.pending,)
        else:
            key = parent.key + (len(parent.value),)
        if kind is AliasEvent:
            raise InputError("不支持 YAML 的锚点和别名（& 与 *）", where(event, key))
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise InputError(f"不允许使用标签 {shown}（可能执行代码，已拒绝）", where(event, key))
        if kind is ScalarEvent:
            value = None if _style(event) is None and event.value in _NULLS else event.value
            spans[key] = span(event, event, _style(event))
        else:
            if len(stack) >= MAX_DEPTH:
                line, column = lines.at(event.start_mark)
                raise InputError(f"内容嵌套太深（超过 {MAX_DEPTH} 层），无法读取", Where(path, line, column))
            value = {} if kind is MappingStartEvent else []
            spans[key] = None  # placeholder: parents keep their place before their children
        if parent is None:
            root = value
        elif isinstance(parent.value, dict):
            parent.value[parent.pending] = value
            parent.pending = None
        else:
            parent.value.append(value)
        if kind is not ScalarEvent:
            stack.append(_Frame(value, key, event))
    return root
