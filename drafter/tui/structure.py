"""The body outline of the editor screen: the tree of sections and items, the editor of the
selected node, and structural edits (add, remove, move) with their undo and redo.

Relies on the screen for: `session`, `analysis`, `current_node`, `_rebuilding`, `_outline_state`,
`_detail_token`, `_detail_shown`, `_pending_focus`, `base_key`, `make_row(spec)`, `field_changed(row)`,
`_show_errors()`, `_focus_key(key)` and `_focus_now(key)`; the outline is the `#outline` Outline and the
node editor lives in `#detail`.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Button, Static, Tree

from drafter.checker.places import item_label, section_label
from drafter.tui import fields as F
from drafter.tui.screens.ask import Ask
from drafter.tui.widgets.field_row import FieldRow
from drafter.tui.widgets.outline import Outline


class StructureEditing:
    """Mixin for the editor screen: the 正文 tab's outline and the structural edits made from it."""

    def _labels(self) -> dict[tuple, str]:
        """Outline labels numbered as the reply prints them (checker.places: one numbering)."""
        labels: dict[tuple, str] = {}

        def walk(sections, key, level):
            if not isinstance(sections, list):
                return
            for i, s in enumerate(sections):
                k = key + (i,)
                labels[k] = section_label(sections, i, level, width=24)
                if isinstance(s, dict):
                    items = s.get("items") if isinstance(s.get("items"), list) else []
                    for j in range(len(items)):
                        labels[k + ("items", j)] = item_label(s, j, width=20)
                    walk(s.get("sections"), k + ("sections",), level + 1)

        walk(self.session.get(("sections",)), ("sections",), 1)
        return labels

    def _rebuild_outline(self, select: tuple | None = None) -> None:
        tree = self.query_one("#outline", Outline)
        self._rebuilding = True  # highlights from clear() and re-adding are not the clerk's moves
        tree.clear()
        tree.root.expand()
        labels = self._labels()
        bad = {p.key[: i] for p in (self.analysis.problems if self.analysis else []) for i in range(len(p.key) + 1)}
        nodes = {("sections",): tree.root}
        target = None
        for key, kind in self.session.outline():
            if kind == "section":
                parent = nodes.get(key[:-2]) if len(key) > 2 else tree.root
            else:
                parent = nodes.get(key[:-2])
            parent = parent or tree.root
            mark = "！" if key in bad else ""
            label = mark + labels.get(key, "?")
            if kind == "section":
                node = parent.add(label, data=key, expand=True)
                nodes[key] = node
            else:
                node = parent.add_leaf(label, data=key)
            if key == select:
                target = node
        tree.root.set_label("正文（选中后在右侧编辑）")
        if target is not None:
            self._show_node(select)
        elif self.current_node is None:
            self._show_node(None)

        def settle() -> None:
            if target is not None:
                tree.move_cursor(target)  # node lines are known only after a refresh
            self.call_after_refresh(setattr, self, "_rebuilding", False)

        self.call_after_refresh(settle)

    def _refresh_labels(self) -> None:
        labels = self._labels()
        bad = {p.key[: i] for p in (self.analysis.problems if self.analysis else []) for i in range(len(p.key) + 1)}
        if (labels, bad) == self._outline_state:
            return
        self._outline_state = (labels, bad)
        tree = self.query_one("#outline", Outline)

        def walk(node):
            for child in node.children:
                if child.data is not None:
                    child.set_label(("！" if child.data in bad else "") + labels.get(child.data, "?"))
                walk(child)

        walk(tree.root)

    # Named handlers (not @on): Textual finds these through the MRO, so they work from a mixin.
    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.control.id != "outline":
            return
        if self._rebuilding or event.node is not event.control.cursor_node:
            return  # a stale highlight from before the outline was rebuilt
        if event.node.data != self.current_node:
            self._show_node(event.node.data)

    def _show_node(self, key: tuple | None) -> None:
        """Show the editor for a section or item. Rebuilt after a refresh, latest request only,
        so quick cursor moves never leave two generations of rows (or focus on a removed one)."""
        self.current_node = key
        self._detail_token += 1
        self.call_after_refresh(self._render_detail, self._detail_token)

    async def _render_detail(self, token: int) -> None:
        if token != self._detail_token:
            return
        key = self.current_node
        detail = self.query_one("#detail", VerticalScroll)
        await detail.remove_children()
        if token != self._detail_token or not detail.is_attached:
            return  # a newer request, or the app is closing
        if key is None:
            await detail.mount(Static("在左侧选择一个小节或要点进行编辑。\n"
                                      "a 加要点　s 加小节　c 加下级小节　Delete 删除　Ctrl+↑/↓ 移动",
                                      classes="detail-help"))
        else:
            specs = F.item_specs(key) if key[-2] == "items" else F.section_specs(key)
            await detail.mount_all([self.make_row(spec) for spec in specs])
            self._show_errors()
        self._detail_shown = key
        pending = self._pending_focus
        if pending is not None and key is not None and pending[: len(key)] == key:
            self._focus_now(pending)

    def _selected_key(self) -> tuple | None:
        node = self.query_one("#outline", Outline).cursor_node
        return node.data if node is not None else None

    def _section_of(self, key: tuple | None) -> tuple | None:
        if key is None:
            return None
        return key[:-2] if key[-2] == "items" else key

    def action_add_item(self) -> None:
        key = self._selected_key()
        section = self._section_of(key)
        if section is None:
            outline = self.session.outline()
            sections = [k for k, kind in outline if kind == "section"]
            if not sections:
                section = self.session.add_section()
                self._structure_changed(section + ("items", 0))
                return
            section = sections[-1]
        after = key[-1] if key is not None and key[-2] == "items" else None
        new = self.session.add_item(section, after, focus=key)
        self._structure_changed(new, focus="lead")

    def action_add_section(self) -> None:
        key = self._section_of(self._selected_key())
        new = self.session.add_section(after=key, focus=self._selected_key())
        self._structure_changed(new, focus="heading")

    def action_add_subsection(self) -> None:
        key = self._section_of(self._selected_key())
        if key is None:
            return self.action_add_section()
        new = self.session.add_section(child_of=key, focus=self._selected_key())
        self._structure_changed(new, focus="heading")

    def action_remove_node(self) -> None:
        key = self._selected_key()
        if key is None:
            return
        label = self._labels().get(key, "")
        what = f"要点“{label}”" if key[-2] == "items" else f"小节“{label}”（连同其中的要点）"

        def done(answer):
            if answer == "yes":
                self._structure_changed(self.session.delete(key))
                self.notify("已删除。按 Ctrl+Z 撤销", timeout=4)

        # Enter confirms: 删除 is the button the clerk is looking at, and Ctrl+Z undoes it anyway.
        self.app.push_screen(Ask("删除", f"确定删除{what}？（删除后可按 Ctrl+Z 撤销）",
                                 [("yes", "删除", "error"), ("no", "取消", "default")], focus="yes"), done)

    def action_undo(self) -> None:
        """Ctrl+Z: undo the last structural edit or quick fix (text boxes undo their own typing)."""
        step = self.session.history.undo()
        if step is None:
            self.notify("没有可以撤销的操作")
            return
        self._history_moved(step.focus)
        self.notify(f"已撤销：{step.label}（Ctrl+Y 重做）", timeout=4)

    def action_redo(self) -> None:
        """Ctrl+Y: do the last undone step again."""
        step = self.session.history.redo()
        if step is None:
            self.notify("没有可以重做的操作")
            return
        self._history_moved(step.focus_after or step.focus)
        self.notify(f"已重做：{step.label}", timeout=4)

    def _history_moved(self, focus: tuple | None) -> None:
        """The data changed under the form (undo/redo): show it again and put the cursor at focus."""
        for row in self.query(FieldRow):
            row.load(self.session.get(self.base_key + row.spec.key))
        node = _node_of(focus)
        self._structure_changed(node)
        if focus is not None and focus != node:
            self._focus_key(focus)  # a field (a quick fix): its tab and the field itself

    def action_move(self, delta: int) -> None:
        key = self._selected_key()
        if key is None:
            return
        new = self.session.move(key, delta)
        if new != key:
            self._structure_changed(new)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The outline's toolbar, for the mouse (the keys do the same from the tree)."""
        if event.button.id == "btn-add-item":
            self.action_add_item()
        elif event.button.id == "btn-add-section":
            self.action_add_section()
        elif event.button.id == "btn-remove":
            self.action_remove_node()
        elif event.button.id == "btn-up":
            self.action_move(-1)
        elif event.button.id == "btn-down":
            self.action_move(1)

    def _structure_changed(self, select: tuple | None, focus: str | None = None) -> None:
        self.current_node = None
        if focus and select is not None:
            self._pending_focus = select + (focus,)
        self._rebuild_outline(select)
        if select is None:
            self._show_node(None)
        self.field_changed(None)

    def action_enter_node(self) -> None:
        """Enter on the tree: into the selected section's or item's editor (its first field)."""
        key = self._selected_key()
        if key is None:
            self.query_one("#outline", Outline).action_toggle_node()
            return
        self._focus_key(key + (("lead",) if key[-2] == "items" else ("heading",)))


def _node_of(key: tuple | None) -> tuple | None:
    """The section or item that holds key (None: none, key is not in the body)."""
    if not key or key[0] != "sections":
        return None
    for i in range(len(key), 1, -1):
        probe = key[:i]
        if isinstance(probe[-1], int) and probe[-2] in ("sections", "items"):
            return probe
    return None
