"""交办 lists in the shapes offices send them, written with openpyxl (tests and bench/ use them).

`OfficeList` holds the header and rows; `write_xlsx` lays them out as a 督查室 would: merged title
rows above the header, a note line, extra columns, numbers as numbers (some formatted "000", some
plain, some text), dates as date cells, bare serials and text; `write_csv` as Excel's 另存为 CSV
does (GBK on a Chinese Windows, or UTF-8 with a BOM).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["洁", "亮", "红", "明", "芳", "伟", "静", "强", "敏", "军", "丽", "涛", "燕", "磊", "霞", "鹏"]
TOPICS = ["加快科技成果转化", "支持专精特新企业发展", "推进数字经济与实体经济融合", "完善科技人才引育机制",
          "加强企业研发平台建设", "促进产学研深度合作", "优化科技金融服务", "培育高新技术企业",
          "推动农业科技创新", "加强知识产权保护", "建设科创飞地", "发展新型研发机构"]
UNITS = ["市发展改革委", "市工业和信息化局", "市财政局", "市人力资源社会保障局", "市农业农村局", "市教育局"]

HEADER = ["序号", "提案号", "案由", "领衔人", "附议人", "主办单位", "协办单位", "办理方式", "交办日期", "办理期限", "备注"]


@dataclass
class OfficeList:
    """A list's title rows, header and data rows (each a list of cell values; None for empty)."""

    title: list[str]
    header: list[str]
    rows: list[list] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)   # (row index, column) → number format


def proposal_rows(n: int, *, own: str = "市科技局", start: int = 1, assigned: dt.date = dt.date(2024, 3, 20),
                  kind_word: str | None = None) -> OfficeList:
    """n rows of a 政协 list for the bureau `own`: about one in five 协办; numbers from start, their
    cells alternating number-with-"000"-format, plain number and text; dates in three shapes."""
    header = list(HEADER) if kind_word is None else ["类别"] + HEADER
    office = OfficeList(["2024年市政协十五届三次会议提案交办清单", "交办单位：市政府督查室　　　　交办时间：2024年3月20日"],
                        header)
    for i in range(n):
        number = start + i
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]
        if i % 9 == 4:
            name = name[0] + "\u3000" + name[1]       # two-character names padded to line up
        topic = TOPICS[i % len(TOPICS)]
        co_handled = i % 5 == 3
        lead = UNITS[i % len(UNITS)] if co_handled else own
        co = own if co_handled else "、".join(UNITS[(i + k) % len(UNITS)] for k in (1, 2))
        cells: list = [i + 1, None, f"关于{topic}的建议", name, "、".join(SURNAMES[(i + k) % 30] + "某" for k in (3, 5)),
                       lead, co, "协办" if co_handled else "主办", None, None, "" if i % 4 else "重点提案"]
        shape = i % 3
        if shape == 0:
            cells[1] = number
            office.formats[(i, 1 + (kind_word is not None))] = "000"
        elif shape == 1:
            cells[1] = number                             # a plain number: the zeros are lost
        else:
            cells[1] = f"{number:03d}"                    # text, as typed with a leading apostrophe
        date = assigned + dt.timedelta(days=i % 3)
        if shape == 0:
            cells[8] = dt.datetime.combine(date, dt.time())
        elif shape == 1:
            cells[8] = (date - dt.date(1899, 12, 30)).days   # a serial whose date format was lost
        else:
            cells[8] = f"{date.year}年{date.month}月{date.day}日"
        due = date.replace(month=date.month + (1 if co_handled else 3))
        cells[9] = due.isoformat() if i % 2 else f"{due.year}/{due.month}/{due.day}"
        if kind_word is not None:
            cells.insert(0, kind_word)
        office.rows.append(cells)
    return office


def write_xlsx(office: OfficeList, path: Path, *, sheet_title: str = "交办清单", extra_sheets: dict | None = None) -> Path:
    """The list as an .xlsx: title rows merged across the table, header in bold, then the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = sheet_title
    width = len(office.header)
    for r, text in enumerate(office.title, start=1):
        ws.cell(r, 1, text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    top = len(office.title) + 1
    for c, text in enumerate(office.header, start=1):
        ws.cell(top, c, text).font = Font(bold=True)
    for i, values in enumerate(office.rows):
        for c, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = ws.cell(top + 1 + i, c, value)
            fmt = office.formats.get((i, c - 1))
            if fmt:
                cell.number_format = fmt
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    for title, rows in (extra_sheets or {}).items():
        extra = book.create_sheet(title)
        for row in rows:
            extra.append(row)
    book.save(path)
    return path


def csv_text(office: OfficeList) -> str:
    """The list as Excel writes it to CSV: every value as the cell shows it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for text in office.title:
        writer.writerow([text] + [""] * (len(office.header) - 1))
    writer.writerow(office.header)
    for i, values in enumerate(office.rows):
        shown = []
        for c, value in enumerate(values):
            if isinstance(value, dt.datetime):
                value = f"{value.year}/{value.month}/{value.day}"
            elif office.formats.get((i, c)) == "000" and isinstance(value, int):
                value = f"{value:03d}"
            shown.append("" if value is None else str(value))
        writer.writerow(shown)
    return out.getvalue()


def write_csv(office: OfficeList, path: Path, encoding: str = "gbk") -> Path:
    path.write_bytes(csv_text(office).encode("utf-8-sig" if encoding == "utf-8-sig" else encoding))
    return path
