"""Writing sheet data as readable, commented YAML that loads back to the same strings.

Keys follow SHEET_FIELDS; each top-level key carries its schema label as a comment (or the
importer's note about it). Scalars are quoted where YAML would read them otherwise (yaml_scalar);
long paragraphs are block scalars broken after each 。, which the loader joins back
(model.fields.paragraphs joins the lines of one value without a separator).
"""

from __future__ import annotations

import re

from drafter.errors import one_line
from drafter.model.sheet import SHEET_FIELDS
from drafter.sheets.scaffold import flow_scalar, yaml_scalar

_BREAK = re.compile(r"(?<=[。！？；])(?=\S)")
_WIDTH = 60


def _block_ok(text: str) -> bool:
    """Whether text can be written as a `|` block split at sentence ends without changing it."""
    return (len(text) > _WIDTH and "\n" not in text and not text.startswith((" ", "\t"))
            and not re.search(r"\s$", text) and "\t" not in text and "\r" not in text
            and "\u2028" not in text and "\u2029" not in text and "\x85" not in text and "\ufeff" not in text)


def scalar_lines(text: str, indent: int) -> tuple[str, list[str]]:
    """(what follows the colon or dash, continuation lines) for one string value."""
    if _block_ok(text):
        parts = [p for p in _BREAK.split(text) if p]
        if len(parts) > 1 and all(p.strip() == p for p in parts):
            pad = " " * indent
            return "|", [pad + p for p in parts]
    return yaml_scalar(text), []


def _flow_ok(values: list) -> bool:
    return all(isinstance(v, str) and len(v) <= 30 and yaml_scalar(v) == v and not re.search(r"[,\[\]{}]", v)
               for v in values) and sum(len(v) for v in values) <= 60


FLOW_KEYS = ("proposers:", "co_units:", "cc:")


def _write_value(out: list[str], prefix: str, value, indent: int, comment: str = "") -> None:
    """Append `prefix value` (prefix is 'key:' or '-') with nested content at indent."""
    tail = f"  # {one_line(comment)}" if comment else ""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            out.append(f"{prefix} {{}}{tail}")
            return
        if prefix.endswith(":"):
            if all(isinstance(v, str) and len(v) <= 24 and not re.search(r"[,\[\]{}]", v) for v in value.values()) \
                    and len(value) <= 3:
                inner = ", ".join(f"{k}: {yaml_scalar(v)}" for k, v in value.items())
                out.append(f"{prefix} {{{inner}}}{tail}")
                return
            out.append(f"{prefix}{tail}")
            for k, v in value.items():
                _write_value(out, f"{pad}{k}:", v, indent + 2)
            return
        first = True
        for k, v in value.items():  # a mapping inside a list: "- key: …" then aligned keys
            lead = f"{prefix} {k}:" if first else f"{pad}{k}:"
            _write_value(out, lead, v, indent + 2, tail[4:] if first and tail else "")
            first = False
        return
    if isinstance(value, list):
        if not value:
            out.append(f"{prefix} []{tail}")
        elif prefix.strip() in FLOW_KEYS and _flow_ok(value):
            out.append(f"{prefix} [{', '.join(value)}]{tail}")
        else:
            out.append(f"{prefix}{tail}")
            for v in value:
                _write_value(out, f"{pad}-", v, indent + 2)
        return
    head, more = scalar_lines(str(value), indent)
    out.append(f"{prefix} {head}{tail}")
    out.extend(more)


def sheet_yaml(data: dict, comments: dict[str, str], header: list[str]) -> str:
    """The YAML text of a sheet: header comment lines, then every key in SHEET_FIELDS order."""
    out = [f"# {one_line(h)}" for h in header]  # a file name may hold a line break: never a live key
    order = list(SHEET_FIELDS)
    for key in sorted(data, key=lambda k: order.index(k) if k in order else len(order)):
        label = SHEET_FIELDS[key].described if key in SHEET_FIELDS else ""
        note = comments.get(key)
        comment = f"{label}；{note}" if note and label else (note or label)
        if key in ("sections", "opening", "intro", "closing", "notes") and isinstance(data[key], list) and data[key]:
            out.append("")
        _write_value(out, f"{key}:", data[key], 2, comment)
    return "\n".join(out) + "\n"


def profile_yaml(name: str, label: str | None, placement: str | None, source: str, letterhead: str | None = None) -> str:
    """A minimal profile for a folder that has none."""
    lines = [
        f"# 单位信息：由 drafter import 根据 {one_line(source)} 生成，请核对、补充（联系人、默认抄送、结束语等）。",
        f"name: {yaml_scalar(name)}                # 单位全称",
        "# signature:                    # 默认署名（不填则用单位全称）",
        "# contact: {name: 李明, phone: 0539-8312345}   # 默认联系人",
    ]
    if letterhead:
        lines.append("letterhead: 是                  # 原文有红头，按信函格式印红头")
        lines.append(f"letterhead_text: {yaml_scalar(letterhead)}")
    ht = {}
    if label and label != "办理类型":
        ht["label"] = label
    if placement and placement != "header":
        ht["placement"] = placement
    if ht:
        inner = ", ".join(f"{k}: {flow_scalar(v)}" for k, v in ht.items())
        lines.append(f"handling_types: {{{inner}}}   # 办理类型的印法（按导入的答复）")
    return "\n".join(lines) + "\n"
