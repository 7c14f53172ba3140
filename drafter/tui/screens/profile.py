"""单位信息: the organisation profile as a form."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static

from drafter.tui import fields as F
from drafter.tui.screens.yaml_form import YamlFormScreen
from drafter.tui.widgets.line import TitleBar


class ProfileScreen(YamlFormScreen):
    """单位信息: the organisation profile as a form."""

    BINDINGS = [Binding("ctrl+s", "save", "保存"), Binding("escape", "close", "返回")]
    what = "单位信息"

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(classes="form-scroll"):
            yield Static("单位信息由本文件夹及下级文件夹里的所有答复共用。", classes="detail-help")
            for spec in F.PROFILE:
                yield self.make_row(spec)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._title()
        self.query(Input).first().focus()
        self._start_drafts()
