"""Focus routing in the editor screen: which field a key (or a problem) lands on, tab switching by key,
the hint bar, and typing that arrives while something without text has focus.

Relies on the screen for: `session`, `TABS`, `current_node`, `last_text_widget`, `show_preview_narrow`,
`_pending_focus`, `_focus_offset`, `_detail_shown`, `_row_for(widget)`, `_layout(width)`,
`action_toggle_preview()` and `_show_node(key)`; the tabs are the `#form` TabbedContent.
"""

from __future__ import annotations

from textual.events import DescendantFocus, Key
from textual.widgets import Input, Select, TabbedContent, TabPane, TextArea

from drafter.tui import fields as F
from drafter.tui.widgets.line import Line
from drafter.tui.widgets.outline import Outline

TAB_OF = {**{s.key[0]: "tab-basic" for s in F.BASIC}, **{s.key[0]: "tab-opening" for s in F.OPENING},
          **{s.key[0]: "tab-other" for s in F.OTHER}, "sections": "tab-body", "check": "tab-other"}


class FocusRouting:
    """Mixin for the editor screen: where the cursor goes."""

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        widget = event.widget
        row = self._row_for(widget)
        bar = self.query_one("#hint-bar", Line)
        if row is not None:
            if isinstance(widget, (Input, TextArea)):
                self.last_text_widget = widget
            hint = row.spec.hint or row.spec.placeholder
            bar.update(f"[b]{row.spec.label}[/]" + (f"：{hint}" if hint else "") +
                       ("　[dim]F2 插入数据[/]" if isinstance(widget, (Input, TextArea)) else ""))
        elif isinstance(widget, Outline):
            bar.update("[b]正文结构[/]：a 加要点　s 加小节　c 加下级小节　Delete 删除　Ctrl+↑/↓ 上移/下移")

    def _focus_key(self, key: tuple, offset: int | None = None) -> bool:
        """Show the tab (and outline node) holding key's field, and focus it; with offset (a character
        of the value at key) the cursor goes onto that character."""
        self._focus_offset = (key, offset)
        tabs = self.query_one("#form", TabbedContent)
        if key and key[0] == "sections":
            tabs.active = "tab-body"
            node_key = None
            for i in range(len(key), 0, -1):
                probe = key[:i]
                if len(probe) >= 2 and isinstance(probe[-1], int) and probe[-2] in ("sections", "items"):
                    node_key = probe
                    break
            if node_key is not None:
                tree = self.query_one("#outline", Outline)

                def find(node):
                    for child in node.children:
                        if child.data == node_key:
                            return child
                        found = find(child)
                        if found:
                            return found
                    return None

                target = find(tree.root)
                if target is not None:
                    tree.move_cursor(target)
                    if self.current_node != node_key:
                        self._show_node(node_key)
        elif key and key[0] in TAB_OF:
            tabs.active = TAB_OF[key[0]]
        if not self.has_class("wide"):
            self.show_preview_narrow = False
            self._layout(self.app.size.width)
        self._pending_focus = key
        if key and key[0] == "sections" and self._detail_shown != self.current_node:
            return True  # _render_detail focuses it once the rows exist
        self.call_after_refresh(self._focus_now, key)
        return True

    def _focus_now(self, key: tuple) -> None:
        self._pending_focus = None
        for probe in (key[:i] for i in range(len(key), 0, -1)):
            found = [w for w in self.query(f"#{F.Spec(probe, '').id}") if w.is_attached]
            if found:
                found[0].focus()
                self._place_cursor(found[0], probe, key)
                return

    def _place_cursor(self, widget, row_key: tuple, key: tuple) -> None:
        """Put the cursor on the character a problem points at (see _focus_key)."""
        target, offset = self._focus_offset
        self._focus_offset = (None, None)
        row = self._row_for(widget)
        if target != key or row is None:
            return
        at = F.display_offset(row.spec.kind, self.session.get(row_key), key[len(row_key):], offset)
        if at is None:
            return
        if isinstance(widget, TextArea):
            text = widget.text
            at = min(at, len(text))
            line = text.count("\n", 0, at)
            widget.move_cursor((line, at - (text.rfind("\n", 0, at) + 1)), center=True)
        elif isinstance(widget, Input):
            widget.cursor_position = min(at, len(widget.value))


    def switch_tab(self, tab: str) -> None:
        """Show a tab and put the cursor in its first field (the tree, on 正文)."""
        self.query_one("#form", TabbedContent).active = tab
        if not self.has_class("wide"):
            self.show_preview_narrow = False
            self._layout(self.app.size.width)
        self.call_after_refresh(self._focus_first, tab)

    def _focus_first(self, tab: str) -> None:
        for widget in self.query_one(f"#{tab}", TabPane).query("Outline, Input, TextArea, Select"):
            if widget.focusable:
                widget.focus()
                return

    def action_tab(self, n: int) -> None:
        """Alt+1…4: the n-th tab."""
        self.switch_tab(self.TABS[n - 1])

    def action_next_tab(self, step: int = 1) -> None:
        """Ctrl+PageDown (Ctrl+PageUp: step -1): the next tab, round the end."""
        current = self.query_one("#form", TabbedContent).active
        index = self.TABS.index(current) if current in self.TABS else 0
        self.switch_tab(self.TABS[(index + step) % len(self.TABS)])

    def action_previous_tab(self) -> None:
        self.action_next_tab(-1)

    def on_key(self, event: Key) -> None:
        """Typing while something that takes no text has focus (the preview) goes to the last text box
        rather than nowhere."""
        focused = self.focused
        if not event.is_printable or event.character == "?" or isinstance(focused, (Input, TextArea, Select, Outline)):
            return  # "?" is the help key where it types nothing
        target = self.last_text_widget
        if target is None or not target.is_attached:
            return
        event.stop()
        event.prevent_default()
        if not self.has_class("wide") and self.show_preview_narrow:
            self.action_toggle_preview()
        self.switch_tab(next((t for t in self.TABS if self.query_one(f"#{t}") in target.ancestors), "tab-basic"))
        self.call_after_refresh(self._type_into, target, event.character)

    def _type_into(self, target, character: str) -> None:
        target.focus()
        if isinstance(target, TextArea):
            target.insert(character)
        else:
            target.insert_text_at_cursor(character)
