"""The 办理情况汇总: counts of the 台账's rows by kind, status, handling type, deadline, 主办/协办
and 公开属性, each split into 政协提案 / 人大建议 / 合计."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from drafter.ledger.collect import LedgerRow
from drafter.model.profile import DISCLOSURES, KINDS
from drafter.workspace.progress import LATE, ON_TIME, STATUSES, TIMINGS

TOTAL = "合计"
UNKNOWN_KIND = "未注明类别"
NOT_SET = "未填"
_TYPE_ORDER = "ABCD甲乙丙丁"


@dataclass
class Group:
    title: str
    lines: list[tuple[str, dict[str, int]]] = field(default_factory=list)   # label → {column: count}


@dataclass
class Summary:
    as_of: dt.date
    columns: list[str]               # 政协提案, 人大建议 (and 未注明类别 when a sheet lacks one), 合计
    groups: list[Group]
    on_time_rate: dict[str, str]     # column → "95.0%" (按期答复 / 已答复), '' when none answered

    def count(self, group: str, label: str, column: str = TOTAL) -> int:
        for g in self.groups:
            if g.title == group:
                return dict(g.lines).get(label, {}).get(column, 0)
        raise KeyError(group)


def _type_key(label: str) -> tuple:
    return (label == NOT_SET, _TYPE_ORDER.find(label) if label in _TYPE_ORDER else len(_TYPE_ORDER), label)


def summarise(rows: list[LedgerRow], as_of: dt.date) -> Summary:
    """Counts over the rows as of a day (deadlines are judged on that day)."""
    columns = list(KINDS) + ([UNKNOWN_KIND] if any(r.kind not in KINDS for r in rows) else []) + [TOTAL]

    def group(title: str, labels: list[str], label_of) -> Group:
        counts = {label: dict.fromkeys(columns, 0) for label in labels}
        for row in rows:
            label = label_of(row)
            line = counts.setdefault(label, dict.fromkeys(columns, 0))
            line[row.kind if row.kind in KINDS else UNKNOWN_KIND] += 1
            line[TOTAL] += 1
        return Group(title, list(counts.items()))

    types = sorted({r.handling_type or NOT_SET for r in rows} | set("ABCD"), key=_type_key)
    groups = [
        group("件数", ["件数"], lambda r: "件数"),
        group("办理状态", list(STATUSES), lambda r: r.status),
        group("办理期限", list(TIMINGS), lambda r: r.progress.timing(as_of)),
        group("办理类型", types, lambda r: r.handling_type or NOT_SET),
        group("主办/协办", ["主办", "协办"], lambda r: r.handling),
        group("公开属性", [*DISCLOSURES, "不公开", NOT_SET],
              lambda r: "不公开" if r.disclosure == "无" else r.disclosure or NOT_SET),
    ]
    timing = next(g for g in groups if g.title == "办理期限")
    lines = dict(timing.lines)
    rate = {}
    for column in columns:
        answered = lines[ON_TIME][column] + lines[LATE][column]
        rate[column] = f"{lines[ON_TIME][column] / answered:.1%}" if answered else ""
    return Summary(as_of, columns, groups, rate)
