"""A sheet's unsaved changes and its changes since the last commit."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from drafter.workspace import git


class DiffScreen(ModalScreen[None]):
    """A sheet's unsaved changes and its changes since the last commit."""

    BINDINGS = [Binding("escape", "close", "关闭")]

    def __init__(self, path: Path, rel: str, unsaved: str, git: bool):
        super().__init__(classes="dialog-screen")
        self.path, self.rel, self.unsaved, self.git = path, rel, unsaved, git

    def compose(self) -> ComposeResult:
        text = Text()
        if self.unsaved:
            text.append("未保存的修改（与磁盘上的文件相比）\n", style="bold")
            text.append_text(_colour(self.unsaved))
            text.append("\n")
        if self.git:
            committed = git.diff(self.path)
            text.append("与上次提交相比（已保存的内容）\n", style="bold")
            text.append_text(_colour(committed) if committed else Text("没有改动\n", style="dim"))
        elif not self.unsaved:
            text.append("没有未保存的修改。（此文件夹不是 git 仓库，无法与提交比较）\n", style="dim")
        with Vertical(classes="dialog dialog-wide dialog-tall"):
            yield Label(f"差异：{self.rel}", classes="dialog-title")
            with VerticalScroll(id="diff-scroll"):
                yield Static(text, id="diff-text")
            yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#diff-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _colour(diff: str) -> Text:
    out = Text()
    for line in diff.splitlines():
        if line.startswith(("+++", "---", "diff ", "index ", "new file", "old mode", "new mode")):
            continue
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else \
            "cyan" if line.startswith("@@") else "dim"
        if line.startswith("@@"):
            m = re.match(r"@@ -(\d+)(?:,\d+)? \+(\d+)", line)
            line = f"── 第 {m.group(2)} 行附近 ──" if m else "──"
        out.append(line + "\n", style=style)
    return out
