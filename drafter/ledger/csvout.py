"""The 台账 as CSV: the same columns as the workbook, UTF-8 with a BOM (so that Excel on a Chinese
Windows opens it without garbling) and CRLF line ends; dates as 2024-03-20."""

from __future__ import annotations

import csv
import datetime as dt
import io

from drafter.ledger.cells import HEADERS, row_values
from drafter.ledger.collect import LedgerRow


def csv_bytes(rows: list[LedgerRow], as_of: dt.date) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for i, row in enumerate(rows, start=1):
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v
                         for v in row_values(i, row, as_of)])
    return out.getvalue().encode("utf-8-sig")
