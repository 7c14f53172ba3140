"""The body outline: sections and items as a tree; keys here rearrange them."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Tree


class Outline(Tree):
    """The body's sections and items; keys here rearrange them."""

    BINDINGS = [
        Binding("enter", "screen.enter_node", "编辑"),
        Binding("a", "screen.add_item", "加要点"),
        Binding("s", "screen.add_section", "加小节"),
        Binding("c", "screen.add_subsection", "加下级小节"),
        Binding("delete", "screen.remove_node", "删除"),
        Binding("ctrl+up", "screen.move(-1)", "上移"),
        Binding("ctrl+down", "screen.move(1)", "下移"),
    ]
