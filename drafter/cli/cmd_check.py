"""drafter check SHEET…: validate sheets, then proofread them.

Prints `file:line:column: 级别 规则编号 message` per finding (--format json for tools). Exit 2
when a sheet cannot be read or composed (as before), else 1 when a finding is an error, else 0.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from drafter.cli.common import err, expand_sheets, say
from drafter.errors import InputError, one_line

HELP = "检查答复事实单：格式、引用、模板，以及序号、重字、标点、文号日期、办理类型、事实、期限等校对问题"

_EPILOG = """\
规则可以关闭：答复事实单或单位信息里写
  check:
    disable: [doubled-word, numbering.single]
单条可在该字段所在行（或上一行）加注释忽略：
  text: |  # drafter: ignore[doubled-word]
退出码：0 没有错误；1 有“错误”级的问题；2 文件无法读取或生成。"""


def _date(value: str) -> dt.date:
    from drafter.model.fields import FieldError, parse_date_text

    try:
        return parse_date_text(value)
    except FieldError as exc:
        import argparse

        raise argparse.ArgumentTypeError(str(exc)) from None


def configure(p) -> None:
    import argparse

    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = _EPILOG
    p.add_argument("sheets", type=Path, nargs="*", metavar="事实单", help="答复事实单或文件夹")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")
    p.add_argument("--today", type=_date, default=None, metavar="日期",
                   help="按这一天判断期限和“将来的日期”（默认今天），如 2024-06-18")
    p.add_argument("--rules", action="store_true", help="列出所有规则编号")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="同时检查的进程数（默认为处理器核数；份数少时只用一个）")


def _error_json(e: InputError) -> dict:
    w = e.where
    return {"path": str(w.path) if w.path else None, "line": w.line, "column": w.column, "field": w.field,
            "message": e.message, "hint": e.hint}


def run(args) -> int:
    if args.rules:
        from drafter.checker.registry import RULES
        from drafter.checker.finding import SEVERITY_LABELS

        for rule in RULES.values():
            say(f"{rule.id:<26} {SEVERITY_LABELS[rule.severity]}  {rule.title}")
        return 0
    if not args.sheets:
        raise InputError("请给出要检查的答复事实单或文件夹")

    from drafter.checker.batch import check_many

    bad = 0
    findings = []
    errors: list[InputError] = []
    checked = 0
    as_json = args.format == "json"
    for path, failed, found in check_many(expand_sheets(args.sheets), args.today, args.jobs):
        if failed:
            bad += 1
            errors += failed
            if not as_json:
                for e in failed:
                    err(str(e))
            continue
        checked += 1
        findings += found
        if not as_json:
            for f in found:
                say(f.format())
            if not found:
                say(f"{one_line(path)}: 通过")
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "hint")}
    if as_json:
        json.dump({"checked": checked, "unreadable": bad, "counts": counts,
                   "findings": [f.to_json() for f in findings], "errors": [_error_json(e) for e in errors]},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif findings or bad:
        summary = f"共检查 {checked} 份：{counts['error']} 个错误，{counts['warning']} 个警告，{counts['hint']} 个提示"
        if bad:
            summary += f"；{bad} 份无法读取"
        say(summary)
    if bad:
        return 2
    return 1 if counts["error"] else 0
