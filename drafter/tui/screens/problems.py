"""Every error and checker finding of the open sheet; Enter jumps to it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.tui.labels import where
from drafter.workspace.session import CHECKER_CRASH, Problem


class ProblemsScreen(ModalScreen[Problem | None]):
    """Every error and checker finding; Enter jumps to the field."""

    BINDINGS = [Binding("escape", "close", "关闭")]

    def __init__(self, problems: list[Problem]):
        super().__init__(classes="dialog-screen")
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide dialog-tall"):
            yield Label(f"问题（{len(self.problems)}）：回车跳到对应字段", classes="dialog-title")
            if not self.problems:
                yield Static("✔ 没有发现问题", classes="dialog-message")
            options = []
            for i, p in enumerate(self.problems):
                # No plain spaces before the Chinese text: the list wraps at spaces, and would put
                # the whole (unbroken) sentence on the next line.
                mark = {"error": "[b red]错误[/]", "warning": "[yellow]提醒[/]"}.get(p.severity, "[blue]提示[/]")
                if p.blocking is False and p.severity == "error":
                    mark = "[b red]出错[/]" if p.rule == CHECKER_CRASH else "[red]校对[/]"
                rule = f"　[dim]{p.rule}[/]" if p.rule and p.rule != "check" else ""
                options.append(Option(Text.from_markup(f"{mark}｜{where(p)}") + Text(p.describe()) +
                                      Text.from_markup(rule), id=f"p{i}"))
            yield OptionList(*options, id="problem-list")
            yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#problem-list").focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.problems[int(event.option.id[1:])])

    def action_close(self) -> None:
        self.dismiss(None)
