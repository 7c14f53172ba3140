"""Cell values as sheet values: kinds, 主办/协办, numbers that lost their leading zeros, dates in
every shape a spreadsheet holds them (a date cell, an Excel serial, 2024/3/20, 2024年3月20日)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from drafter.intake.table import Cell
from drafter.model.deadlines import add_months
from drafter.model.fields import FieldError, parse_date_text
from drafter.model.profile import KINDS


class ValueProblem(FieldError):
    """A cell that cannot become the field's value; the message says why, in Chinese."""


def kind_of(text: str) -> str | None:
    """政协提案 / 人大建议 from 提案, 政协, 委员提案, 人大代表建议…; None for anything else."""
    t = re.sub(r"\s+", "", text)
    if t in KINDS:
        return t
    cppcc = any(w in t for w in ("提案", "政协", "委员"))
    npc = any(w in t for w in ("建议", "人大", "代表", "议案"))
    if cppcc != npc:
        return "政协提案" if cppcc else "人大建议"
    return None


def handling_of(text: str) -> str | None:
    """主办 / 协办 from 主办, 协办, 会办, 分办, 牵头, 配合, 主, 协; None for anything else."""
    t = re.sub(r"\s+", "", text)
    co = any(w in t for w in ("协办", "会办", "配合")) or t in ("协", "会")
    lead = any(w in t for w in ("主办", "牵头", "分办", "独办", "单办")) or t in ("主", "独")
    if co != lead:
        return "协办" if co else "主办"
    return None


# ---- numbers ------------------------------------------------------------------------------------

_FORMAT_QUOTED = re.compile(r'"[^"]*"|\\.')


def format_width(number_format: str) -> int | None:
    """The digits an Excel number format pads to: "000" → 3, '"第"000"号"' → 3, General → None."""
    bare = _FORMAT_QUOTED.sub("", number_format or "").split(";")[0]
    m = re.fullmatch(r"[^0#?.,]*?(0+)[^0#?.,]*", bare)
    return len(m.group(1)) if m and len(m.group(1)) > 1 else None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def number_width(cells: list[Cell]) -> int | None:
    """The width a column's numbers share, as its other values show it: text cells with a leading
    zero ("069"), or number cells formatted "000". None when nothing shows one."""
    widths = set()
    for cell in cells:
        if _is_number(cell.value):
            width = format_width(cell.number_format)
            if width:
                widths.add(width)
        else:
            digits = clean_number(cell.text)
            if len(digits) > 1 and digits.isdigit() and digits.startswith("0"):
                widths.add(len(digits))
    return widths.pop() if len(widths) == 1 else None


def clean_number(text: str) -> str:
    """第069号 → 069; full-width digits made ASCII; white space removed."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"^第|号$", "", t)


def number_of(cell: Cell, width: int | None) -> str:
    """The proposal number as text; a number that lost its leading zeros (a number cell, or its
    digits in a CSV) gets back the width its format or its column shows (69 → "069")."""
    value = cell.value
    if _is_number(value):
        if isinstance(value, float) and not value.is_integer():
            raise ValueProblem(f"编号“{value}”不是整数")
        digits = str(int(value))
        width = format_width(cell.number_format) or width
        return digits.zfill(width) if width else digits
    number = clean_number(cell.text)
    if not number:
        raise ValueProblem("编号为空")
    if width and number.isdigit():  # a CSV saved from Excel shows the number as the cell showed it
        return number.zfill(width)
    return number


# ---- dates --------------------------------------------------------------------------------------

_SERIALS = (32874, 73051)   # 1990-01-01 … 2099-12-31 as Excel serials: anything else is not a date here
_DATE_TAIL = re.compile(r"(之前|以前|前|止)$")
_WEEKDAY = re.compile(r"[（(](星期|周)[一二三四五六日天][)）]$")


def date_of(cell: Cell) -> dt.date:
    """A date from a date cell, an Excel serial (a date column that lost its format), or text."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if _is_number(value):
        return _serial(value, cell.text)
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell.text))
    text = re.sub(r"(\d)(00:00(:00)?)$", r"\1", text)     # 2024-03-20 00:00:00 from another program
    text = _WEEKDAY.sub("", _DATE_TAIL.sub("", text))
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _serial(float(text), cell.text)
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if m:
        text = "-".join(m.groups())
    try:
        return parse_date_text(text)
    except FieldError as exc:
        raise ValueProblem(str(exc)) from None


