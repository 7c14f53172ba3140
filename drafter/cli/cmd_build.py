"""drafter build [FOLDER] [-o OUTDIR] [-j N] [--pdf] [--force] [--dry-run]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "生成文件夹里的全部答复（并行；只重新生成有变化的）"


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"并行数应为正整数：{text}")
    return n


def configure(p) -> None:
    p.add_argument("folder", type=Path, nargs="?", default=Path("."), metavar="文件夹", help="答复事实单所在文件夹（默认当前文件夹）")
    p.add_argument("-o", "--output", type=Path, dest="outdir", metavar="输出文件夹",
                   help="输出文件夹，按事实单的子文件夹分别存放（默认与各事实单同目录，或按单位信息的 output_dir）")
    p.add_argument("-j", "--jobs", type=_jobs, metavar="N", help="同时处理的进程数（默认为全部处理器核数）")
    p.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要 LibreOffice）")
    p.add_argument("--force", action="store_true", help="全部重新生成，手工修改过的 Word 文件也覆盖")
    p.add_argument("--dry-run", action="store_true", help="只列出将重新生成哪些答复及原因，不写入任何文件")


def run(args) -> int:
    from drafter.build.report import ProgressBar, write_report
    from drafter.build.run import Options, build

    options = Options(folder=args.folder, outdir=args.outdir, jobs=args.jobs, force=args.force,
                      dry_run=args.dry_run, pdf=args.pdf)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() and not args.dry_run else None
    try:
        report = build(options, progress=bar)
    finally:
        if bar:
            bar.close()
    write_report(report, sys.stdout, sys.stderr)
    return 1 if report.incomplete else 0
