"""Where a problem is, in the clerk's words."""

from __future__ import annotations

from pathlib import Path

from drafter.sheets.yamlio import dotted
from drafter.tui import fields as F
from drafter.workspace.session import Problem


def where(p: Problem | None) -> str:
    """"【答复日期】" or "profile.yaml：第3行 ": what the clerk reads before a problem's message."""
    if p is None:
        return ""
    spec_label = label_of(p.key)
    if p.file is not None:
        return f"{Path(p.file).name}{'：第%d行' % p.line if p.line else ''} "
    return f"【{spec_label}】" if spec_label else (f"【{dotted(p.key)}】" if p.key else "")


def label_of(key: tuple) -> str:
    """The form's label for the field at key ("" when the form has none)."""
    for spec in F.BASIC + F.OPENING + F.OTHER:
        if key[: len(spec.key)] == spec.key:
            return spec.label
    if key and key[0] == "sections":
        names = {"heading": "小节标题", "lead": "要点句", "text": "展开文字", "paragraphs": "段落",
                 "after": "要点之后的段落", "numbered": "自动编号", "item_style": "要点样式"}
        parts = ["正文"]
        for name, index in zip(key[::2], key[1::2]):
            if isinstance(index, int):
                parts.append(f"第{index + 1}个要点" if name == "items" else f"第{index + 1}部分")
        if len(key) % 2 == 1 and key[-1] in names:
            parts.append(names[key[-1]])
        return "·".join(parts)
    return ""
