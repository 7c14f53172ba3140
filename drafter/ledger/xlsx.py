"""The 台账 as an Excel workbook ready to print and hand in: a 台账 sheet (one line per reply) and a
汇总 sheet, both A4 landscape, fitted to the page width, header repeated on every page, frozen
under the header on screen, thin borders, dates as real dates (the 督查室 sorts and filters them)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from drafter.ledger.cells import COLUMNS, lines_needed, row_values
from drafter.ledger.collect import LedgerRow
from drafter.ledger.summary import Summary
from drafter.model.fields import date_cn

FONT = "宋体"
DATE_FORMAT = "yyyy-mm-dd"
LEDGER_SHEET, SUMMARY_SHEET = "办理台账", "办理情况汇总"
HEADER_ROW = 3               # title, then the 截至 line, then the header
LINE_HEIGHT = 14             # points a line of 10.5 pt text takes


def _styles(book) -> dict:
    """Fonts and the named cell styles (one named style per kind of cell: assigning a name is far
    cheaper than setting font, border and alignment on each of thousands of cells)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    cell_font = Font(name=FONT, size=10.5)
    named = {
        "台账表头": dict(font=Font(name=FONT, size=10.5, bold=True), fill=PatternFill("solid", fgColor="D9D9D9"),
                     alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        "台账居中": dict(font=cell_font, alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        "台账文字": dict(font=cell_font, alignment=Alignment(horizontal="left", vertical="center", wrap_text=True)),
        "台账日期": dict(font=cell_font, alignment=Alignment(horizontal="center", vertical="center"),
                     number_format=DATE_FORMAT),
        "台账逾期": dict(font=Font(name=FONT, size=10.5, bold=True, color="C00000"),
                     alignment=Alignment(horizontal="center", vertical="center")),
    }
    for name, parts in named.items():
        book.add_named_style(NamedStyle(name=name, border=border, **parts))
    return {
        "title": Font(name=FONT, size=16, bold=True),
        "sub": Font(name=FONT, size=10),
        "plain": Alignment(horizontal="center", vertical="center"),
    }


def _print_setup(ws, last_column: str, title_rows: str) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0            # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = FONT


def _title(ws, text: str, sub: str, width: int, s) -> None:
    from openpyxl.utils import get_column_letter

    last = get_column_letter(width)
    ws["A1"] = text
    ws["A1"].font, ws["A1"].alignment = s["title"], s["plain"]
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    ws["A2"] = sub
    ws["A2"].font = s["sub"]
    ws.merge_cells(f"A2:{last}2")


def _ledger_sheet(ws, rows: list[LedgerRow], as_of: dt.date, title: str, s) -> None:
    from openpyxl.utils import get_column_letter

    _title(ws, f"{title}提案建议办理台账", f"截至 {date_cn(as_of)}　共 {len(rows)} 件", len(COLUMNS), s)
    for c, column in enumerate(COLUMNS, start=1):
        ws.cell(HEADER_ROW, c, column.header).style = "台账表头"
        ws.column_dimensions[get_column_letter(c)].width = column.width
    overdue_col = [col.header for col in COLUMNS].index("逾期") + 1
    styles = ["台账文字" if column.wrap else "台账居中" for column in COLUMNS]
    ws.row_dimensions[HEADER_ROW].height = 2 * LINE_HEIGHT
    for i, row in enumerate(rows, start=1):
        r = HEADER_ROW + i
        values = row_values(i, row, as_of)
        ws.row_dimensions[r].height = lines_needed(values) * LINE_HEIGHT + 3
        for c, (style, value) in enumerate(zip(styles, values), start=1):
            cell = ws.cell(r, c, value if value not in (None, "") else None)
            cell.style = "台账日期" if isinstance(value, dt.date) else "台账逾期" if c == overdue_col and value == "是" \
                else style
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    if rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    _print_setup(ws, last, f"{HEADER_ROW}:{HEADER_ROW}")


def _summary_sheet(ws, summary: Summary, title: str, s) -> None:
    from openpyxl.utils import get_column_letter

    width = 2 + len(summary.columns)
    _title(ws, f"{title}提案建议办理情况汇总", f"截至 {date_cn(summary.as_of)}", width, s)
    headers = ["项目", "分项", *summary.columns]
    for c, text in enumerate(headers, start=1):
        ws.cell(HEADER_ROW, c, text).style = "台账表头"
    r = HEADER_ROW
    for group in summary.groups:
        first = r + 1
        for label, counts in group.lines:
            r += 1
            values = [group.title if r == first else None, label, *(counts[c] for c in summary.columns)]
            for c, value in enumerate(values, start=1):
                ws.cell(r, c, value).style = "台账居中"
        if r > first:
            ws.merge_cells(start_row=first, start_column=1, end_row=r, end_column=1)
    r += 1
    for c, value in enumerate(["按期答复率", "按期答复 ÷ 已答复", *(summary.on_time_rate[k] for k in summary.columns)],
                              start=1):
        ws.cell(r, c, value or None).style = "台账居中"
    for c, w in enumerate([12, 18, *([12] * len(summary.columns))], start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    _print_setup(ws, get_column_letter(width), f"{HEADER_ROW}:{HEADER_ROW}")


def workbook_bytes(rows: list[LedgerRow], summary: Summary, *, as_of: dt.date, title: str = "") -> bytes:
    """The .xlsx file's bytes (nothing written)."""
    from openpyxl import Workbook

    book = Workbook()
    s = _styles(book)
    ledger = book.active
    ledger.title = LEDGER_SHEET
    _ledger_sheet(ledger, rows, as_of, title, s)
    _summary_sheet(book.create_sheet(SUMMARY_SHEET), summary, title, s)
    stamp = dt.datetime.combine(as_of, dt.time(0))
    book.properties.creator = "drafter"
    book.properties.title = f"{title}提案建议办理台账"
    book.properties.created = book.properties.modified = stamp
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_workbook(rows: list[LedgerRow], summary: Summary, path: Path, *, as_of: dt.date, title: str = "") -> None:
    """Write the workbook atomically (an open copy in Excel makes this raise PermissionError)."""
    from drafter.textio import atomic_write

    atomic_write(Path(path), workbook_bytes(rows, summary, as_of=as_of, title=title))
