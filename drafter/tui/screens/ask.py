"""A question with a few buttons, and the save-or-discard question every form asks."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class Ask(ModalScreen[str | None]):
    """A question with a few buttons; dismisses with the chosen button's id (None on Esc)."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, message: str, buttons: list[tuple[str, str, str]], *, focus: str | None = None):
        super().__init__(classes="dialog-screen")
        self.title_text, self.message = title, message
        self.buttons = buttons  # (id, label, variant)
        self.focus_id = focus or buttons[0][0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for bid, label, variant in self.buttons:
                    yield Button(label, id=bid, variant=variant, compact=True)

    def on_mount(self) -> None:
        self._focus_default()

    def _focus_default(self) -> None:
        found = self.query(f"#{self.focus_id}")
        if found:
            found.first().focus()
        else:  # pushed while the app was still starting: the buttons arrive a refresh later
            self.call_after_refresh(self._focus_default)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def unsaved_question(what: str) -> Ask:
    return Ask("有未保存的修改", f"{what}有未保存的修改。", [
        ("save", "保存", "primary"), ("discard", "不保存", "error"), ("cancel", "取消", "default")])
