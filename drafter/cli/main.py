"""The `drafter` command. Each subcommand imports what it needs only when it runs, so that
`drafter render` starts fast and never loads Textual."""

from __future__ import annotations

import argparse
import sys

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


# Each subcommand lives in drafter/cli/cmd_<name>.py with HELP, configure(parser) and run(args).
COMMANDS = ("render", "check", "new", "tui", "import", "build")


def _module(name: str):
    import importlib

    return importlib.import_module(f"drafter.cli.cmd_{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="drafter", description="提案/建议答复起草助手：答复事实单（YAML）→ 规范格式的 Word 文件")
    parser.add_argument("--version", action="store_true", help="显示版本")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="命令")
    for name in COMMANDS:
        try:
            module = _module(name)
        except ModuleNotFoundError:
            continue  # a subcommand still being built
        module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_console()
    args = build_parser().parse_args(argv)
    if args.version:
        from drafter import __version__

        print(f"drafter {__version__}")
        return EXIT_OK
    command = args.command or "tui"
    from drafter.errors import InputError

    try:
        return _module(command).run(args)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
