"""drafter new [--kind 提案|建议] OUT.yaml"""

from __future__ import annotations

from pathlib import Path

from drafter.cli.common import err, say
from drafter.errors import InputError, Where, one_line, os_reason

HELP = "新建一份带说明的答复事实单"


def configure(p) -> None:
    p.add_argument("output", type=Path, metavar="新文件", help="新文件路径（.yaml）")
    p.add_argument("--kind", default="提案", choices=["提案", "建议", "政协提案", "人大建议"], help="提案 或 建议")


def run(args) -> int:
    from drafter.sheets.scaffold import new_sheet_text
    from drafter.textio import atomic_write_text

    out = Path(args.output)
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise InputError("新文件名应以 .yaml 结尾", Where(out))
    if out.exists():
        raise InputError("文件已存在，未覆盖", Where(out))
    try:
        atomic_write_text(out, new_sheet_text(args.kind))
    except OSError as exc:
        err(f"{one_line(out)}: 错误：无法新建文件：{os_reason(exc)}")
        return 1
    say(f"已新建：{out}")
    return 0
