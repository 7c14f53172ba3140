"""The name of a new or renamed fact, checked as it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class FactName(ModalScreen[dict | None]):
    """The name of a new or renamed fact (and, for a new one, its value), checked as it is typed."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, check, *, name: str = "", fields: list[tuple[str, str, str, bool]] = (),
                 checks: dict | None = None, note: str = "", ok: str = "确定"):
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.check = check  # name -> error message | None
        self.initial = name
        self.fields = list(fields)  # (id, label, placeholder, required)
        self.checks = checks or {}  # id -> (text -> error message | None)
        self.note = note
        self.ok_label = ok

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="dialog-message warn", markup=False)
            with Horizontal(classes="row"):
                yield Label("名称", classes="row-label")
                yield Input(self.initial, placeholder="如：新认定高新技术企业数（汉字、字母、数字、下划线）",
                            id="fact-name", compact=True)
            for fid, label, placeholder, _ in self.fields:
                with Horizontal(classes="row"):
                    yield Label(label, classes="row-label")
                    yield Input(placeholder=placeholder, id=fid, compact=True)
            yield Static("", id="fact-ref", classes="dialog-message", markup=False)
            yield Label("", id="name-error", classes="row-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok_label, id="ok", variant="primary", compact=True)
                yield Button("取消", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#fact-name").focus()
        self._update()

    def _error(self, message: str | None) -> None:
        label = self.query_one("#name-error", Label)
        label.update(f"！{message}" if message else "")
        label.set_class(bool(message), "-shown")

    @on(Input.Changed, "#fact-name")
    def _update(self) -> None:
        name = self.query_one("#fact-name", Input).value.strip()
        self.query_one("#fact-ref", Static).update(f"答复中引用：{{{{ facts.{name} }}}}" if name else "")
        self._error(self.check(name) if name else None)

    def values(self) -> dict:
        out = {"name": self.query_one("#fact-name", Input).value.strip()}
        for fid, *_ in self.fields:
            out[fid] = self.query_one(f"#{fid}", Input).value.strip()
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        v = self.values()
        error = self.check(v["name"])
        if not error:
            missing = [label for fid, label, _, required in self.fields if required and not v[fid]]
            error = f"请填写{missing[0]}" if missing else None
        if not error:
            error = next((e for fid, check in self.checks.items() if (e := check(v[fid]))), None)
        if error:
            self._error(error)
            return
        self.dismiss(v)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
