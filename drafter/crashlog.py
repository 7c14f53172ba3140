"""Unexpected errors: the details go to a log file, the clerk gets one line saying where.

A clerk never sees a Python traceback. The CLI, the build workers and the TUI hand an exception
they did not expect to `internal_error`, which writes the traceback (with the drafter and Python
versions and the command line) to a new file in the per-user log folder and returns the Chinese
line to show. The folder is `%LOCALAPPDATA%\\drafter\\logs` on Windows,
`$XDG_STATE_HOME/drafter/logs` (default `~/.local/state/drafter/logs`) elsewhere, or whatever
`DRAFTER_LOG_DIR` names. Only the newest KEEP logs are kept.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

LOG_DIR_ENV = "DRAFTER_LOG_DIR"
KEEP = 50


def log_dir() -> Path:
    """Where crash logs go (not created here)."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "drafter" / "logs"
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "drafter" / "logs"


def write_log(exc: BaseException, context: str = "") -> Path:
    """Write exc's traceback and the circumstances to a new log file; return its path.
    Raises OSError when the log cannot be written."""
    from drafter import __version__

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now()
    name = f"drafter-{now:%Y%m%d-%H%M%S}-{os.getpid()}-{now.microsecond:06d}.log"
    lines = [
        f"time: {now.isoformat(timespec='seconds')}",
        f"drafter: {__version__}",
        f"python: {sys.version.split()[0]} ({sys.platform})",
        f"command: {sys.argv!r}",
    ]
    if context:
        lines.append(f"context: {context}")
    lines.append("")
    lines += traceback.format_exception(type(exc), exc, exc.__traceback__)
    path = folder / name
    path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    try:
        logs = sorted(folder.glob("drafter-*.log"))
        for old in logs[:-KEEP]:
            old.unlink()
    except OSError:
        pass  # an old log left behind costs nothing


def internal_error(exc: BaseException, where: object = None, context: str = "") -> str:
    """Log exc and return the one line a clerk sees: `WHERE: 错误：drafter 内部错误…，详细信息已记录在 LOG`.
    where is the file being processed, if any. Never raises."""
    from drafter.errors import one_line

    head = f"{one_line(where)}: 错误：" if where is not None else "错误："
    try:
        log = write_log(exc, context or (str(where) if where is not None else ""))
    except Exception as log_exc:  # noqa: BLE001 - the message must still reach the clerk
        reason = getattr(log_exc, "strerror", None) or type(log_exc).__name__
        return (f"{head}drafter 内部错误（{type(exc).__name__}），无法写入日志 {one_line(log_dir())}（{reason}）；"
                "请把这条信息发给维护人员")
    return f"{head}drafter 内部错误（{type(exc).__name__}），详细信息已记录在 {one_line(log)}，请把该文件发给维护人员"
