"""drafter import FILE… [-o OUT.yaml | --into FOLDER] [--suggest-facts]"""

from __future__ import annotations

import time
from pathlib import Path

from drafter.cli.common import err, say
from drafter.errors import InputError, Where, one_line

HELP = "把旧答复（.txt、.docx，或整个文件夹）导入为答复事实单"


def configure(p) -> None:
    p.add_argument("files", type=Path, nargs="+", metavar="文件", help="旧答复文件（.txt 或 .docx）或文件夹")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="事实单", help="输出的事实单（.yaml；只导入一个文件时使用）")
    where.add_argument("--into", type=Path, metavar="文件夹", help="把事实单都写入这个文件夹（默认写在原文件旁边）")
    p.add_argument("--suggest-facts", action="store_true", help="列出原文中的数字及上下文，并指出与事实库相同的数值")


def run(args) -> int:
    from drafter.importer.batch import FAIL, OK, WARN, Importer, expand_inputs

    started = time.perf_counter()
    files = expand_inputs(args.files)
    if args.output is not None:
        if len(files) != 1:
            raise InputError("用 -o 时只能导入一个文件；导入多个文件请用 --into 文件夹", Where(args.output))
        if args.output.suffix.lower() not in (".yaml", ".yml"):
            raise InputError("输出文件名应以 .yaml 结尾", Where(args.output))
    if args.into is not None and args.into.exists() and not args.into.is_dir():
        raise InputError("--into 应为文件夹", Where(args.into))
    importer = Importer(args.output, args.into, args.suggest_facts)
    counts = {OK: 0, WARN: 0, FAIL: 0}
    bad_input = other = 0
    for path in files:
        result = importer.import_file(path)
        counts[result.status] += 1
        if result.status == FAIL:
            say(f"{FAIL}  {one_line(path)}")
            err(f"  {result.error}")
            bad_input += result.bad_input
            other += not result.bad_input
            continue
        extra = f"（{len(result.warnings)} 条警告）" if result.warnings else ""
        say(f"{result.status}  {one_line(path)} → {one_line(result.target)}{extra}")
        for notice in result.notices:
            say(f"  {notice}")
        if result.profile_written:
            say(f"  已新建单位信息：{one_line(result.profile_written)}（请核对单位名称等）")
        for warning in result.warnings:
            say(f"  警告：{warning}")
        for line in result.figures:
            say(line)
    seconds = time.perf_counter() - started
    say(f"共 {len(files)} 个文件：成功 {counts[OK]} 个，有警告 {counts[WARN]} 个，失败 {counts[FAIL]} 个"
        f"（用时 {seconds:.1f} 秒）")
    if other:
        return 1
    return 2 if bad_input else 0
