"""A YAML file as plain text, for a file the form cannot read."""

from __future__ import annotations

import difflib
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from drafter.errors import InputError
from drafter.sheets.yamlio import load_yaml
from drafter.textio import atomic_write_text, read_text
from drafter.tui.screens.ask import Ask, unsaved_question
from drafter.tui.screens.diff import DiffScreen
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

    def action_save(self, overwrite: bool = False, then=None) -> bool:
        """Ctrl+S. True when written at once; if the file changed on disk meanwhile the clerk is asked
        first, and `then()` runs once it is written."""
        text = self.query_one("#raw-text", TextArea).text
        try:
            disk = read_text(self.path)
        except InputError:
            disk = None
        if not overwrite and disk is not None and disk not in (self.original, text):
            self._ask_disk_changed(text, disk, then)  # never overwrite a change that arrived meanwhile unasked
            return False
        atomic_write_text(self.path, text)
        self.original = text
        try:
            load_yaml(text, self.path)
        except InputError as exc:
            self.query_one("#raw-error", Static).update(f"[b red]已保存，但仍有错误：[/]{exc}")
            self.notify("已保存，但文件仍有错误", severity="warning")
            return True
        self.query_one("#raw-error", Static).update("[green]已保存，格式正确。按 Esc 返回列表。[/]")
        self.notify(f"已保存：{self.rel}")
        return True

    def _ask_disk_changed(self, mine: str, disk: str, then=None) -> None:
        def done(answer):
            if answer == "mine":
                if self.action_save(overwrite=True) and then:
                    then()
            elif answer == "theirs":
                self.original = disk
                self.query_one("#raw-text", TextArea).text = disk
                self.notify("已载入磁盘上的版本", title="未保存")
            elif answer == "both":
                diff = "".join(difflib.unified_diff(disk.splitlines(True), mine.splitlines(True), "磁盘上的", "我的"))
                self.app.push_screen(DiffScreen(self.path, self.rel, diff, False),
                                     lambda _: self._ask_disk_changed(mine, disk, then))

        self.app.push_screen(Ask("磁盘上的文件有改动", f"{self.rel}\n在你打开之后，磁盘上的文件被改动过（可能来自 git pull）。",
                                 [("mine", "保留我的（覆盖）", "primary"), ("theirs", "保留磁盘上的", "default"),
                                  ("both", "两者都看", "default"), ("cancel", "取消", "default")], focus="cancel"), done)

    def action_close(self) -> None:
        if self.query_one("#raw-text", TextArea).text == self.original:
            self.dismiss(True)
            return
        def done(answer):
            if answer == "save":
                if self.action_save(then=lambda: self.dismiss(True)):
                    self.dismiss(True)
            elif answer == "discard":
                self.dismiss(False)

        self.app.push_screen(unsaved_question(self.rel), done)
