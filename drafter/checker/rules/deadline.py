"""Deadline: a reply is due by the sheet's 办理期限 (deadline) when it names one, else three months
after the proposal was assigned (协办 opinions: one month; reply-conventions §10)."""

from __future__ import annotations

from drafter.checker.document import Document
from drafter.model.deadlines import due_date, term_text
from drafter.model.fields import date_cn


def check(doc: Document) -> None:
    assigned = doc.assigned_date
    due = due_date(assigned, doc.deadline, doc.handling)
    if due is None:
        return
    if doc.deadline is not None:
        term, key = f"办理期限 {date_cn(due)}", ("deadline",)
    else:
        term, key = f"{date_cn(assigned)}交办，{term_text(doc.handling)}，应在 {date_cn(due)} 前答复", ("assigned_date",)
    if doc.date is not None:
        if doc.date > due:
            late = (doc.date - due).days
            doc.emit("deadline.overdue", f"答复日期 {date_cn(doc.date)} 超过办理期限（{term}），晚了 {late} 天",
                     key=("date",))
    elif doc.today > due:
        doc.emit("deadline.unanswered", f"已过办理期限（{term}）{(doc.today - due).days} 天，还没有填答复日期",
                 key=key)
