"""A proofreading finding and how it is printed (text for people, JSON for tools)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import one_line

SEVERITIES = ("error", "warning", "hint")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "hint": "提示"}
_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Finding:
    """One thing a proofreader would point at.

    ``line``/``column`` are 1-based and point into the file at ``path`` (the YAML sheet, or the
    plain text for check_text). ``key`` is the sheet field the text came from, e.g.
    ("sections", 0, "items", 1, "text"); ``offset`` is the position inside that field's value
    when the finding covers characters the clerk typed (None for numbering drafter added, text
    from the facts library or the template). ``found`` is the exact text the finding covers and
    ``fix`` what should replace it (None when there is no mechanical fix; "" means delete):
    with an offset, ``value[offset:offset + len(found)] == found``. ``advice`` is the 建议 in words
    when there is no replacement inside a text; ``removes`` says that following it deletes the whole
    field at ``key`` (an empty item), so a tool may apply it.
    """

    path: Path | None
    line: int
    column: int
    severity: str
    rule: str
    message: str
    fix: str | None = None
    key: tuple = ()
    found: str = ""
    offset: int | None = None
    context: str = field(default="", compare=False)
    advice: str | None = None
    removes: bool = False

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    def sort_key(self) -> tuple:
        return (str(self.path or ""), self.line, self.column, _ORDER[self.severity], self.rule)

    @property
    def suggestion(self) -> str | None:
        """The 建议 as the clerk reads it (None: the finding has none)."""
        if self.fix is not None:
            return describe_fix(self.found, self.fix)
        return self.advice

    def format(self) -> str:
        """`file:line:column: 级别 规则编号 message（建议：…）`."""
        where = f"{one_line(self.path) if self.path else '<输入>'}:{self.line}:{self.column}"
        text = f"{where}: {self.label} {self.rule} {self.message}"
        if self.suggestion:
            text += f"（建议：{self.suggestion}）"
        return text

    def to_json(self) -> dict:
        return {
            "path": str(self.path) if self.path else None,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "fix": self.fix,
            "found": self.found,
            "key": list(self.key),
            "offset": self.offset,
            "advice": self.suggestion,
            "removes": self.removes,
        }


def describe_fix(found: str, fix: str) -> str:
    if fix == "":
        return f"删去“{found}”"
    if not found:
        return f"加上“{fix}”"
    return f"“{found}”改为“{fix}”"
