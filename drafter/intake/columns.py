"""Which column holds what: the header row found under any title rows, its Chinese headers matched
to sheet fields by their usual names (提案号, 案由, 领衔人…), with `--columns` for unusual ones."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from drafter.errors import InputError
from drafter.intake.table import Cell, Grid
from drafter.intake.values import handling_of, kind_of


class NoHeader(InputError):
    """No row near the top of a worksheet names the list's columns."""


@dataclass(frozen=True)
class Column:
    """A sheet field a 交办 list may carry, the headers offices give it, whether a list must have it."""

    key: str
    label: str
    words: tuple[str, ...]
    required: bool = False


COLUMNS = (
    Column("number", "编号", ("编号", "提案号", "建议号", "提案编号", "建议编号", "案号", "议案号", "提案序号",
                              "建议序号"), required=True),
    Column("title", "标题", ("标题", "案由", "题目", "提案标题", "建议标题", "提案名称", "建议名称", "提案题目",
                             "建议题目", "提案案由", "建议案由", "主题"), required=True),
    Column("proposers", "提出人", ("提出人", "领衔人", "第一提出人", "提案人", "建议人", "领衔代表", "领衔委员", "代表",
                                   "委员", "代表姓名", "委员姓名", "提案者", "提出者", "领衔提出人", "提出单位"), required=True),
    Column("handling", "主办/协办", ("主办/协办", "主协办", "主办协办", "主办或协办", "办理方式", "承办方式", "主/协办",
                                     "承办类型", "办理性质", "办理分工", "主会办")),
    Column("lead_unit", "主办单位", ("主办单位", "牵头单位", "主办部门", "主办", "牵头部门")),
    Column("co_units", "协办单位", ("协办单位", "会办单位", "协办部门", "配合单位", "协办", "会办")),
    Column("assigned_date", "交办日期", ("交办日期", "交办时间", "交办日", "转办日期", "交办")),
    Column("deadline", "办理期限", ("办理期限", "答复期限", "办结期限", "办复期限", "期限", "截止日期", "答复时限",
                                    "办理时限", "办结时限", "办复时限", "答复截止日期")),
    Column("kind", "类别", ("类别", "类型", "提案/建议", "种类", "案别", "提案或建议")),
    Column("session", "会议", ("会议", "届次", "会次", "届次会议", "会议名称")),
)
BY_KEY = {c.key: c for c in COLUMNS}
BY_LABEL = {c.label: c for c in COLUMNS} | {w: c for c in COLUMNS for w in (c.label.replace("/", ""),)}

# Headers that contain a field's word but mean something else.
_NOT_A_FIELD = re.compile(r"序号|附议|联名|代表团|界别|人数|电话|职务|单位及职务|工作单位|联系|备注|意见|结果|满意")
_PARENS = re.compile(r"[（(【\[].*?[）)】\]]")
_HEADER_SCAN = 30   # rows searched for the header (title rows, 制表 notes, blank lines above it)


def normal(header: str) -> str:
    """A header as compared: NFKC, no white space (类　别, 编　号), no trailing colon."""
    text = unicodedata.normalize("NFKC", header)
    return re.sub(r"\s+", "", text).rstrip(":")


def _score(header: str, column: Column) -> int:
    """2: the header is one of the column's words (parenthesised notes aside); 1: it contains one
    at its start or end (提案人姓名, 领衔代表（委员）); 0: no."""
    h = normal(header)
    bare = _PARENS.sub("", h)
    if h in column.words or bare in column.words:
        return 2
    if _NOT_A_FIELD.search(bare):
        return 0
    if any(len(w) >= 2 and (bare.startswith(w) or bare.endswith(w)) for w in column.words):
        return 1
    return 0


@dataclass
class Mapping:
    """The header row of a grid and the column index of each field it carries."""

    grid: Grid
    header_row: int                        # the row number as the clerk sees it
    headers: list[str]
    index: dict[str, int] = field(default_factory=dict)
    unused: list[str] = field(default_factory=list)   # headers of columns no field uses
    title_lines: list[str] = field(default_factory=list)  # the text of the rows above the header

    def header_of(self, key: str) -> str:
        return self.headers[self.index[key]]

    def cell(self, cells: list[Cell], key: str) -> Cell:
        i = self.index.get(key)
        return cells[i] if i is not None and i < len(cells) else Cell()


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _letter_index(text: str) -> int | None:
    if not re.fullmatch(r"[A-Za-z]{1,2}", text):
        return None
    index = 0
    for ch in text.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def parse_overrides(spec: str | None) -> dict[str, str]:
    """`--columns "编号=案号,提出人=领衔代表"` → {"number": "案号", "proposers": "领衔代表"}.
    Fields by their Chinese label or key; a column by its header or its letter (编号=B)."""
    out: dict[str, str] = {}
    if not spec:
        return out
    for part in re.split(r"[,，;；]", spec):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        if not sep:
            name, sep, header = part.partition("＝")
        name, header = name.strip(), header.strip()
        column = BY_KEY.get(name) or BY_LABEL.get(name) or BY_LABEL.get(name.replace("/", ""))
        if not sep or not header or column is None:
            labels = "、".join(c.label for c in COLUMNS)
            raise InputError(f"--columns 的“{part.strip()}”看不懂",
                             hint=f"应写成 字段=表头，如 编号=案号,提出人=领衔代表；字段可为：{labels}")
        out[column.key] = header
    return out


