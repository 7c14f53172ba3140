"""The commit dialog: the changed files and a message."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static


class CommitDialog(ModalScreen[tuple[list[Path], str] | None]):
    """Choose the changed files and write a message."""

    BINDINGS = [Binding("escape", "cancel", "取消")]
    AUTO_FOCUS = "#commit-message"  # the clerk types the message first; the files are all chosen

    def __init__(self, files: list[tuple[str, Path, str]], note: str = ""):
        super().__init__(classes="dialog-screen")
        self.files = files  # (shown name, path, status label)
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label("提交修改（git）", classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="dialog-message warn")
            yield SelectionList(*[(f"{label}  {name}", str(path), True) for name, path, label in self.files],
                                id="commit-files")
            yield Input(placeholder="提交说明，如：更新069号提案答复的数据", id="commit-message", compact=True)
            yield Label("", id="commit-error", classes="row-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("提交", id="commit", variant="primary", compact=True)
                yield Button("取消", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#commit-message").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#commit")
    def _commit(self) -> None:
        chosen = [Path(p) for p in self.query_one("#commit-files", SelectionList).selected]
        message = self.query_one("#commit-message", Input).value.strip()
        error = "请写一句提交说明" if not message else ("请至少选择一个文件" if not chosen else "")
        if error:
            label = self.query_one("#commit-error", Label)
            label.update(f"！{error}")
            label.add_class("-shown")
            return
        self.dismiss((chosen, message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
