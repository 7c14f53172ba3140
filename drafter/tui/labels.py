"""Where a problem is, in the clerk's words (the checker core says where; this only frames it)."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.markup import escape
from rich.text import Text

from drafter.checker.places import place
from drafter.workspace.quickfix import quick_fix
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


def fit(text: str, width: int) -> str:
    """text cut to `width` terminal cells (Chinese characters take two), ending in … when cut."""
    if cell_len(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def problem_bar(problems: list[Problem], width: int, lines: int = 2) -> tuple[str, Problem | None]:
    """The editor's summary of the problems in at most `lines` lines of `width` cells, and the problem
    it shows. The counts and the keys (F5 when its 建议 can be applied, F4 for the list) always fit;
    the message gives way, ending in …."""
    if not problems:
        return "[green]✔ 没有发现问题[/]", None
    errors = [p for p in problems if p.blocking]
    first = errors[0] if errors else problems[0]
    parts = []
    if errors:
        parts.append(f"[b red]✖ {len(errors)} 个错误[/]")
    if len(problems) > len(errors):
        parts.append(f"[yellow]{len(problems) - len(errors)} 处提醒[/]")
    head = "，".join(parts) + "："
    keys = ("　F5改正" if quick_fix(first) is not None else "") + "　F4全部"  # no space: never split
    # a wrapped line can end a cell short (a wide character does not split): leave one per line
    room = width * lines - (lines - 1) - cell_len(Text.from_markup(head).plain) - cell_len(keys)
    body = fit(where(first) + first.describe(), max(room, 4))
    return f"{head}{escape(body)}[dim]{keys}[/]", first
