"""Quick fixes: a problem's 建议 applied to the sheet in one keystroke.

Only a 建议 that is a concrete edit of the sheet qualifies: characters of one field's value replaced
(or deleted, or inserted), or an empty item or section removed. Everything else says why not, in
the clerk's words. Applying goes through the session like any edit (so saving writes only the
changed line) and is one step of the session's undo history (Ctrl+Z takes it back).

Core module: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.workspace.datapath import Key
from drafter.workspace.session import Problem, SheetSession


class StaleFix(Exception):
    """The field no longer holds the text the problem was found in (it changed since the check)."""


@dataclass(frozen=True)
class QuickFix:
    """What applying a 建议 does: replace `found` at `offset` of the value at `key` by `replacement`,
    or (removes) delete the field at key. `label` is the 建议 as the clerk read it."""

    key: Key
    label: str
    offset: int | None = None
    found: str = ""
    replacement: str | None = None
    removes: bool = False


def quick_fix(problem: Problem) -> QuickFix | None:
    """The quick fix for a problem, or None (see why_not)."""
    if problem.file is not None or not problem.key:
        return None
    if problem.removes:
        return QuickFix(tuple(problem.key), problem.fix or "删去", removes=True)
    if problem.replacement is None or problem.offset is None:
        return None
    return QuickFix(tuple(problem.key), problem.fix or "", problem.offset, problem.found, problem.replacement)


def why_not(problem: Problem) -> str:
    """Why a problem has no quick fix ("" when it has one)."""
    if quick_fix(problem) is not None:
        return ""
    if problem.file is not None:
        return f"问题在 {problem.file.name} 里，请打开该文件修改"
    if problem.blocking:
        return "这是填写错误，请按提示改正这个字段"
    if problem.rule == "checker.crash":
        return "检查器本身出错，请把日志发给维护人员"
    if not problem.fix:
        return "没有现成的改法，需要您斟酌后修改"
    return "这段文字不是直接写在这个字段里的（来自事实库、模板或自动编号），请到出处修改"


def apply_fix(session: SheetSession, fix: QuickFix) -> Key:
    """Apply fix to the session's data as one undo step; returns the key of the changed field.
    Raises StaleFix when the field changed since the problem was found (nothing is changed)."""
    if fix.removes:
        parent = session.get(fix.key[:-1])
        if not isinstance(parent, (list, dict)) or session.get(fix.key) is None:
            raise StaleFix(fix.key)
        with session.history.step(f"应用建议：{fix.label}", focus=fix.key):
            session.remove(fix.key)
        return fix.key
    value = session.get(fix.key)
    start, end = fix.offset, fix.offset + len(fix.found)
    if not isinstance(value, str) or value[start:end] != fix.found:
        raise StaleFix(fix.key)
    with session.history.step(f"应用建议：{fix.label}", focus=fix.key):
        session.set(fix.key, value[:start] + fix.replacement + value[end:])
    return fix.key


@dataclass(frozen=True)
class Attempt:
    """What F5 did: `fix` applied (ok), or the sentence telling the clerk why not; `stale` when the
    field changed since the check (the caller checks again)."""

    fix: QuickFix | None
    ok: bool
    refusal: str = ""
    stale: bool = False


def attempt_fix(session: SheetSession, problem: Problem) -> Attempt:
    """Apply a problem's quick fix if it has one: the editor's and the problem list's F5."""
    fix = quick_fix(problem)
    if fix is None:
        return Attempt(None, False, f"这条不能一键修改：{why_not(problem)}")
    try:
        apply_fix(session, fix)
    except StaleFix:
        return Attempt(fix, False, "这处文字已经改过了，正在重新检查", stale=True)
    return Attempt(fix, True)
