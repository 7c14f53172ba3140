"""The 台账's columns: header, what each row shows there, and how wide it prints. One list for the
workbook and the CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from drafter.ledger.collect import LedgerRow
from drafter.model.conventions import KIND_WORD
from drafter.workspace.progress import LATE, OVERDUE


@dataclass(frozen=True)
class LedgerColumn:
    header: str
    value: Callable[[LedgerRow, dt.date], object]   # str, int or date
    width: float                                      # Excel column width (characters of a Latin digit)
    wrap: bool = False


def _overdue(row: LedgerRow, as_of: dt.date) -> str:
    timing = row.progress.timing(as_of)
    if row.progress.due is None:
        return ""
    return "是" if timing in (LATE, OVERDUE) else "否"


def _handling(row: LedgerRow, as_of: dt.date) -> str:
    return row.handling


def note(row: LedgerRow, as_of: dt.date) -> str:
    """备注: whom a 协办 opinion goes to, how late, why a sheet could not be read."""
    parts = []
    if row.handling == "协办" and row.lead_unit:
        parts.append(f"主办单位：{row.lead_unit}")
    left = row.progress.days_left(as_of)
    if left is not None and left < 0:
        parts.append(f"已逾期 {-left} 天")
    elif row.progress.timing(as_of) == LATE:
        parts.append(f"晚 {(row.progress.answered - row.progress.due).days} 天答复")
    if row.problem:
        parts.append(f"事实单有误：{row.problem}")
    return "；".join(parts)


# Widths add up to what A4 landscape holds at 10.5 pt with fit-to-width hardly shrinking it.
COLUMNS = [
    LedgerColumn("序号", lambda r, d: 0, 5),   # filled in by position
    LedgerColumn("类别", lambda r, d: KIND_WORD.get(r.kind, r.kind), 5),
    LedgerColumn("编号", lambda r, d: r.number, 7),
    LedgerColumn("标题", lambda r, d: r.title, 34, wrap=True),
    LedgerColumn("提出人", lambda r, d: r.proposers, 11, wrap=True),
    LedgerColumn("主办/协办", _handling, 6),
    LedgerColumn("办理类型", lambda r, d: r.handling_type, 6),
    LedgerColumn("文号", lambda r, d: r.wenhao, 15, wrap=True),
    LedgerColumn("交办日期", lambda r, d: r.progress.assigned, 10.5),
    LedgerColumn("办理期限", lambda r, d: r.progress.due, 10.5),
    LedgerColumn("答复日期", lambda r, d: r.progress.answered, 10.5),
    LedgerColumn("状态", lambda r, d: r.status, 7),
    LedgerColumn("逾期", _overdue, 5),
    LedgerColumn("备注", note, 18, wrap=True),
]
HEADERS = [c.header for c in COLUMNS]


def display_width(text: str) -> int:
    """Columns a text takes: a CJK character two, anything else one."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(values: list, columns: list[LedgerColumn] | None = None) -> int:
    """Printed lines of the tallest wrapped cell of a line (Excel and LibreOffice do not grow a row
    for wrapped text that a program wrote, so the row height is set from this)."""
    import math

    lines = 1
    for column, value in zip(columns or COLUMNS, values):
        if column.wrap and isinstance(value, str) and value:
            lines = max(lines, math.ceil(display_width(value) / max(1.0, column.width - 1)))
    return lines


def row_values(index: int, row: LedgerRow, as_of: dt.date) -> list:
    """The cells of the 台账 line for row (index: 1-based 序号)."""
    return [index] + [c.value(row, as_of) for c in COLUMNS[1:]]
