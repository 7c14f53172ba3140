"""The new-sheet dialog: kind and proposer first; the file name follows from them."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from drafter.model.profile import KINDS
from drafter.model.schema import field_at
from drafter.sheets.naming import sheet_file_name
from drafter.tui.fields import from_display


class NewSheet(ModalScreen[dict | None]):
    """Kind and proposer first; the file name follows from number, proposer and title."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, folders: list[tuple[str, Path]], default: Path | None = None):
        super().__init__(classes="dialog-screen")
        self.folders = folders
        self.default = default if default in [p for _, p in folders] else (folders[0][1] if folders else None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label("新建答复事实单", classes="dialog-title")
            with Horizontal(classes="row"):
                yield Label(field_at(("kind",)).label, classes="row-label")
                yield Select([(k, k) for k in KINDS], value=KINDS[0], allow_blank=False, id="new-kind", compact=True)
            with Horizontal(classes="row"):
                yield Label(field_at(("proposers",)).label, classes="row-label")
                yield Input(placeholder="如：赵洁；多人用“、”分隔", id="new-proposers", compact=True)
            with Horizontal(classes="row"):
                yield Label(field_at(("number",)).label, classes="row-label")
                yield Input(placeholder="如：069", id="new-number", compact=True)
            with Horizontal(classes="row"):
                yield Label(field_at(("proposal_title",)).label, classes="row-label")
                yield Input(placeholder="如：关于……的建议（可稍后填写）", id="new-title", compact=True)
            if len(self.folders) > 1:
                with Horizontal(classes="row"):
                    yield Label("放在", classes="row-label")
                    yield Select(self.folders, value=self.default, allow_blank=False, id="new-folder", compact=True)
            yield Static("", id="new-name", classes="dialog-message")
            yield Label("", id="new-error", classes="row-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("新建", id="create", variant="primary", compact=True)
                yield Button("取消", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#new-kind").focus()
        self._update_name()

    def values(self) -> dict:
        proposers = from_display(self.query_one("#new-proposers", Input).value, "list", [])
        folder = self.query_one("#new-folder", Select).value if len(self.folders) > 1 else self.default
        return {
            "kind": self.query_one("#new-kind", Select).value,
            "proposers": proposers if isinstance(proposers, list) else [proposers],
            "number": self.query_one("#new-number", Input).value.strip(),
            "title": self.query_one("#new-title", Input).value.strip(),
            "folder": folder,
        }

    def file_name(self) -> str:
        v = self.values()
        return sheet_file_name(v["number"], v["proposers"], v["title"])

    @on(Input.Changed)
    @on(Select.Changed)
    def _update_name(self) -> None:
        self.query_one("#new-name", Static).update(f"文件名：{self.file_name()}")
        self.query_one("#new-error", Label).update("")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._create()

    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        v = self.values()
        error = ""
        if not v["proposers"]:
            error = "请填写提出人"
        elif v["folder"] is None:
            error = "没有可放置的文件夹"
        elif (Path(v["folder"]) / self.file_name()).exists():
            error = f"文件已存在：{self.file_name()}，请改编号或标题"
        if error:
            label = self.query_one("#new-error", Label)
            label.update(f"！{error}")
            label.add_class("-shown")
            return
        v["name"] = self.file_name()
        self.dismiss(v)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
