"""Binding form rows to a SheetSession: widget changes become data changes."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select, TextArea

from drafter.tui.fields import Spec, check_value, from_display
from drafter.tui.widgets.field_row import FieldRow, widget_text
from drafter.tui.workbench import Workbench
from drafter.workspace.session import SheetSession


class BoundForm:
    """Mixin for screens whose FieldRows edit `self.session`. Subclasses implement field_changed."""

    session: SheetSession
    workbench: Workbench
    base_key: tuple = ()

    def rows(self) -> dict[str, FieldRow]:
        return {row.spec.id: row for row in self.query(FieldRow)}  # type: ignore[attr-defined]

    def make_row(self, spec: Spec, *, choices: tuple = ()) -> FieldRow:
        key = self.base_key + spec.key
        return FieldRow(spec, self.session.get(key), choices=choices, blink=self.workbench.blink)

    def _row_for(self, widget) -> FieldRow | None:
        node = widget.parent
        while node is not None and not isinstance(node, FieldRow):
            node = node.parent
        return node

    def _changed(self, widget) -> None:
        row = self._row_for(widget)
        if row is None or widget.id != row.spec.id:
            return
        spec = row.spec
        key = self.base_key + spec.key
        raw = widget_text(widget)
        if spec.kind == "choice":
            if raw == row.shown:
                value: Any = row.value
            else:
                value = None if raw is Select.NULL else raw
        else:
            value = from_display(raw, spec.kind, row.value)
        current = self.session.get(key)
        if value == current:
            return
        if value is None:
            self.session.remove(key)
        else:
            self.session.set(key, value)
        row.show_error(check_value(spec, raw if isinstance(raw, str) else ""))
        self.field_changed(row)  # type: ignore[attr-defined]

    # Named handlers (not @on): Textual finds these through the MRO, so they work from a mixin.
    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed(event.select)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area)
