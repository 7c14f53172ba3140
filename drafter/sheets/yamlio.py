"""Safe YAML reading that keeps where every value came from.

Only PyYAML's composer is used (no constructor runs), so no tag can create Python objects and
no scalar is typed implicitly: ``069``, ``no``, ``0539-8312345`` and ``2024-06-18`` stay the
strings the clerk wrote. Each value's position is kept for error messages and for the
minimal-diff editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


_PROBLEMS = [
    ("found character '\\t'", "这里用了制表符（Tab），YAML 只能用空格缩进"),
    ("mapping values are not allowed", "冒号位置不对：值里若含“: ”，请给整个值加引号，或改用全角冒号“：”"),
    ("could not find expected ':'", "缺少冒号：每个字段应写成“名称: 值”（半角冒号后加一个空格）"),
    ("found undefined alias", "不支持 YAML 的锚点和别名（& 与 *）"),
    ("unacceptable character", "文件里有 Word 无法保存的控制字符"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("did not find expected key", "缩进不一致：同一级的字段要左对齐"),
    ("expected <block end>", "缩进不一致：同一级的字段要左对齐"),
    ("did not find expected '-' indicator", "列表缩进不一致：同一列表的“- ”要左对齐"),
    ("found unknown escape character", "双引号里的反斜杠“\\”后面跟了无效的转义字符"),
]


def _yaml_error(exc: yaml.YAMLError, path: Path | None) -> InputError:
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        where = Where(path)
        return InputError(f"文件里有 Word 无法保存的控制字符（U+{exc.character:04X}）", where)
    message = next((zh for en, zh in _PROBLEMS if en in problem), f"YAML 格式错误（{problem}）")
    where = Where(path, mark.line + 1, mark.column + 1) if mark else Where(path)
    return InputError(message, where)


def load_yaml(text: str, path: Path | None = None) -> Located:
    """Parse one YAML document into plain data with positions. Raises InputError."""
    try:
        node = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError as exc:
        if _FAST_LOADER is not yaml.SafeLoader:
            try:  # the pure-Python parser words its errors the way _PROBLEMS expects
                yaml.compose(text, Loader=yaml.SafeLoader)
            except yaml.YAMLError as exc2:
                exc = exc2
        raise _yaml_error(exc, path) from None
    located = Located(None, path, text)
    if node is not None:
        located.data = _convert(node, (), located, set())
    return located


def _style(node: Node) -> str | None:
    # libyaml reports plain scalars with style "" where the pure-Python parser says None.
    return getattr(node, "style", None) or None


def _span(node: Node) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(s.index, e.index, s.line + 1, s.column + 1, e.line + 1, _style(node))


def _where(node: Node, key: Key, located: Located) -> Where:
    return Where(located.path, node.start_mark.line + 1, node.start_mark.column + 1, dotted(key) or None)


def _convert(node: Node, key: Key, located: Located, seen: set[int]) -> Any:
    if id(node) in seen:
        raise InputError("不支持 YAML 的锚点和别名（& 与 *）", _where(node, key, located))
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise InputError(f"不允许使用标签 {tag}（可能执行代码，已拒绝）", _where(node, key, located))
    located.spans[key] = _span(node)
    if isinstance(node, ScalarNode):
        if _style(node) is None and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_convert(child, key + (i,), located, seen) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise InputError("字段名必须是简单文字", _where(key_node, key, located))
            name = key_node.value
            if name in out:
                raise InputError("字段重复出现，请删掉其中一个", _where(key_node, key + (name,), located))
            located.key_spans[key + (name,)] = _span(key_node)
            out[name] = _convert(value_node, key + (name,), located, seen)
        return out
    raise InputError("无法识别的 YAML 内容", _where(node, key, located))  # pragma: no cover - composer yields only these
