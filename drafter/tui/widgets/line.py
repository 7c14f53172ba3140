"""One-line widgets: a line of markup that repaints without a layout pass, and the title bar."""

from __future__ import annotations

from rich.cells import cell_len
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


class WrappingLine(Line):
    """A Line that takes a second row when its text needs it (the editor's problem bar: the message
    and its 建议 stay readable at 100 columns). Its height changes only when the row count does."""

    def fit_rows(self, width: int) -> None:
        rows = 1 if cell_len(Text.from_markup(self.text).plain) <= width else 2
        if self.styles.height is None or self.styles.height.value != rows:
            self.styles.height = rows

    def render(self) -> Text:
        return Text.from_markup(self.text, overflow="ellipsis", end="")
