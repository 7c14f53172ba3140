"""The `drafter` command. Each subcommand imports what it needs only when it runs, so that
`drafter render` starts fast and never loads Textual."""

from __future__ import annotations

import argparse
import os
import sys

from drafter.cli.parser import EXIT_BAD_INPUT, ChineseParser

EXIT_OK, EXIT_FAILED = 0, 1


def _utf8_console() -> None:
    # Windows consoles and redirected pipes may default to a legacy code page.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


# Each subcommand lives in drafter/cli/cmd_<name>.py with HELP, configure(parser) and run(args).
COMMANDS = ("init", "render", "check", "new", "tui", "import", "build", "templates", "intake", "report")


def _module(name: str):
    import importlib

    return importlib.import_module(f"drafter.cli.cmd_{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="drafter", description="提案/建议答复起草助手：答复事实单（YAML）→ 规范格式的 Word 文件")
    parser.add_argument("--version", action="store_true", help="显示版本")
    sub = parser.add_subparsers(dest="command", parser_class=ChineseParser, metavar="命令")
    for name in COMMANDS:
        try:
            module = _module(name)
        except ModuleNotFoundError:
            continue  # a subcommand still being built
        module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
    return parser


def _quiet_broken_pipe() -> int:
    # The reader went away (`drafter check … | head`): say nothing more, and point stdout at
    # devnull so the interpreter's final flush does not raise BrokenPipeError a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_FAILED


def main(argv: list[str] | None = None) -> int:
    _utf8_console()
    try:
        return _main(argv)
    except BrokenPipeError:
        return _quiet_broken_pipe()


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from drafter import installed_version

        print(f"drafter {installed_version()}")
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
    except BrokenPipeError:
        raise  # the reader went away: main() ends quietly
    except OSError as exc:
        if exc.filename is None:
            return _internal(exc)
        from drafter.errors import one_line, os_reason

        print(f"{one_line(exc.filename)}: 错误：{os_reason(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a defect: one line for the clerk, the traceback in the log
        return _internal(exc)


def _internal(exc: BaseException) -> int:
    from drafter.crashlog import internal_error

    print(internal_error(exc), file=sys.stderr)
    return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
