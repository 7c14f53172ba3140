"""Where a field is, in the reply's own words: "正文·一、工作开展情况·（一）成果转化·二是完善……·展开文字".

The numbering is the one the reply prints (compose.context): only numbered sections with a heading
count, and empty items are skipped, so the location matches the page the clerk is looking at.
"""

from __future__ import annotations

from typing import Any

from drafter.compose.context import heading_marker, item_prefix
from drafter.model.fields import yes_no
from drafter.model.schema import field_at

SEPARATOR = "·"


def short(text: Any, n: int = 12) -> str:
    """A text cut to n characters with an ellipsis (white space runs made one space)."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _blank(value: Any) -> bool:
    return not (isinstance(value, str) and value.strip())


def _section_parts(section: Any) -> tuple[str, bool]:
    """(heading, numbered) of a section entry (a bare string is its heading)."""
    if isinstance(section, dict):
        heading = section.get("heading")
        heading = heading if isinstance(heading, str) else ""
        numbered = yes_no(section.get("numbered", "是")) is not False
        return heading, numbered and bool(heading.strip())
    heading = section if isinstance(section, str) else ""
    return heading, bool(heading.strip())


def _item_text(item: Any) -> str:
    if isinstance(item, dict):
        lead, text = item.get("lead"), item.get("text")
        return lead if not _blank(lead) else text if not _blank(text) else ""
    return item if isinstance(item, str) else ""


def section_label(sections: list, index: int, level: int, width: int = 12) -> str:
    """"一、工作开展情况" (or "第2个小节（无标题）") for sections[index] at level (1 = 一、)."""
    heading, numbered = _section_parts(sections[index])
    if not heading.strip():
        return f"第{index + 1}个小节（无标题）"
    if not numbered:
        return short(heading, width)
    n = sum(1 for s in sections[: index + 1] if _section_parts(s)[1])
    return heading_marker(min(level, 4), n) + short(heading, width)


def item_label(section: Any, index: int, width: int = 12) -> str:
    """"二是完善企业梯度培育…" (or "第3个要点（空）") for items[index] of section."""
    items = section.get("items") if isinstance(section, dict) else None
    items = items if isinstance(items, list) else []
    text = _item_text(items[index]) if index < len(items) else ""
    if _blank(text):
        return f"第{index + 1}个要点（空）"
    kept = [j for j, it in enumerate(items) if not _blank(_item_text(it))]
    style = section.get("item_style") if isinstance(section, dict) else None
    style = style if isinstance(style, str) and style else "一是"
    prefix = item_prefix(style, kept.index(index) + 1, len(kept)) if style != "无" else ""
    return prefix.rstrip("，,") + short(text, width)


def place(data: Any, key: tuple, form: str = "sheet") -> str:
    """The location of key in the clerk's words; "" for the document itself."""
    if not key:
        return ""
    if form == "sheet" and key[0] == "sections":
        return _body_place(data, key)
    parts: list[str] = []
    spec = field_at(key[:1], form)
    parts.append(spec.label if spec else str(key[0]))
    if form == "facts" and len(key) > 1:
        parts.append(str(key[1]))
        rest = key[2:]
    else:
        rest = key[1:]
    for i, part in enumerate(rest):
        if isinstance(part, int):
            parts.append(f"第{part + 1}项")
        else:
            sub = field_at(key[: len(key) - len(rest) + i + 1], form)
            parts.append(sub.label if sub else str(part))
    # a nested field's own label says it all ("联系电话", not "联系人·联系电话")
    if len(parts) == 2 and field_at(key, form) is not None and not isinstance(key[-1], int) and form != "facts":
        return parts[-1]
    return SEPARATOR.join(parts)


def _body_place(data: Any, key: tuple) -> str:
    parts = ["正文"]
    node: Any = data.get("sections") if isinstance(data, dict) else None
    section: Any = None
    level = 0
    i = 1
    while i < len(key):
        part = key[i]
        if isinstance(part, int):
            name = key[i - 1]
            if name == "sections":
                if not isinstance(node, list) or part >= len(node):
                    parts.append(f"第{part + 1}个小节")
                    break
                level += 1
                parts.append(section_label(node, part, level))
                section = node[part]
                node = section
            elif name == "items":
                parts.append(item_label(section, part))
                items = section.get("items") if isinstance(section, dict) else None
                node = items[part] if isinstance(items, list) and part < len(items) else None
            else:  # a paragraph of paragraphs/after
                parts.append(f"第{part + 1}段")
        else:
            if part not in ("sections", "items"):
                spec = field_at(key[: i + 1])
                parts.append(spec.label if spec else str(part))
            node = node.get(part) if isinstance(node, dict) else None
        i += 1
    return SEPARATOR.join(parts)
