"""Which kind of YAML file a path is, and the profile and facts files a sheet uses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from drafter.errors import InputError, Where
from drafter.sheets.load import (FACTS_NAME, PROFILE_NAME, Loader, ensure_inside, find_upward, is_sheet_text,
                                 workspace_root)
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


SHARED_NAMES = {"profile": PROFILE_NAME, "facts": FACTS_NAME}
_WHAT = {"profile": "单位信息", "facts": "事实库"}


def linked_file(sheet: Path, data: Any, kind: str) -> Path | None:
    """The profile ("profile") or facts library ("facts") a sheet uses, as the loader finds it: the
    file its `profile:` / `facts:` field names (relative to the sheet), else the nearest profile.yaml /
    facts.yaml upward. data is the sheet's plain data (it may not validate). None: there is none yet.
    Raises InputError for a file lying (or linking) outside the workspace, which the loader refuses too."""
    base = Path(sheet).parent
    named = data.get(kind) if isinstance(data, dict) else None
    if isinstance(named, str) and named.strip():
        path: Path | None = base / named.strip()
    else:
        path = find_upward(base, SHARED_NAMES[kind])
    if path is None or not path.is_file():
        return None
    ensure_inside(path, workspace_root(base), Where(Path(sheet), field=kind), _WHAT[kind])
    return path


def nearest_file(kind: str, start: Path, folder: Path) -> Path | None:
    """The profile or facts library that serves a folder: the nearest one upward from start, else the
    one at the top of the workspace folder. None: there is none yet."""
    name = SHARED_NAMES[kind]
    found = find_upward(start, name)
    if found is None and (Path(folder) / name).is_file():
        found = Path(folder) / name
    return found


def new_facts_home(near: Path, folder: Path, loader: Loader) -> tuple[Path, str]:
    """Where a new, empty facts library for sheets near `near` goes (beside their profile, else at
    the top of the workspace) and its title (the bureau's name + 事实库 when the profile reads)."""
    profile = find_upward(near, PROFILE_NAME)
    if profile is None:
        return Path(folder), "事实库"
    try:
        return profile.parent, f"{loader.load_profile(profile).name}事实库"
    except InputError:
        return profile.parent, "事实库"


def office_folders(folder: Path) -> list[Path]:
    """Where a new sheet may go: the workspace folder first, then every folder under it with a profile
    (hidden folders left out), in order."""
    folder = Path(folder)
    found = sorted({p.parent for p in folder.rglob(PROFILE_NAME)
                    if not any(part.startswith(".") for part in p.relative_to(folder).parts)})
    return found if folder in found else [folder, *found]
