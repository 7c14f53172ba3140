"""The rows of a mapped 交办 list as sheet fields, each bad cell reported with its row number."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.intake.columns import Mapping
from drafter.intake.table import Cell
from drafter.intake.values import (ValueProblem, date_of, deadline_of, handling_of, kind_of, number_of, number_width,
                                   proposers_of, session_in, units_of)


@dataclass
class Entry:
    """One row of the list, as the fields of the sheet it becomes."""

    row: int
    kind: str
    number: str
    title: str
    proposers: list[str]
    session: str = ""
    proposer_role: str | None = None
    handling: str = "主办"
    lead_unit: str = ""
    co_units: list[str] = field(default_factory=list)
    assigned_date: dt.date | None = None
    deadline: dt.date | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class RowProblem:
    """A row that makes no sheet: where, which column, why."""

    path: Path
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        column = f"（{self.column}）" if self.column else ""
        return f"{self.path} 第 {self.row} 行{column}：{self.message}"


@dataclass
class Defaults:
    """What holds for every row unless its own cells say otherwise."""

    kind: str | None = None            # --kind, else the worksheet's name or the title rows
    session: str = ""                  # --session, else the title rows
    own_names: tuple[str, ...] = ()    # this bureau's names (profile): 主办/协办 from the unit columns


def defaults_for(mapping: Mapping, kind: str | None, session: str | None, own_names: tuple[str, ...]) -> Defaults:
    """The kind and session the title rows, the worksheet or the file name give, under --kind/--session."""
    context = [*mapping.title_lines, mapping.grid.name, Path(mapping.grid.path).stem]
    if kind is None:
        for text in context:
            kind = kind_of(text) if text and re.search(r"提案|建议|政协|人大", text) else None
            if kind:
                break
    if session is None:
        session = next((s for s in map(session_in, context) if s), "")
    return Defaults(kind, session or "", own_names)


def _mentions(cell_text: str, names: tuple[str, ...]) -> bool:
    return any(n and n in cell_text for n in names)


def read_entries(mapping: Mapping, defaults: Defaults) -> tuple[list[Entry], list[RowProblem]]:
    """Every data row below the header: an Entry, or the problems that stop it."""
    grid = mapping.grid
    header_at = next(i for i, (n, _) in enumerate(grid.rows) if n == mapping.header_row)
    data = grid.rows[header_at + 1:]
    width = number_width([mapping.cell(cells, "number") for _, cells in data])
    entries, problems = [], []
    for row, cells in data:
        if _is_footer(mapping, cells):
            continue
        entry, row_problems = _entry(mapping, defaults, row, cells, width)
        problems += row_problems
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _is_footer(mapping: Mapping, cells: list[Cell]) -> bool:
    """A 合计/制表人/备注 line under the table (or a stray note): no number and no title."""
    if not (mapping.cell(cells, "title").empty and mapping.cell(cells, "number").empty):
        return False
    filled = [c for c in cells if not c.empty]
    text = "".join(c.text for c in filled)
    return len(filled) <= 1 or bool(re.match(r"^(合计|总计|共计|小计|制表|填表|审核|备注|说明|注[:：])", text))


def _entry(mapping: Mapping, defaults: Defaults, row: int, cells: list[Cell], width: int | None):
    problems: list[RowProblem] = []
    values: dict = {}

    def take(key: str, parse, *args):
        if key not in mapping.index:
            return None
        cell = mapping.cell(cells, key)
        if cell.empty:
            return None
        try:
            return parse(cell, *args)
        except ValueProblem as exc:
            problems.append(RowProblem(mapping.grid.path, row, mapping.header_of(key), str(exc)))
            return None

    def required(key: str, label: str):
        if mapping.cell(cells, key).empty:
            problems.append(RowProblem(mapping.grid.path, row, mapping.header_of(key), f"{label}为空"))

    required("number", "编号")
    required("title", "标题")
    required("proposers", "提出人")
    values["number"] = take("number", number_of, width)
    values["title"] = take("title", lambda c: c.text)
    people = take("proposers", lambda c: proposers_of(c.text))
    kind = take("kind", _kind_cell) or defaults.kind
    if kind is None:
        problems.append(RowProblem(mapping.grid.path, row, None,
                                   "看不出是政协提案还是人大建议（清单没有“类别”列，标题行和文件名也没写明）；"
                                   "请加 --kind 提案 或 --kind 建议"))
    assigned = take("assigned_date", date_of)
    deadline = take("deadline", deadline_of, assigned)
    handling = take("handling", _handling_cell)
    lead = take("lead_unit", lambda c: c.text) or ""
    co = take("co_units", lambda c: units_of(c.text)) or []
    warnings = []
    if handling is None:
        handling = _handling_from_units(lead, co, defaults.own_names)
    if problems or kind is None or people is None:
        return None, problems
    names, role, warning = people
    if warning:
        warnings.append(warning)
    if deadline and assigned and deadline < assigned:
        return None, [RowProblem(mapping.grid.path, row, mapping.header_of("deadline"),
                                 f"办理期限 {deadline} 早于交办日期 {assigned}")]
    session = take("session", lambda c: c.text) or defaults.session
    own = defaults.own_names
    entry = Entry(row, kind, values["number"], values["title"], names, session, role, handling,
                  lead_unit=lead if handling == "协办" else "",
                  co_units=[u for u in co if not _mentions(u, own)], assigned_date=assigned, deadline=deadline,
                  warnings=warnings)
    if handling == "协办" and not entry.lead_unit:
        warnings.append("协办答复要写给主办单位，清单里没有主办单位，请在事实单里填写 lead_unit")
    return entry, []


def _kind_cell(cell: Cell) -> str:
    kind = kind_of(cell.text)
    if kind is None:
        raise ValueProblem(f"“{cell.text}”不是提案或建议")
    return kind


def _handling_cell(cell: Cell) -> str:
    handling = handling_of(cell.text)
    if handling is None:
        raise ValueProblem(f"“{cell.text}”应为主办或协办")
    return handling


def _handling_from_units(lead: str, co: list[str], own: tuple[str, ...]) -> str:
    """No 主办/协办 column: 协办 when this bureau is among the 协办 units and not the 主办 one."""
    if own and any(_mentions(u, own) for u in co) and not _mentions(lead, own):
        return "协办"
    return "主办"
