"""The preview page widget."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class Paper(ScrollView):
    """The preview page: pre-laid-out lines drawn through the line API, so replacing the text
    costs one repaint of this widget instead of a layout pass over the whole editor."""

    DEFAULT_CSS = """
    Paper {
        background: $surface;
        color: $foreground;
    }
    """

    def __init__(self, *, paper_width: int = 60, **kwargs) -> None:
        super().__init__(**kwargs)
        self.paper_width = paper_width
        self._lines: list[list[Segment]] = []
        self.text = Text()

    def show(self, text: Text) -> None:
        self.text = text
        console = self.app.console
        self._lines = [list(line.render(console, end="")) for line in text.split("\n", allow_blank=True)]
        self.virtual_size = Size(self.paper_width, len(self._lines) + 1)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = y + self.scroll_offset.y
        base = self.rich_style
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, base)
        pad = max(2, (width - self.paper_width) // 2)
        strip = Strip([Segment(" " * pad), *self._lines[index]])
        return strip.apply_style(base).extend_cell_length(width, base).crop(0, width)
