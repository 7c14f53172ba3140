"""The `drafter` command. Each subcommand imports what it needs only when it runs, so that
`drafter render` starts fast and never loads Textual."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _utf8_console() -> None:
    # Windows consoles and redirected pipes may default to a legacy code page.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese usage errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        translated = (message.replace("the following arguments are required", "缺少参数")
                      .replace("unrecognized arguments", "无法识别的参数")
                      .replace("invalid choice", "无效的选项")
                      .replace("expected one argument", "需要一个参数"))
        print(f"drafter: 错误：{translated}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="drafter", description="提案/建议答复起草助手：答复事实单（YAML）→ 规范格式的 Word 文件")
    parser.add_argument("--version", action="store_true", help="显示版本")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="命令")

    p = sub.add_parser("render", help="由答复事实单生成 Word 文件")
    p.add_argument("sheet", type=Path, help="答复事实单（.yaml）")
    p.add_argument("-o", "--output", type=Path, help="输出的 .docx 文件或文件夹（默认与事实单同名同目录）")
    p.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要 LibreOffice）")
    p.add_argument("--force", action="store_true", help="即使 Word 文件已被手工修改也覆盖")

    p = sub.add_parser("check", help="检查答复事实单（格式、引用、模板），不生成文件")
    p.add_argument("sheets", type=Path, nargs="+", help="答复事实单或文件夹")

    p = sub.add_parser("new", help="新建一份带说明的答复事实单")
    p.add_argument("output", type=Path, help="新文件路径（.yaml）")
    p.add_argument("--kind", default="提案", choices=["提案", "建议", "政协提案", "人大建议"], help="提案 或 建议")

    p = sub.add_parser("tui", help="打开终端界面（默认命令）")
    p.add_argument("folder", type=Path, nargs="?", default=Path("."), help="工作文件夹（默认当前文件夹）")
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_console()
    args = build_parser().parse_args(argv)
    if args.version:
        from drafter import __version__

        print(f"drafter {__version__}")
        return EXIT_OK
    command = args.command or "tui"
    if command == "tui" and not hasattr(args, "folder"):
        args.folder = Path(".")
    from drafter.errors import InputError

    try:
        from drafter.cli import commands

        return getattr(commands, f"cmd_{command}")(args)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
