"""Minimal-diff YAML saving, through drafter.sheets.edit.

drafter.sheets.edit is the real implementation. Until it is present (it is written in parallel)
a small stand-in keeps the workspace usable: changed one-line scalars are replaced in place,
anything else re-dumps the document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from drafter.sheets.yamlio import Located, load_yaml
from drafter.textio import atomic_write_text, read_text


def _real():
    try:
        from drafter.sheets import edit
    except ImportError:
        return None
    return edit


def apply_changes(text: str, new_data: Any, path: Path | None = None) -> str:
    """text with new_data written into it, changing as few lines as possible."""
    edit = _real()
    if edit is not None:
        return edit.apply_changes(text, new_data, path)
    return _fallback_apply(text, new_data, path)


def save_file(path: Path, new_data: Any) -> bool:
    """Write new_data into the YAML file at path (minimal diff). False when nothing changed."""
    edit = _real()
    if edit is not None:
        return bool(edit.save_sheet(path, new_data))
    old = read_text(path)
    new = _fallback_apply(old, new_data, path)
    if new == old:
        return False
    atomic_write_text(path, new)
    return True


# ---- stand-in ---------------------------------------------------------------------------

def _scalar(value: str) -> str:
    from drafter.sheets.scaffold import yaml_scalar

    return yaml_scalar(value) if value != "" else '""'


def _fallback_apply(text: str, new_data: Any, path: Path | None) -> str:
    located = load_yaml(text, path)
    edits: list[tuple[int, int, str]] = []
    if not _diff(located, (), located.data, new_data, edits):
        return yaml.safe_dump(new_data, allow_unicode=True, sort_keys=False, width=10**6)
    for start, end, repl in sorted(edits, reverse=True):
        text = text[:start] + repl + text[end:]
    return text


def _diff(located: Located, key: tuple, old: Any, new: Any, edits: list) -> bool:
    """Collect in-place edits; False when the change is not a simple scalar replacement."""
    if old == new:
        return True
    if isinstance(old, dict) and isinstance(new, dict):
        if list(old) != [k for k in new if k in old] or set(old) - set(new):
            return False
        for name in new:
            if name not in old:
                if key or not isinstance(new[name], str) or "\n" in new[name]:
                    return False
                tail = "" if located.text.endswith("\n") else "\n"
                edits.append((len(located.text), len(located.text), f"{tail}{name}: {_scalar(new[name])}\n"))
            elif not _diff(located, key + (name,), old[name], new[name], edits):
                return False
        return True
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return False
        return all(_diff(located, key + (i,), o, n, edits) for i, (o, n) in enumerate(zip(old, new)))
    span = located.spans.get(key)
    if (span and isinstance(old, str) and isinstance(new, str) and span.style in (None, "", "'", '"')
            and span.line == span.end_line and "\n" not in new and span.end > span.start):
        edits.append((span.start, span.end, _scalar(new)))
        return True
    return False
