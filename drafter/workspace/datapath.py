"""Reading and writing plain YAML data (dicts, lists, strings) by key path."""

from __future__ import annotations

import re
from typing import Any

Key = tuple

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_dotted(text: str | None) -> Key:
    """"sections[0].items[1].text" -> ("sections", 0, "items", 1, "text")."""
    if not text:
        return ()
    return tuple(int(m.group(2)) if m.group(2) is not None else m.group(1) for m in _PART.finditer(text))


def get_at(data: Any, key: Key, default: Any = None) -> Any:
    """The value at key, or default when any step is missing."""
    node = data
    for part in key:
        if isinstance(part, int):
            if not isinstance(node, list) or not -len(node) <= part < len(node):
                return default
            node = node[part]
        else:
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
    return node


def set_at(data: dict, key: Key, value: Any) -> None:
    """Set the value at key, creating mappings (or lists, before an index) on the way."""
    node = data
    for part, nxt in zip(key[:-1], key[1:]):
        child = get_at(node, (part,))
        if not isinstance(child, (dict, list)):
            child = [] if isinstance(nxt, int) else {}
            node[part] = child
        node = child
    node[key[-1]] = value


def delete_at(data: dict, key: Key) -> None:
    parent = get_at(data, key[:-1])
    if isinstance(parent, list) and isinstance(key[-1], int) and 0 <= key[-1] < len(parent):
        del parent[key[-1]]
    elif isinstance(parent, dict):
        parent.pop(key[-1], None)
