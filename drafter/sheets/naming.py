"""File names for new sheets: readable Chinese, safe on Windows."""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f《》“”"\'\s]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_name(text: str, limit: int = 60) -> str:
    """Keep Chinese characters; drop what Windows forbids in file names."""
    name = _FORBIDDEN.sub("-", text).strip("-. ")
    name = re.sub(r"-{2,}", "-", name)[:limit].rstrip("-. ")
    if name.split(".")[0].upper() in _RESERVED:
        name = "_" + name
    return name or "答复"


def sheet_file_name(number: str, proposers: list[str], title: str) -> str:
    """'069-赵洁-关于引育专精特新.yaml' from the proposal number, first proposer and title."""
    short = re.sub(r"^关于", "", title)
    short = re.sub(r"的(建议|提案|议案)$", "", short)[:16]
    parts = [p for p in (number, proposers[0] if proposers else "", short) if p]
    return safe_name("-".join(parts)) + ".yaml"
