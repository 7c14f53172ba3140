"""Errors a clerk can act on: each names the file, the line and the field, in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Where:
    """A place in an input file (1-based line and column)."""

    path: Path | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [str(self.path) if self.path else "<输入>"]
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


def raise_all(errors: list[InputError]) -> None:
    """Raise the collected errors, if any, as one exception."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors)
