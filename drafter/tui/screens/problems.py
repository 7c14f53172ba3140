"""Every error and checker finding of the open sheet; Enter jumps to it, F5 applies its 建议."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.tui.labels import where
from drafter.workspace.quickfix import attempt_fix, quick_fix
from drafter.workspace.session import CHECKER_CRASH, Problem, SheetSession


@dataclass
class ProblemsClosed:
    """What the clerk did on the problems screen: the problem to jump to (None: none), and whether
    quick fixes changed the sheet (the editor shows its data again)."""

    jump: Problem | None
    fixed: bool


def problem_text(p: Problem) -> Text:
    """One line of the list: kind｜where message 建议, and whether F5 can apply it."""
    # No plain spaces before the Chinese text: the list wraps at spaces, and would put
    # the whole (unbroken) sentence on the next line.
    mark = {"error": "[b red]错误[/]", "warning": "[yellow]提醒[/]"}.get(p.severity, "[blue]提示[/]")
    if p.blocking is False and p.severity == "error":
        mark = "[b red]出错[/]" if p.rule == CHECKER_CRASH else "[red]校对[/]"
    rule = f"　[dim]{p.rule}[/]" if p.rule and p.rule not in ("check", CHECKER_CRASH) else ""
    fixable = "　[b green]F5 可一键修改[/]" if quick_fix(p) is not None else ""
    return Text.from_markup(f"{mark}｜{where(p)}") + Text(p.describe()) + Text.from_markup(fixable + rule)


class ProblemsScreen(ModalScreen[ProblemsClosed]):
    """Every error and checker finding; Enter jumps to the field, F5 applies the 建议 (Ctrl+Z in the
    editor takes it back). After each fix the sheet is checked again and the list follows."""

    BINDINGS = [
        Binding("enter", "jump", "跳到此处", show=False),
        Binding("f5", "quick_fix", "改正"),
        Binding("escape", "close", "关闭"),
    ]

    class Rechecked(Message):
        """A worker checked the sheet again after a quick fix."""

        def __init__(self, problems: list[Problem]) -> None:
            super().__init__()
            self.problems = problems

    def __init__(self, problems: list[Problem], session: SheetSession | None = None,
                 budget: Callable[[], object] | None = None):
        super().__init__(classes="dialog-screen")
        self.problems = problems
        self.session = session
        self.budget = budget
        self.fixed = False
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide dialog-tall"):
            yield Label(self._title(), id="problems-title", classes="dialog-title")
            yield Static("✔ 没有发现问题", id="no-problems", classes="dialog-message")
            yield OptionList(id="problem-list")
            yield Footer(compact=True, show_command_palette=False)

    def _title(self) -> str:
        fixable = sum(quick_fix(p) is not None for p in self.problems)
        more = f"，其中 {fixable} 个可按 F5 一键修改" if fixable and self.session is not None else ""
        return f"问题（{len(self.problems)}{more}）：回车跳到对应字段"

    def on_mount(self) -> None:
        self._show(0)
        self.query_one("#problem-list").focus()

    def _show(self, highlight: int) -> None:
        listing = self.query_one("#problem-list", OptionList)
        listing.clear_options()
        listing.add_options([Option(problem_text(p), id=f"p{i}") for i, p in enumerate(self.problems)])
        self.query_one("#no-problems").display = not self.problems
        listing.display = bool(self.problems)
        self.query_one("#problems-title", Label).update(self._title())
        if self.problems:
            listing.highlighted = max(0, min(highlight, len(self.problems) - 1))

    def _current(self) -> Problem | None:
        index = self.query_one("#problem-list", OptionList).highlighted
        return self.problems[index] if index is not None and 0 <= index < len(self.problems) else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(ProblemsClosed(self.problems[int(event.option.id[1:])], self.fixed))

    def action_jump(self) -> None:
        self.dismiss(ProblemsClosed(self._current(), self.fixed))

    def action_quick_fix(self) -> None:
        """F5: apply the highlighted problem's 建议 to the sheet, then check it again."""
        problem = self._current()
        if problem is None or self.session is None:
            return
        if self.checking:
            self.notify("正在重新检查，请稍候", timeout=2)
            return
        done = attempt_fix(self.session, problem)
        if done.ok:
            self.fixed = True
            self.notify(f"已修改：{done.fix.label}（回到编辑界面后可按 Ctrl+Z 撤销）", timeout=4)
        else:
            self.notify(done.refusal, severity="warning", timeout=3 if done.stale else 5)
            if not done.stale:
                return
        self.checking = True
        self._recheck()

    @work(thread=True, exclusive=True, group="recheck")
    def _recheck(self) -> None:
        analysis = self.session.analyse(budget=self.budget() if self.budget else None)
        self.post_message(self.Rechecked(analysis.problems))

    @on(Rechecked)
    def _rechecked(self, message: Rechecked) -> None:
        index = self.query_one("#problem-list", OptionList).highlighted or 0
        self.problems = message.problems
        self.checking = False
        self._show(index)

    def action_close(self) -> None:
        self.dismiss(ProblemsClosed(None, self.fixed))
