"""Keys as the clerk reads them, and the help table built from the screens' own bindings so that it
cannot fall out of step with the keys that really work."""

from __future__ import annotations

from typing import Iterable

from textual.binding import Binding

_NAMES = {"question_mark": "?", "escape": "Esc", "enter": "回车", "delete": "Delete", "up": "↑", "down": "↓",
          "pageup": "PageUp", "pagedown": "PageDown", "tab": "Tab"}

Section = tuple[str, Iterable[Binding], list[str]]  # where, bindings, extra "key：what" lines


def key_label(key: str) -> str:
    """"ctrl+s" → "Ctrl+S", "f1,question_mark" → "F1 / ?"."""
    parts = []
    for one in key.split(","):
        bits = one.split("+")
        shown = []
        for i, b in enumerate(bits):
            if b in _NAMES:
                shown.append(_NAMES[b])
            elif b in ("ctrl", "shift", "alt"):
                shown.append(b.capitalize())
            elif (len(b) <= 3 and b.startswith("f") and b[1:].isdigit()) or (len(b) == 1 and i > 0):
                shown.append(b.upper())  # F1, Ctrl+S
            else:
                shown.append(b)
        parts.append("+".join(shown))
    return " / ".join(parts)


def help_rows(sections: Iterable[Section]) -> list[tuple[str, str, str]]:
    """(where, key, what) rows: every described binding of each section, then its extra lines."""
    rows = []
    for where, bindings, extra in sections:
        first = True
        for b in bindings:
            if not b.description:  # system bindings such as Ctrl+C's "press Ctrl+Q to quit" notice
                continue
            rows.append((where if first else "", key_label(b.key), b.description))
            first = False
        for line in extra:
            key, _, what = line.partition("：")
            rows.append((where if first else "", key, what))
            first = False
    return rows
