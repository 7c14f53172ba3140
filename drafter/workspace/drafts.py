"""Crash-safe drafts: the text being edited, kept in a hidden file beside the sheet.

`.<name>.yaml.draft` holds what the saved file would be if the clerk pressed Save now. It is
rewritten every few seconds while there are unsaved changes, offered back on the next start,
and deleted on save or discard. find_sheets skips it (hidden, not .yaml).

`.<name>.yaml.base.draft` holds the text those edits were made from (the file as it was opened), so
that a draft taken up after the file changed on disk (a git pull after the crash) is merged field by
field like any save, instead of undoing what arrived. A draft without one (made by an older drafter)
has no known base: every field where it and the file differ is asked about.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError
from drafter.textio import atomic_write_text, read_text

SUFFIX = ".draft"
_DRAFT = re.compile(r"^\.(.+\.ya?ml)\.draft$")


def draft_path(sheet: Path) -> Path:
    sheet = Path(sheet)
    return sheet.with_name(f".{sheet.name}{SUFFIX}")


def base_path(sheet: Path) -> Path:
    sheet = Path(sheet)
    return sheet.with_name(f".{sheet.name}.base{SUFFIX}")


def sheet_of(draft: Path) -> Path | None:
    m = _DRAFT.match(Path(draft).name)
    return Path(draft).with_name(m.group(1)) if m else None


@dataclass
class Draft:
    sheet: Path
    path: Path
    text: str
    saved: dt.datetime
    base: str | None = None  # the text the draft was edited from, when known

    @property
    def when(self) -> str:
        return self.saved.strftime("%Y-%m-%d %H:%M:%S")


def write_draft(sheet: Path, text: str, base: str | None = None) -> Path:
    """Write the draft and the base it was edited from (None: not known)."""
    path = draft_path(sheet)
    atomic_write_text(path, text)
    _write_base(sheet, base)
    return path


def _write_base(sheet: Path, base: str | None) -> None:
    # Written after the draft: a new draft with its old base only repeats changes already on disk,
    # whereas an old draft with a new base would undo them.
    if base is None:
        try:
            base_path(sheet).unlink()
        except FileNotFoundError:
            pass
    else:
        atomic_write_text(base_path(sheet), base)


def read_draft(sheet: Path) -> Draft | None:
    """The draft of sheet, if one exists and differs from the file on disk (else it is removed)."""
    path = draft_path(sheet)
    if not path.is_file():
        return None
    try:
        text = read_text(path)
        current = read_text(sheet) if Path(sheet).is_file() else None
    except InputError:  # an unreadable draft is no use to anyone
        return None
    if text == current:
        discard_draft(sheet)
        return None
    try:
        base = read_text(base_path(sheet))
    except InputError:  # none kept (an older drafter) or unreadable: the base is not known
        base = None
    try:
        when = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:  # removed meanwhile (another drafter saved): nothing to offer
        return None
    return Draft(Path(sheet), path, text, when, base)


def discard_draft(sheet: Path) -> None:
    for path in (draft_path(sheet), base_path(sheet)):
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def find_drafts(folder: Path) -> list[Draft]:
    """Drafts left under folder (a crash, a closed terminal) whose sheet still exists."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in {"__pycache__", "node_modules"})
        for name in sorted(files):
            sheet = sheet_of(Path(root) / name)
            if sheet is not None and sheet.is_file():
                draft = read_draft(sheet)
                if draft:
                    out.append(draft)
    return out


class DraftKeeper:
    """Writes a sheet's draft when its text changed since the last write."""

    def __init__(self, sheet: Path):
        self.sheet = Path(sheet)
        self._last: str | None = None
        self._base: str | None = None

    def keep(self, text: str | None, base: str | None = None) -> bool:
        """Write text as the draft, edited from base (None: no unsaved changes, remove it). True if the
        disk changed."""
        if text is None:
            if self._last is not None or draft_path(self.sheet).exists():
                discard_draft(self.sheet)
                self._last = self._base = None
                return True
            return False
        if text == self._last and base == self._base:
            return False
        if base != self._base or self._last is None:
            write_draft(self.sheet, text, base)
        else:
            atomic_write_text(draft_path(self.sheet), text)
        self._last, self._base = text, base
        return True

    def discard(self) -> None:
        discard_draft(self.sheet)
        self._last = self._base = None
