"""Deadline: a reply is due three months after the proposal was assigned (协办 opinions: one
month; reply-conventions §10). Needs the sheet's assigned_date (交办日期)."""

from __future__ import annotations

import calendar
import datetime as dt

from drafter.checker.document import Document
from drafter.model.fields import date_cn

TERM_MONTHS = {"主办": 3, "协办": 1}


def add_months(d: dt.date, months: int) -> dt.date:
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def check(doc: Document) -> None:
    assigned = doc.assigned_date
    if assigned is None:
        return
    months = TERM_MONTHS.get(doc.handling, 3)
    due = add_months(assigned, months)
    term = f"交办后{'三' if months == 3 else '一'}个月"
    if doc.date is not None:
        if doc.date > due:
            late = (doc.date - due).days
            doc.emit("deadline.overdue", f"答复日期 {date_cn(doc.date)} 超过办理期限（{date_cn(assigned)}交办，{term}，"
                     f"应在 {date_cn(due)} 前答复），晚了 {late} 天", key=("date",))
    elif doc.today > due:
        doc.emit("deadline.unanswered", f"{date_cn(assigned)}交办，{term}应在 {date_cn(due)} 前答复，"
                 f"已过期 {(doc.today - due).days} 天，还没有填答复日期", key=("assigned_date",))
