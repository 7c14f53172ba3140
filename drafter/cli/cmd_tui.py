"""drafter tui [FOLDER]: the clerk's workbench (the default command)."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError, Where

HELP = "打开终端界面（默认命令）"


def configure(p) -> None:
    p.add_argument("folder", type=Path, nargs="?", default=Path("."), metavar="文件夹", help="工作文件夹（默认当前文件夹）")


def run(args) -> int:
    folder = Path(getattr(args, "folder", None) or ".")
    if not folder.is_dir():
        raise InputError("文件夹不存在", Where(folder))
    from drafter.tui.app import run as run_app

    return run_app(folder)
