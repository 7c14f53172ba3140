"""The subcommands behind `drafter`: thin wrappers over the core."""

from __future__ import annotations

import sys
from pathlib import Path

from drafter.cli.main import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK
from drafter.errors import InputError, InputErrors, Where


def _say(text: str) -> None:
    print(text, flush=True)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def cmd_render(args) -> int:
    from drafter.output import OverwriteRefused, write_reply
    from drafter.pipeline import load_and_render, resolve_output

    result = load_and_render(args.sheet)
    target = resolve_output(result.reply, args.output)
    try:
        written = write_reply(target, result.docx, force=args.force)
    except OverwriteRefused as exc:
        _err(str(exc))
        return EXIT_FAILED
    _say(f"已生成：{target}" if written else f"未变化：{target}")
    if args.pdf:
        from drafter.layout.pdf import PdfFailed, PdfUnavailable, docx_to_pdf

        try:
            pdf = docx_to_pdf(result.docx, target.with_suffix(".pdf"))
        except PdfUnavailable as exc:
            _err(f"提示：{exc}")
            return EXIT_OK
        except PdfFailed as exc:
            _err(f"错误：{exc}")
            return EXIT_FAILED
        _say(f"已生成：{pdf}")
    return EXIT_OK


def _expand(paths: list[Path]) -> list[Path]:
    from drafter.sheets.load import find_sheets

    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = find_sheets(p)
            if not found:
                raise InputError("文件夹里没有答复事实单", Where(p))
            out += found
        else:
            out.append(p)
    return out


def cmd_check(args) -> int:
    from drafter.compose.render import compose
    from drafter.sheets.load import Loader

    loader = Loader()
    bad = 0
    for path in _expand(args.sheets):
        try:
            compose(loader.load(path))
        except InputError as exc:
            bad += 1
            errors = exc.errors if isinstance(exc, InputErrors) else [exc]
            for e in errors:
                _err(str(e))
            continue
        _say(f"{path}: 通过")
    return EXIT_BAD_INPUT if bad else EXIT_OK


def cmd_new(args) -> int:
    from drafter.sheets.scaffold import new_sheet_text
    from drafter.textio import atomic_write_text

    out = Path(args.output)
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise InputError("新文件名应以 .yaml 结尾", Where(out))
    if out.exists():
        raise InputError("文件已存在，未覆盖", Where(out))
    atomic_write_text(out, new_sheet_text(args.kind))
    _say(f"已新建：{out}")
    return EXIT_OK


def cmd_tui(args) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError("文件夹不存在", Where(folder))
    try:
        from drafter.tui.app import run
    except ImportError as exc:  # pragma: no cover - the TUI ships with the package
        _err(f"无法打开终端界面：{exc}")
        return EXIT_FAILED
    return run(folder)
