"""drafter report [FOLDER] [-o 台账.xlsx] [--format xlsx|csv] [--as-of DATE]"""

from __future__ import annotations

from pathlib import Path

from drafter.cli.common import err, say
from drafter.errors import InputError

HELP = "生成办理台账（Excel 或 CSV）：每件答复的状态、期限，以及汇总"


def configure(p) -> None:
    p.add_argument("folder", type=Path, nargs="?", default=Path("."), metavar="文件夹",
                   help="答复事实单所在文件夹（默认当前文件夹）")
    p.add_argument("-o", "--output", type=Path, metavar="台账.xlsx", help="输出文件（默认为文件夹里的 办理台账.xlsx）")
    p.add_argument("--format", choices=["xlsx", "csv"], help="输出格式（默认按输出文件名，否则为 xlsx）")
    p.add_argument("--as-of", metavar="日期", help="按这一天判断是否逾期（默认今天），如 2024-07-01")


def _as_of(text: str | None):
    from drafter.model.fields import FieldError, parse_date_text

    if not text:
        return None
    try:
        return parse_date_text(text)
    except FieldError as exc:
        raise InputError(f"--as-of：{exc}") from None


def run(args) -> int:
    from drafter.ledger.report import target, write_ledger

    as_of = _as_of(args.as_of)
    out, _ = target(args.folder, args.output, args.format)
    try:
        ledger = write_ledger(args.folder, args.output, args.format, as_of)
    except PermissionError:
        err(f"{out}: 无法写入：没有写入权限，或文件正在 Excel 中打开（请关闭后重试）")
        return 1
    except OSError as exc:
        err(f"{out}: 无法写入：{exc.strerror or exc}")
        return 1
    for row in ledger.rows:
        if row.problem:
            err(f"{row.problem}（台账中已列出，备注“事实单有误”）")
    say(f"已生成办理台账：{ledger.path}")
    say(f"共 {len(ledger.rows)} 件（截至 {ledger.summary.as_of.isoformat()}）：{ledger.counts_line()}")
    return 1 if any(r.problem for r in ledger.rows) else 0
