"""What `drafter build` tells the clerk: a progress bar on a terminal, then a summary.

Failures and hand-edited files are listed one per line (each failure exactly as `drafter render`
would print it: file:line and the field), then one summary line. Without a terminal (a log, CI)
there is no bar, only that text.
"""

from __future__ import annotations

import os
import time

from drafter.build.run import BUILT, EDITED, FAILED, PENDING, UPTODATE, Report
from drafter.errors import one_line


class ProgressBar:
    """`生成中 [██████······] 523/1000` on one line, redrawn at most ten times a second."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width = stream, width
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.width * done // max(total, 1)
        bar = "█" * filled + "·" * (self.width - filled)
        self.stream.write(f"\r生成中 [{bar}] {done}/{total}")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\033[K")  # clear the bar: the summary takes its place
            self.stream.flush()


def shown(path) -> str:
    """A path as the clerk typed it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return one_line(path)
    return one_line(path if rel.startswith("..") else rel)


def summary(report: Report) -> str:
    total = len(report.outcomes)
    if report.dry_run:
        parts = [f"需要重新生成 {report.count(PENDING)} 份", f"已是最新 {report.count(UPTODATE)} 份"]
    else:
        parts = [f"生成 {report.count(BUILT)} 份", f"已是最新 {report.count(UPTODATE)} 份"]
    parts.append(f"手工修改过未覆盖 {report.count(EDITED)} 份")
    parts.append(f"失败 {report.count(FAILED)} 份")
    tail = "（试运行，未写入任何文件）" if report.dry_run else f"（用时 {report.seconds:.1f} 秒）"
    return f"共 {total} 份答复：" + "，".join(parts) + tail


def write_report(report: Report, out, err) -> None:
    """Dry run: what would be rebuilt and why (stdout). Build: problems (stderr), then the summary."""
    for notice in report.notices:
        err.write(notice + "\n")
    if report.dry_run:
        pending = report.having(PENDING)
        if pending:
            out.write("将重新生成：\n")
            for o in pending:
                out.write(f"  {shown(o.path)}：{'；'.join(o.reasons)}\n")
    for o in report.having(EDITED):
        err.write(o.message + "\n")
    for o in report.having(FAILED):
        err.write(o.message + "\n")
    if report.unrecorded:
        err.write(report.unrecorded + "\n")
    out.write(summary(report) + "\n")
    out.flush()
    err.flush()
