"""Every key, screen by screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label


class HelpScreen(ModalScreen[None]):
    """Every key, screen by screen."""

    BINDINGS = [Binding("escape,f1,question_mark", "close", "关闭")]

    def __init__(self, rows: list[tuple[str, str, str]]):
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table: DataTable = DataTable(id="help-table", cursor_type="row", show_cursor=False, zebra_stripes=True)
        with Vertical(classes="dialog dialog-wide dialog-tall"):
            yield Label("按键说明（Esc 关闭；Ctrl+P 命令面板可搜索所有操作）", classes="dialog-title")
            yield table

    def on_mount(self) -> None:
        table = self.query_one("#help-table", DataTable)
        table.add_column("位置", width=10)
        table.add_column("按键", width=16)
        table.add_column("作用")
        for where, key, what in self.rows:
            table.add_row(Text(where, style="bold") if where else "", key, what)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
