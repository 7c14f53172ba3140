"""The sheet list: one row per reply sheet, cheap fields first, slow ones filled in later.

`scan` only parses YAML (fast, for the first paint); `assess` composes each reply, counts its
problems and compares its .docx (run it in a worker).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError
from drafter.sheets.load import Loader, find_sheets, read_located
from drafter.textio import read_text
from drafter.model.conventions import KIND_WORD
from drafter.model.profile import KIND_ALIASES
from drafter.workspace.freshness import Freshness
from drafter.workspace.progress import STATUSES, Progress, progress_of

# 政协提案 → 提案, and every accepted spelling of a kind likewise
KIND_SHORT = {**{k: KIND_WORD[v] for k, v in KIND_ALIASES.items()}, **{k: KIND_WORD[k] for k in KIND_WORD},
              **{w: w for w in KIND_WORD.values()}}


@dataclass
class SheetRow:
    path: Path
    rel: str
    number: str = ""
    proposers: str = ""
    title: str = ""
    kind: str = ""
    handling_type: str = ""
    date: str = ""
    broken: str | None = None  # why the file could not be read
    docx: Freshness | None = None  # filled by assess (None: not looked at yet)
    problems: int | None = None
    errors: int | None = None
    git: str = ""              # filled from workspace.git
    unsaved: bool = False      # an open editor or a left-over draft
    progress: Progress | None = None  # deadline and body text, from the YAML (workspace.progress)
    search: str = field(default="", repr=False)

    @property
    def status(self) -> str:
        """未起草 / 起草中 / 已生成 / 已提交 (workspace.progress); the .docx counts once assessed."""
        if self.progress is None:
            return ""
        return self.progress.status(self.docx)

    def overdue(self, today: dt.date) -> bool:
        return self.progress is not None and self.progress.overdue(today)

    def deadline_label(self, today: dt.date) -> str:
        """剩 12 天 / 今天到期 / 逾期 3 天 / 按期 / 逾期答复 / '' (workspace.progress)."""
        return self.progress.deadline_label(today) if self.progress is not None else ""

    def matches(self, words: str) -> bool:
        return all(w in self.search for w in words.lower().split())

    @property
    def number_key(self) -> tuple:
        return natural_key(self.number)

    @property
    def date_key(self) -> tuple:
        m = re.match(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})", self.date)
        return (0, tuple(int(g) for g in m.groups())) if m else (1, ())


def natural_key(number: str) -> tuple:
    """Proposal numbers in natural order: 9 < 069 < 70 < 100 < 100-1 < 100-2; blank ones last."""
    if not number:
        return (1, ())
    parts = re.split(r"(\d+)", number)
    return (0, tuple((0, int(p), p) if p.isdigit() else (1, 0, p) for p in parts if p))


def plain_text(value) -> str:
    """A YAML value as one line for a list cell: lists joined with 、, mappings empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(plain_text(v) for v in value)
    if isinstance(value, dict):
        return ""
    return " ".join(str(value).split())


def _normal_date(raw: str) -> str:
    m = re.match(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$", raw)
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else raw


def relative(path: Path, folder: Path) -> str:
    """path under folder as a/b.yaml (just the name when it is not under folder)."""
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return Path(path).name


def read_row(path: Path, folder: Path) -> SheetRow:
    path = Path(path)
    rel = relative(path, folder)
    row = SheetRow(path, rel)
    try:
        data = read_located(path).data
    except InputError as exc:
        row.broken = str(exc.message)
        row.title = f"（无法读取：{exc.message}）"
        row.search = f"{rel} {exc.message}".lower()
        return row
    row.number = plain_text(data.get("number")).replace("第", "").replace("号", "")
    row.proposers = plain_text(data.get("proposers"))
    row.title = plain_text(data.get("proposal_title"))
    row.kind = KIND_SHORT.get(plain_text(data.get("kind")), plain_text(data.get("kind")))
    row.handling_type = plain_text(data.get("handling_type"))
    row.date = _normal_date(plain_text(data.get("date")))
    row.progress = progress_of(data)
    row.search = " ".join([rel, row.number, row.proposers, row.title, row.kind, row.handling_type, row.date]).lower()
    return row


def scan(folder: Path) -> list[SheetRow]:
    """Every sheet under folder, with what its YAML says (no composing)."""
    return [read_row(p, folder) for p in find_sheets(folder)]


def assess(row: SheetRow, loader: Loader, budget=None) -> SheetRow:
    """Fill the row's problem count and .docx state (composes the reply, within `budget` if given)."""
    from drafter.workspace.generate import freshness
    from drafter.workspace.session import analyse_text

    try:
        text = read_text(row.path)
    except InputError as exc:
        row.docx, row.problems, row.errors = Freshness.FAILED, 1, 1
        row.broken = exc.message
        return row
    analysis = analyse_text(text, row.path, loader, budget=budget)
    row.errors = len(analysis.errors)
    row.problems = len(analysis.problems)
    try:
        row.docx = freshness(analysis)
    except InputError:
        row.docx = Freshness.FAILED
    return row


@dataclass(frozen=True)
class RowFilter:
    """The list's filters besides typed words: one status, and/or overdue replies only."""

    status: str | None = None    # one of workspace.progress.STATUSES
    overdue: bool = False

    def keeps(self, row: SheetRow, today: dt.date) -> bool:
        return (self.status is None or row.status == self.status) and (not self.overdue or row.overdue(today))

    def describe(self) -> str:
        """仅逾期 · 起草中 — '' when nothing is filtered."""
        return " · ".join(part for part in ("仅逾期" if self.overdue else "", self.status or "") if part)


def tally(rows: list[SheetRow], today: dt.date) -> dict[str, int]:
    """How many rows have each status, and how many are overdue (key "逾期"): the list's footer."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        if row.status in counts:
            counts[row.status] += 1
    counts["逾期"] = sum(1 for row in rows if row.overdue(today))
    return counts


def sort_rows(rows: list[SheetRow], by: str) -> list[SheetRow]:
    """by: "number" or "date" (newest first)."""
    if by == "date":
        return sorted(rows, key=lambda r: (r.date_key[0], tuple(-x for x in r.date_key[1]), r.number_key, r.rel))
    return sorted(rows, key=lambda r: (r.number_key, r.rel))
