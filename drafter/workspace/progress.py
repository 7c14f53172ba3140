"""Where each reply stands: its status (未起草 → 起草中 → 已生成 → 已提交) and its deadline.

Shared by `drafter report` (the 办理台账) and the TUI's sheet list. Everything here reads a sheet's
plain YAML data (strings, as sheets.yamlio gives them) and is tolerant: a value that does not parse
counts as absent here (the checker and the editor report it).

Statuses, in order (the first rule that holds wins):

* 已提交 — the sheet names the day the reply went out (`submitted`). drafter cannot see a reply
  leave the office, so the clerk says so; git history is no evidence (clerks commit drafts too).
* 未起草 — no body text: `intro`, and every paragraph, item (`lead`, `text`) and `after` text of the
  sections, are all empty. Headings alone (the scaffold's 工作开展情况 / 下一步工作打算) do not count.
* 已生成 — the .docx is drafter's and matches what the sheet renders now (Freshness.CURRENT), or drafter
  wrote it and it was then finished in Word (Freshness.EDITED: drafter never overwrites it, so that file
  is the reply).
* 起草中 — anything else with body text: no .docx yet, a .docx older than the sheet, a sheet with
  errors, or a .docx drafter did not write.

Deadline: the sheet's `deadline` (办理期限) when it has one, else `assigned_date` + three months
(协办: one month; drafter.model.deadlines). A reply counts as answered on its `date` (答复日期),
else on its `submitted` day. It is overdue when answered after the due day, or unanswered when the
due day has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from drafter.model.deadlines import due_date
from drafter.model.fields import FieldError, parse_date_text
from drafter.model.sheet import HANDLING_ALIASES
from drafter.workspace.freshness import Freshness

NOT_STARTED, DRAFTING, GENERATED, SUBMITTED = "未起草", "起草中", "已生成", "已提交"
STATUSES = (NOT_STARTED, DRAFTING, GENERATED, SUBMITTED)

# Timing states, as the 台账 summary counts them
ON_TIME, LATE, OPEN, OVERDUE, NO_DEADLINE = "按期答复", "逾期答复", "未到期", "逾期未答复", "无期限"
TIMINGS = (ON_TIME, LATE, OPEN, OVERDUE, NO_DEADLINE)


def _date(value) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_date_text(value)
    except FieldError:
        return None


def _has_text(value) -> bool:
    if isinstance(value, list):
        return any(_has_text(v) for v in value)
    return isinstance(value, str) and bool(value.strip())


def has_body(data: dict) -> bool:
    """Whether the sheet has any body text (see the module docstring: headings do not count)."""
    if _has_text(data.get("intro")):
        return True
    pending = list(data.get("sections") or []) if isinstance(data.get("sections"), list) else []
    while pending:
        section = pending.pop()
        if not isinstance(section, dict):
            continue  # `- 标题` shorthand: a heading only
        if _has_text(section.get("paragraphs")) or _has_text(section.get("after")):
            return True
        for item in section.get("items") or [] if isinstance(section.get("items"), list) else []:
            if _has_text(item) or isinstance(item, dict) and (_has_text(item.get("lead")) or _has_text(item.get("text"))):
                return True
        if isinstance(section.get("sections"), list):
            pending += section["sections"]
    return False


@dataclass(frozen=True)
class Progress:
    """What a sheet's data says about its progress, before its .docx is looked at."""

    assigned: dt.date | None
    due: dt.date | None
    answered: dt.date | None
    submitted: dt.date | None
    body: bool

    def status(self, docx: Freshness | None) -> str:
        """The status given the .docx's freshness (workspace.generate.freshness; None: unknown yet,
        which counts as not generated)."""
        if self.submitted is not None:
            return SUBMITTED
        if not self.body:
            return NOT_STARTED
        return GENERATED if docx is not None and docx.generated else DRAFTING

    def timing(self, today: dt.date) -> str:
        """按期答复 / 逾期答复 / 未到期 / 逾期未答复 / 无期限 as of today."""
        if self.due is None:
            return NO_DEADLINE
        if self.answered is not None:
            return LATE if self.answered > self.due else ON_TIME
        return OVERDUE if today > self.due else OPEN

    def overdue(self, today: dt.date) -> bool:
        return self.timing(today) in (LATE, OVERDUE)

    def days_left(self, today: dt.date) -> int | None:
        """Days to the due day for an unanswered reply (negative: overdue by that many); None
        when answered or without a deadline."""
        if self.due is None or self.answered is not None:
            return None
        return (self.due - today).days

    def deadline_label(self, today: dt.date) -> str:
        """The list's deadline cell: 剩 12 天 / 今天到期 / 逾期 3 天 / 按期 / 逾期答复 / ''."""
        left = self.days_left(today)
        if left is None:
            return {ON_TIME: "按期", LATE: "逾期答复"}.get(self.timing(today), "")
        if left > 0:
            return f"剩 {left} 天"
        return "今天到期" if left == 0 else f"逾期 {-left} 天"


def progress_of(data: dict) -> Progress:
    """The Progress of a sheet from its plain YAML data."""
    if not isinstance(data, dict):
        return Progress(None, None, None, None, False)
    assigned, deadline = _date(data.get("assigned_date")), _date(data.get("deadline"))
    handling = data.get("handling") if isinstance(data.get("handling"), str) else None
    handling = HANDLING_ALIASES.get((handling or "").strip(), (handling or "").strip())
    submitted = _date(data.get("submitted"))
    return Progress(assigned, due_date(assigned, deadline, handling), _date(data.get("date")) or submitted,
                    submitted, has_body(data))
