"""Where a problem is, in the clerk's words (the checker core says where; this only frames it)."""

from __future__ import annotations

from pathlib import Path

from drafter.checker.places import place
from drafter.workspace.session import Problem


def where(p: Problem | None, data=None) -> str:
    """"【正文·一、工作开展情况·二是…·展开文字】" or "profile.yaml：第3行 ": what the clerk reads before a
    problem's message. `data`: the sheet's data, for a problem analysed without it."""
    if p is None:
        return ""
    if p.file is not None:
        return f"{Path(p.file).name}{'：第%d行' % p.line if p.line else ''} "
    label = p.place or (place(data if isinstance(data, dict) else {}, p.key) if p.key else "")
    return f"【{label}】" if label else ""