def _serial(value: float, shown: str) -> dt.date:
    if not _SERIALS[0] <= value <= _SERIALS[1]:
        raise ValueProblem(f"“{shown}”不是日期")
    from openpyxl.utils.datetime import from_excel

    return from_excel(value).date()


_CN_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_RELATIVE = re.compile(r"^(?:交办后|自交办之日起)?(\d+|[一两二三四五六])个(?:月|自然月)(?:内)?$")


def deadline_of(cell: Cell, assigned: dt.date | None) -> dt.date:
    """办理期限 as a date, or as a term after 交办 (三个月, 交办后3个月)."""
    m = _RELATIVE.match(re.sub(r"\s+", "", cell.text))
    if m:
        if assigned is None:
            raise ValueProblem(f"期限“{cell.text}”要从交办日期算起，但这一行没有交办日期")
        months = int(m.group(1)) if m.group(1).isdigit() else _CN_COUNT[m.group(1)]
        return add_months(assigned, months)
    return date_of(cell)


# ---- proposers ----------------------------------------------------------------------------------

_NAME_SPLIT = re.compile(r"[、，,；;/／\n]+")
_MORE = re.compile(r"等(\d+|[一二三四五六七八九十]+)?[位名人个]?(委员|代表)?$")


def proposers_of(text: str) -> tuple[list[str], str | None, str | None]:
    """(names, proposer_role or None, warning or None) from 张三、李四 / 王　亮 / 赵洁委员 /
    民盟市委 / 张三等5人."""
    from drafter.importer.patterns import GROUP, PARTY

    warning = None
    names = []
    for piece in _NAME_SPLIT.split(unicodedata.normalize("NFKC", text)):
        name = re.sub(r"\s+", "", piece)      # 王　亮: two-character names padded to line up
        more = _MORE.search(name)
        if more:
            name = name[:more.start()]
            if more.group(1):
                warning = f"提出人写作“{piece.strip()}”，其余提出人未列出，请在事实单里补全"
        if len(name) > 2 and name.endswith(("委员", "代表")) and not name.endswith("委员会"):
            name = name[:-2]
        if name:
            names.append(name)
    if not names:
        raise ValueProblem("提出人为空")
    role = None
    if len(names) == 1 and (PARTY.search(names[0]) or GROUP.search(names[0])):
        role = "党派团体" if PARTY.search(names[0]) else "集体"
    return names, role, warning


def units_of(text: str) -> list[str]:
    """市科技局、市发改委 → [市科技局, 市发改委]."""
    return [u for u in (re.sub(r"\s+", "", p) for p in _NAME_SPLIT.split(text)) if u]


# ---- the session --------------------------------------------------------------------------------

_N = "第?[一二三四五六七八九十\\d]+"
_BODY = "(?:政协|人大|人民代表大会|政治协商会议)"
_SESSION = re.compile(rf"[\u4e00-\u9fff]{{0,12}}?(?:{_BODY}[\u4e00-\u9fff]{{0,10}}?{_N}届|{_N}届[\u4e00-\u9fff]{{0,6}}?{_BODY}"
                      rf"[\u4e00-\u9fff]{{0,8}}?)[\u4e00-\u9fff]{{0,6}}?{_N}次(?:全体)?会议")


def session_in(text: str) -> str | None:
    """市政协十五届三次会议 out of a title line such as 2024年市政协十五届三次会议提案交办清单."""
    m = _SESSION.search(re.sub(r"\s+", "", text))
    if not m:
        return None
    found = m.group()
    return re.split(r"年度?|[:：]", found)[-1] or None
