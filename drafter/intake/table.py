"""A 交办 list as rows of cells: .xlsx through openpyxl, .csv in UTF-8 (BOM or not) or GBK.

Nothing here knows what the columns mean; cells keep their raw value and, for Excel, the number
format, which later tells a number's lost leading zeros ("000") and a date's serial.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError, Where

TEXT_FORMAT = "@"


@dataclass(frozen=True)
class Cell:
    value: object = None              # str, int, float, datetime/date, bool or None
    number_format: str = "General"

    @property
    def text(self) -> str:
        """The value as one line of text (what a clerk sees in the cell, near enough)."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            value = value.date()
        return " ".join(str(value).split())

    @property
    def empty(self) -> bool:
        return self.text == ""


@dataclass
class Grid:
    """One worksheet (or the CSV file): its rows with their 1-based numbers as the clerk sees them."""

    path: Path
    name: str                                         # the worksheet's name; "" for CSV
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    encoding: str | None = None                       # CSV only: "utf-8" or "gbk"

    def where(self, row: int | None = None) -> Where:
        path = Path(f"{self.path}[{self.name}]") if self.name else self.path
        return Where(path, row)


def read_grids(path: Path) -> list[Grid]:
    """Every worksheet of an .xlsx (or the one table of a .csv). InputError when unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError("文件不存在" if not path.exists() else "这不是一个文件", Where(path))
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return [_read_csv(path)]
    if suffix in (".xls", ".et", ".wps"):
        raise InputError("这是旧版 Excel/WPS 表格格式，drafter 读不了", Where(path),
                         "请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入")
    raise InputError("交办清单应为 Excel 工作簿（.xlsx）或 CSV 文件", Where(path))


def _read_xlsx(path: Path) -> list[Grid]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read_only streams the sheet XML (fast for long lists); data_only gives formulas' values
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError):
        raise InputError("无法作为 Excel 工作簿打开（文件可能已损坏，或设置了打开密码）", Where(path),
                         "请在 Excel 中打开并另存为不加密的 .xlsx") from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", Where(path)) from None
    grids = []
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue  # hidden worksheets hold lookup lists, not the 交办 list
            sheet.reset_dimensions()  # some writers record a wrong used range; read every row there is
            grid = Grid(path, sheet.title)
            for number, row in enumerate(sheet.iter_rows(), start=1):
                cells = [Cell(getattr(c, "value", None), getattr(c, "number_format", None) or "General") for c in row]
                if any(not c.empty for c in cells):
                    grid.rows.append((number, cells))
            grids.append(grid)
    finally:
        book.close()
    if len(grids) == 1:
        grids[0].name = ""  # one worksheet: name the file alone in messages
    return grids


def _read_csv(path: Path) -> Grid:
    from drafter.textio import decode

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror or exc}", Where(path)) from None
    text, encoding = decode(data, path, allow_gbk=True)
    delimiter = _delimiter(text)
    grid = Grid(path, "", encoding=encoding)
    # csv counts physical lines only through the reader's line_num (a quoted cell may span lines)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    start = 1
    try:
        for values in reader:
            cells = [Cell(v.strip(), TEXT_FORMAT) for v in values]
            if any(not c.empty for c in cells):
                grid.rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"CSV 格式有误：{exc}", Where(path, reader.line_num)) from None
    return grid


def _delimiter(text: str) -> str:
    """Comma, unless the first lines are clearly tab- or semicolon-separated (Excel's other exports)."""
    head = [line for line in text.splitlines()[:20] if line.strip()]
    counts = {d: sum(line.count(d) for line in head) for d in (",", "\t", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","
