"""One-line widgets: a line of markup that repaints without a layout pass, and the title bar."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Line(Widget):
    """One line of markup. Changing it repaints only this line: a Static would ask for a layout
    pass over the whole screen, and these change with every keystroke."""

    DEFAULT_CSS = """
    Line {
        height: 1;
        width: 100%;
    }
    """

    text = reactive("", layout=False)

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(Line.text, text)

    def update(self, text: str) -> None:
        self.text = text

    def render(self) -> Text:
        text = Text.from_markup(self.text, overflow="ellipsis", end="")
        text.no_wrap = True
        return text


class TitleBar(Line):
    """One line at the top: where the clerk is and what state the file is in."""
