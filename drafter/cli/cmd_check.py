"""drafter check SHEET…: validate sheets (schema, references, templates) without writing."""

from __future__ import annotations

from pathlib import Path

from drafter.cli.common import err, expand_sheets, say
from drafter.errors import InputError, InputErrors

HELP = "检查答复事实单（格式、引用、模板），不生成文件"


def configure(p) -> None:
    p.add_argument("sheets", type=Path, nargs="+", help="答复事实单或文件夹")


def run(args) -> int:
    from drafter.compose.render import compose
    from drafter.sheets.load import Loader

    loader = Loader()
    bad = 0
    for path in expand_sheets(args.sheets):
        try:
            compose(loader.load(path))
        except InputError as exc:
            bad += 1
            for e in exc.errors if isinstance(exc, InputErrors) else [exc]:
                err(str(e))
            continue
        say(f"{path}: 通过")
    return 2 if bad else 0