def _header_score(cells: list[Cell]) -> int:
    found = set()
    for cell in cells:
        if isinstance(cell.value, str):
            for column in COLUMNS:
                if _score(cell.value, column):
                    found.add(column.key)
    return len(found)


def find_header(grid: Grid, overrides: dict[str, str]) -> int | None:
    """The index in grid.rows of the header row: the first row, among the top ones, that names the
    most fields (at least two, or all the --columns headers). Title rows above it are skipped."""
    wanted = {normal(h) for h in overrides.values() if _letter_index(h) is None}
    best, best_score = None, 1
    for i, (_, cells) in enumerate(grid.rows[:_HEADER_SCAN]):
        texts = {normal(c.text) for c in cells if not c.empty}
        if wanted and wanted <= texts:
            return i
        score = _header_score(cells)
        if score > best_score:
            best, best_score = i, score
    return best


# Columns whose values must look right before a header match counts: 类别 may be the subject area
# (经济类), 类型 the 办理类型 (A/B/C); only a column of 提案/建议 words is the kind.
_VALUE_TESTS = {"kind": kind_of, "handling": handling_of}


def _fits(grid: Grid, header_at: int, index: int, column: Column) -> bool:
    test = _VALUE_TESTS.get(column.key)
    if test is None:
        return True
    values = [cells[index].text for _, cells in grid.rows[header_at + 1:] if index < len(cells)]
    values = [v for v in values if v]
    return bool(values) and sum(test(v) is not None for v in values) >= 0.8 * len(values)


def map_columns(grid: Grid, overrides: dict[str, str]) -> Mapping:
    """The header row and each field's column. InputError naming missing or ambiguous columns."""
    at = find_header(grid, overrides)
    if at is None:
        names = "、".join(c.label for c in COLUMNS if c.required)
        raise NoHeader(f"找不到表头行（前 {_HEADER_SCAN} 行里没有“{names}”等列名）", grid.where(),
                         "请确认这是交办清单；列名特殊时可用 --columns 指定，如 --columns 编号=案号,标题=内容")
    row_number, cells = grid.rows[at]
    headers = [c.text for c in cells]
    mapping = Mapping(grid, row_number, headers,
                      title_lines=[" ".join(c.text for c in r if not c.empty) for _, r in grid.rows[:at]])
    problems: list[str] = []
    taken: dict[int, str] = {}
    ambiguous: set[str] = set()
    for key, header in overrides.items():
        index = _letter_index(header)
        if index is None:
            matches = [i for i, h in enumerate(headers) if normal(h) == normal(header)]
            if len(matches) != 1:
                problems.append(f"--columns 指定的列“{header}”在表头里{'没有' if not matches else '出现了不止一次'}")
                continue
            index = matches[0]
        mapping.index[key] = index
        taken[index] = key
    for strength in (2, 1):  # every exact header first, so that 主办/协办 is not taken as 主办单位
        for column in COLUMNS:
            if column.key in mapping.index or column.key in ambiguous:
                continue
            best = [i for i, h in enumerate(headers) if i not in taken and h and _score(h, column) == strength
                    and _fits(grid, at, i, column)]
            if len(best) > 1:
                named = "、".join(f"“{headers[i]}”（{column_letter(i)}列）" for i in best)
                problems.append(f"{named}都可能是“{column.label}”，请用 --columns {column.label}=表头 指定")
                ambiguous.add(column.key)
            elif best:
                mapping.index[column.key] = best[0]
                taken[best[0]] = column.key
    missing = [c.label for c in COLUMNS if c.required and c.key not in mapping.index]
    if missing:
        problems.insert(0, f"缺少“{'”“'.join(missing)}”列（表头在第 {row_number} 行："
                           f"{'、'.join(h for h in headers if h) or '空'}）")
    if problems:
        raise InputError("；".join(problems), grid.where(row_number),
                         "列名特殊时可用 --columns 指定，如 --columns 编号=案号,提出人=领衔代表")
    mapping.unused = [h for i, h in enumerate(headers) if h and i not in taken]
    return mapping
