"""Small helpers the subcommands share."""

from __future__ import annotations

import sys
from pathlib import Path


def say(text: str) -> None:
    print(text, flush=True)


def err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def expand_sheets(paths: list[Path]) -> list[Path]:
    """Sheets named, and every sheet under the folders named; an empty folder is an error."""
    from drafter.sheets.load import expand_sheets as expand

    return expand(paths, require_found=True)
