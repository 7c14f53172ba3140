"""Errors a clerk can act on: each names the file, the line and the field, in Chinese."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

# Characters that end a line somewhere (a terminal, YAML 1.1, an editor) or are invisible controls.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: object) -> str:
    """text with every line break and control character written as an escape (\\n, \\u2028):
    a file name or value shown in a `file:line:col` message or a YAML comment stays on one line."""
    return _UNSAFE.sub(lambda m: _NAMED.get(m.group(), f"\\u{ord(m.group()):04x}"), str(text))


_OS_REASONS = {
    errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOSPC: "磁盘已满",
    errno.EROFS: "文件夹是只读的", errno.ENOENT: "文件或文件夹不存在", errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一部分不是文件夹", errno.ENAMETOOLONG: "文件名太长", errno.EBUSY: "文件正在使用",
    errno.EEXIST: "文件已存在", errno.EDQUOT: "超出磁盘配额", errno.EIO: "读写出错（磁盘或网络故障）",
}


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, in Chinese (the system's own words when unknown)."""
    if isinstance(exc, PermissionError):
        return "没有权限（或文件正在其他程序中打开）"
    return _OS_REASONS.get(exc.errno, exc.strerror or str(exc))


@dataclass(frozen=True)
class Where:
    """A place in an input file (1-based line and column)."""

    path: Path | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [one_line(self.path) if self.path else "<输入>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class InputError(Exception):
    """Bad input: broken YAML, a wrong field, an undefined fact, an unsafe template.

    The CLI prints these without a traceback and exits with status 2.
    """

    def __init__(self, message: str, where: Where | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where or Where()
        self.hint = hint

    def __reduce__(self):  # keep where and hint across process boundaries (parallel check/build)
        return (self.__class__, (self.message, self.where, self.hint))

    def __str__(self) -> str:
        text = f"{self.where}: 错误："
        if self.where.field:
            text += f"字段“{self.where.field}”"
        text += self.message
        if self.hint:
            text += f"（{self.hint}）"
        return text


class InputErrors(InputError):
    """Several input errors found in one pass, reported together."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__(errors[0].message, errors[0].where, errors[0].hint)

    def __reduce__(self):
        return (self.__class__, (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class InternalProblem(InputError):
    """A defect met while processing one file, reported like an input error so the other files
    still go on; its message is crashlog.internal_error's line (file and log location)."""

    def __init__(self, line: str):
        super().__init__(line)

    def __reduce__(self):
        return (self.__class__, (self.message,))

    def __str__(self) -> str:
        return self.message


def raise_all(errors: list[InputError]) -> None:
    """Raise the collected errors, if any, as one exception."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
