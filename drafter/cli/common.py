"""Small helpers the subcommands share."""

from __future__ import annotations

import sys
from pathlib import Path

from drafter.errors import InputError, Where


def say(text: str) -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def expand_sheets(paths: list[Path]) -> list[Path]:
    """Sheets named, and every sheet under the folders named."""
    from drafter.sheets.load import find_sheets

    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = find_sheets(p)
            if not found:
                raise InputError("文件夹里没有答复事实单", Where(p))
            out += found
        else:
            out.append(p)
    return out
