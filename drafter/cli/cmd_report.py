"""drafter report [FOLDER] [-o 台账.xlsx] [--format xlsx|csv] [--as-of DATE]"""

from __future__ import annotations

from pathlib import Path

from drafter.cli.common import err, say
from drafter.errors import InputError, Where

HELP = "生成办理台账（Excel 或 CSV）：每件答复的状态、期限，以及汇总"
DEFAULT_NAME = "办理台账"


def configure(p) -> None:
    p.add_argument("folder", type=Path, nargs="?", default=Path("."), metavar="文件夹",
                   help="答复事实单所在文件夹（默认当前文件夹）")
    p.add_argument("-o", "--output", type=Path, metavar="台账.xlsx", help="输出文件（默认为文件夹里的 办理台账.xlsx）")
    p.add_argument("--format", choices=["xlsx", "csv"], help="输出格式（默认按输出文件名，否则为 xlsx）")
    p.add_argument("--as-of", metavar="日期", help="按这一天判断是否逾期（默认今天），如 2024-07-01")


def _as_of(text: str | None):
    import datetime as dt

    from drafter.model.fields import FieldError, parse_date_text

    if not text:
        return dt.date.today()
    try:
        return parse_date_text(text)
    except FieldError as exc:
        raise InputError(f"--as-of：{exc}") from None


def _target(args) -> tuple[Path, str]:
    out, fmt = args.output, args.format
    if out is not None and out.suffix.lower() in (".xlsx", ".csv") and fmt is None:
        fmt = out.suffix.lower()[1:]
    fmt = fmt or "xlsx"
    if out is None:
        out = args.folder / f"{DEFAULT_NAME}.{fmt}"
    elif out.is_dir():
        out = out / f"{DEFAULT_NAME}.{fmt}"
    elif out.suffix.lower() != f".{fmt}":
        raise InputError(f"输出文件名应以 .{fmt} 结尾", Where(out))
    return out, fmt


def _title(folder: Path) -> str:
    """The bureau's name for the title line, from the folder's profile (none: no name)."""
    from drafter.sheets.load import PROFILE_NAME, find_upward, load_profile

    found = find_upward(folder, PROFILE_NAME)
    if found is None:
        return ""
    try:
        return load_profile(found).name
    except InputError:
        return ""


def run(args) -> int:
    from drafter.ledger.collect import collect
    from drafter.ledger.summary import TOTAL, summarise

    folder = args.folder
    if not folder.is_dir():
        raise InputError("文件夹不存在" if not folder.exists() else "应为文件夹", Where(folder))
    as_of = _as_of(args.as_of)
    out, fmt = _target(args)
    rows = collect(folder)
    if not rows:
        raise InputError("文件夹里没有答复事实单", Where(folder))
    summary = summarise(rows, as_of)
    if fmt == "xlsx":
        from drafter.ledger.xlsx import workbook_bytes

        data = workbook_bytes(rows, summary, as_of=as_of, title=_title(folder))
    else:
        from drafter.ledger.csvout import csv_bytes

        data = csv_bytes(rows, as_of)
    from drafter.textio import atomic_write

    try:
        atomic_write(out, data)
    except PermissionError:
        err(f"{out}: 无法写入：没有写入权限，或文件正在 Excel 中打开（请关闭后重试）")
        return 1
    except OSError as exc:
        err(f"{out}: 无法写入：{exc.strerror or exc}")
        return 1
    for row in rows:
        if row.problem:
            err(f"{row.problem}（台账中已列出，备注“事实单有误”）")
    counts = "，".join(f"{label} {line[TOTAL]}" for label, line in summary.groups[1].lines)
    timing = "，".join(f"{label} {line[TOTAL]}" for label, line in summary.groups[2].lines if line[TOTAL])
    say(f"已生成办理台账：{out}")
    say(f"共 {len(rows)} 件（截至 {as_of.isoformat()}）：{counts}；{timing}")
    return 1 if any(r.problem for r in rows) else 0
