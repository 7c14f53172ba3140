"""Setting up an office from the TUI: the same questions as `drafter init`, one row each.

Shown on the first run in a folder without profile.yaml, and by F8 when the profile is missing.
Fields left blank take the suggestion read off the full name (shown as the placeholder).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.model.schema import field_at
from drafter.workspace.office import INFO_FIELDS, OfficeInfo, completed, suggest

_INTRO = {
    "office": "这个文件夹还没有单位信息（profile.yaml）。填写下面几项，将建立单位信息、空的事实库（facts.yaml）"
              "和 .gitignore；以后可按 F8、F9 修改。留空的项按方括号里的建议填写。",
    "profile": "这里还没有单位信息（profile.yaml）。填写下面几项即可建立；以后可按 F8 修改。留空的项按方括号里的建议填写。",
}


# the profile field each question fills: its label is the one the 单位信息 form (F8) shows
PROFILE_KEY = {"name": ("name",), "short_name": ("short_name",), "city": ("city",),
               "wenhao_prefix": ("wenhao_prefix",), "work": ("work",), "contact_name": ("contact", "name"),
               "contact_phone": ("contact", "phone")}


def _label(attr: str) -> str:
    return field_at(PROFILE_KEY[attr], "profile").label


class InitOffice(ModalScreen[OfficeInfo | None]):
    """The bureau's details; dismisses with a completed OfficeInfo, or None when put off."""

    BINDINGS = [Binding("escape", "cancel", "暂不")]

    def __init__(self, folder_name: str, what: str = "office"):
        super().__init__(classes="dialog-screen")
        self.folder_name, self.what = folder_name, what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label(f"建立单位信息：{self.folder_name}", classes="dialog-title")
            yield Static(_INTRO[self.what], classes="dialog-message")
            with VerticalScroll(id="init-fields"):
                for spec in INFO_FIELDS:
                    with Horizontal(classes="row"):
                        yield Label(_label(spec.attr), classes="row-label")
                        yield Input(placeholder=f"如 {spec.example}", id=f"init-{spec.attr}", compact=True,
                                    tooltip=spec.label)
            yield Label("", id="init-error", classes="row-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("建立", id="init-create", variant="primary", compact=True)
                yield Button("暂不", id="init-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#init-name", Input).focus()

    def info(self) -> OfficeInfo:
        """What the clerk typed, blanks not yet filled."""
        return OfficeInfo(**{spec.attr: self.query_one(f"#init-{spec.attr}", Input).value.strip()
                             for spec in INFO_FIELDS})

    @on(Input.Changed, "#init-name")
    def _suggest(self, event: Input.Changed) -> None:
        guesses = suggest(event.value)
        for spec in INFO_FIELDS[1:]:
            guess = guesses.get(spec.attr)
            field = self.query_one(f"#init-{spec.attr}", Input)
            field.placeholder = f"［{guess}］" if guess else f"如 {spec.example}"
        self.query_one("#init-error", Label).remove_class("-shown")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        fields = list(self.query(Input))
        at = fields.index(event.input)
        if at + 1 < len(fields):
            fields[at + 1].focus()
        else:
            self._create()

    @on(Button.Pressed, "#init-create")
    def _create(self) -> None:
        info = self.info()
        if not info.name:
            label = self.query_one("#init-error", Label)
            label.update("！请填写单位全称，如 临沂市科学技术局")
            label.add_class("-shown")
            self.query_one("#init-name", Input).focus()
            return
        self.dismiss(completed(info))

    @on(Button.Pressed, "#init-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
