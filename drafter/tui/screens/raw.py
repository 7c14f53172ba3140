"""A YAML file as plain text, for a file the form cannot read."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from drafter.errors import InputError
from drafter.sheets.yamlio import load_yaml
from drafter.textio import atomic_write_text, read_text
from drafter.tui.screens.ask import unsaved_question
from drafter.tui.widgets.line import TitleBar


class RawScreen(Screen[bool]):
    """A YAML file as text, for a file the form cannot read (a syntax slip made in Notepad)."""

    BINDINGS = [Binding("ctrl+s", "save", "保存"), Binding("escape", "close", "返回")]

    def __init__(self, path: Path, rel: str, error: str):
        super().__init__()
        self.path, self.rel, self.error = path, rel, error

    def compose(self) -> ComposeResult:
        yield TitleBar(f" 原文 › {self.rel}")
        yield Static(f"[b red]这份文件无法按表格打开：[/]{self.error}\n请在下面改正后按 Ctrl+S 保存，再回到列表打开。",
                     id="raw-error", classes="detail-help")
        try:
            text = read_text(self.path)
        except InputError as exc:
            text = ""
            self.error = str(exc)
        self.original = text
        yield TextArea(text, id="raw-text", show_line_numbers=True, soft_wrap=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#raw-text").focus()

    def action_save(self) -> None:
        text = self.query_one("#raw-text", TextArea).text
        atomic_write_text(self.path, text)
        self.original = text
        try:
            load_yaml(text, self.path)
        except InputError as exc:
            self.query_one("#raw-error", Static).update(f"[b red]已保存，但仍有错误：[/]{exc}")
            self.notify("已保存，但文件仍有错误", severity="warning")
            return
        self.query_one("#raw-error", Static).update("[green]已保存，格式正确。按 Esc 返回列表。[/]")
        self.notify(f"已保存：{self.rel}")

    def action_close(self) -> None:
        if self.query_one("#raw-text", TextArea).text == self.original:
            self.dismiss(True)
            return
        def done(answer):
            if answer == "save":
                self.action_save()
                self.dismiss(True)
            elif answer == "discard":
                self.dismiss(False)

        self.app.push_screen(unsaved_question(self.rel), done)
