"""One 办理台账 file from a folder: collect, summarise, write (the CLI's `drafter report` and the
TUI's command do exactly this)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError, Where
from drafter.ledger.collect import LedgerRow, collect
from drafter.ledger.summary import Summary, summarise

DEFAULT_NAME = "办理台账"
FORMATS = ("xlsx", "csv")


@dataclass
class Ledger:
    path: Path
    rows: list[LedgerRow]
    summary: Summary

    def counts_line(self) -> str:
        """未起草 58，起草中 0，已生成 2，已提交 0；逾期未答复 3 — for a console or a notification."""
        from drafter.ledger.summary import TOTAL

        groups = {g.title: g.lines for g in self.summary.groups}
        statuses = "，".join(f"{label} {line[TOTAL]}" for label, line in groups["办理状态"])
        timing = "，".join(f"{label} {line[TOTAL]}" for label, line in groups["办理期限"] if line[TOTAL])
        return f"{statuses}；{timing}"


def target(folder: Path, out: Path | None, fmt: str | None) -> tuple[Path, str]:
    """The file to write and its format: -o's suffix decides when --format is not given; a folder
    or nothing means 办理台账.<fmt> there. InputError when the name does not fit the format."""
    if out is not None and out.suffix.lower() in (".xlsx", ".csv") and fmt is None:
        fmt = out.suffix.lower()[1:]
    fmt = fmt or "xlsx"
    if out is None:
        return Path(folder) / f"{DEFAULT_NAME}.{fmt}", fmt
    if out.is_dir():
        return out / f"{DEFAULT_NAME}.{fmt}", fmt
    if out.suffix.lower() != f".{fmt}":
        raise InputError(f"输出文件名应以 .{fmt} 结尾", Where(out))
    return out, fmt


def office_name(folder: Path) -> str:
    """The bureau's name for the title line, from the folder's profile ('' without one)."""
    from drafter.sheets.load import PROFILE_NAME, find_upward, load_profile

    found = find_upward(folder, PROFILE_NAME)
    if found is None:
        return ""
    try:
        return load_profile(found).name
    except InputError:
        return ""


def write_ledger(folder: Path, out: Path | None = None, fmt: str | None = None,
                 as_of: dt.date | None = None) -> Ledger:
    """Write the 台账 for the sheets under folder. InputError for a bad folder or name (nothing
    written); OSError when the file cannot be written (open in Excel, no permission)."""
    from drafter.textio import atomic_write

    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("文件夹不存在" if not folder.exists() else "应为文件夹", Where(folder))
    as_of = as_of or dt.date.today()
    path, fmt = target(folder, out, fmt)
    rows = collect(folder)
    if not rows:
        raise InputError("文件夹里没有答复事实单", Where(folder))
    summary = summarise(rows, as_of)
    if fmt == "xlsx":
        from drafter.ledger.xlsx import workbook_bytes

        data = workbook_bytes(rows, summary, as_of=as_of, title=office_name(folder))
    else:
        from drafter.ledger.csvout import csv_bytes

        data = csv_bytes(rows, as_of)
    atomic_write(path, data)
    return Ledger(path, rows, summary)
