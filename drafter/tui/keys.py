"""The help screen's table and the command palette's entries, built from the screens' bindings
so that neither can fall out of step with the keys that really work."""

from __future__ import annotations


def _fmt(key: str) -> str:
    names = {"question_mark": "?", "escape": "Esc", "enter": "回车", "delete": "Delete", "up": "↑", "down": "↓"}
    parts = []
    for one in key.split(","):
        bits = one.split("+")
        shown = []
        for i, b in enumerate(bits):
            if b in names:
                shown.append(names[b])
            elif b in ("ctrl", "shift", "alt"):
                shown.append(b.capitalize())
            elif (len(b) <= 3 and b.startswith("f") and b[1:].isdigit()) or (len(b) == 1 and i > 0):
                shown.append(b.upper())  # F1, Ctrl+S
            else:
                shown.append(b)
        parts.append("+".join(shown))
    return " / ".join(parts)


def screen_bindings():
    from drafter.tui.app import DrafterApp
    from drafter.tui.editor import EditorScreen, Outline
    from drafter.tui.listing import SheetListScreen
    from drafter.tui.screens import FactsScreen, ProfileScreen

    return [
        ("全局", DrafterApp.BINDINGS, []),
        ("答复列表", SheetListScreen.BINDINGS, ["输入文字：筛选列表", "↑/↓：选择", "Backspace：删去筛选的最后一字"]),
        ("编辑", EditorScreen.BINDINGS, ["Tab / Shift+Tab：下一项 / 上一项", "在标签栏按 ←/→：切换 基本信息/正文/开头结尾/附注与其他"]),
        ("正文结构", Outline.BINDINGS, ["↑/↓：选择小节或要点，右侧即可编辑"]),
        ("事实库", FactsScreen.BINDINGS, ["回车：插入 {{ facts.名称 }}（从编辑中按 F2 打开时）"]),
        ("单位信息", ProfileScreen.BINDINGS, []),
    ]


def help_rows() -> list[tuple[str, str, str]]:
    rows = []
    for where, bindings, extra in screen_bindings():
        first = True
        for b in bindings:
            if not b.description:  # system bindings such as Ctrl+C's "press Ctrl+Q to quit" notice
                continue
            rows.append((where if first else "", _fmt(b.key), b.description or b.action))
            first = False
        for line in extra:
            key, _, what = line.partition("：")
            rows.append((where if first else "", key, what))
            first = False
    return rows
