"""When a reply is due: the sheet's own 办理期限, else 交办日期 + the term (reply-conventions §10:
three months for the 主办 unit's answer, one month for a 协办 unit's opinion)."""

from __future__ import annotations

import calendar
import datetime as dt

TERM_MONTHS = {"主办": 3, "协办": 1}
_MONTH_WORDS = {1: "一", 2: "两", 3: "三", 6: "六"}


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day months later (the month's last day when it has fewer days: 1-31 + 1 → 2-29)."""
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def term_months(handling: str | None) -> int:
    return TERM_MONTHS.get(handling or "主办", 3)


def term_text(handling: str | None) -> str:
    """交办后三个月 / 交办后一个月."""
    months = term_months(handling)
    return f"交办后{_MONTH_WORDS.get(months, str(months))}个月"


def due_date(assigned: dt.date | None, deadline: dt.date | None, handling: str | None) -> dt.date | None:
    """The day a reply is due: an explicit deadline wins; else assigned + term; None when neither."""
    if deadline is not None:
        return deadline
    if assigned is not None:
        return add_months(assigned, term_months(handling))
    return None
