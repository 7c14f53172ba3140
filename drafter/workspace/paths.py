"""Which kind of YAML file a path is, and the profile and facts files a sheet uses."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import InputError
from drafter.sheets.load import FACTS_NAME, PROFILE_NAME, is_sheet_text
from drafter.textio import read_text


def file_kind(path: Path) -> str:
    """What a workspace YAML file is: "sheet", "profile" or "facts"."""
    path = Path(path)
    if path.name == FACTS_NAME:
        return "facts"
    if path.name == PROFILE_NAME:
        return "profile"
    try:
        text = read_text(path)
    except InputError:
        return "sheet"
    if is_sheet_text(text):
        return "sheet"
    return "facts" if re.search(r"^(figures|passages)\s*:", text, re.M) else "profile"
