"""Form rows bound to a field of a YAML document, and the small shared widgets."""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static, TextArea

from drafter.tui.fields import Spec, to_display

_BOOL = {"true": "是", "yes": "是", "on": "是", "是": "是", "y": "是", "1": "是",
         "false": "否", "no": "否", "off": "否", "否": "否", "n": "否", "0": "否"}
_ALIASES = {"提案": "政协提案", "政协": "政协提案", "建议": "人大建议", "人大": "人大建议",
            "会办": "协办", "分办": "主办", "公开": "主动公开"}


class TitleBar(Static):
    """One line at the top: where the clerk is and what state the file is in."""


class FieldRow(Horizontal):
    """Label | widget (+ the field's error underneath). The widget's id is the spec's id."""

    def __init__(self, spec: Spec, value: Any, *, choices: tuple = ()) -> None:
        super().__init__(classes=f"row row-{spec.kind}")
        self.spec = spec
        self.value = value
        self.choices = choices or spec.choices
        self.shown = self._select_value(value) if spec.kind == "choice" else to_display(value, spec.kind)

    def _select_value(self, value: Any) -> Any:
        """The option that stands for value (aliases and 是/否 spellings mapped); BLANK when unset."""
        if value is None or value == "":
            return Select.NULL
        word = str(value).strip()
        options = [v for _, v in self.choices]
        for candidate in (word, _ALIASES.get(word), _BOOL.get(word.lower())):
            if candidate in options:
                return candidate
        self.choices = (*self.choices, (f"{word}（原值）", word))
        return word

    def compose(self):
        spec = self.spec
        yield Label(spec.label, classes="row-label")
        with Vertical(classes="row-body"):
            if spec.kind == "choice":
                yield Select(list(self.choices), prompt=spec.blank, value=self.shown, allow_blank=True,
                             id=spec.id, compact=True, type_to_search=True)
            elif spec.kind in ("text", "lines"):
                area = TextArea(self.shown, id=spec.id, soft_wrap=True, tab_behavior="focus",
                                show_line_numbers=False, classes=f"h{spec.height}")
                yield area
            else:
                yield Input(self.shown, placeholder=spec.placeholder or spec.hint, id=spec.id, compact=True,
                            select_on_focus=False)
            yield Label("", classes="row-error")

    def show_error(self, message: str | None) -> None:
        self._error = message
        self.set_class(bool(message), "-invalid")
        found = self.query(".row-error")
        if found:  # not yet composed: on_mount shows it
            label = found.first(Label)
            label.update(f"⚠ {message}" if message else "")
            label.set_class(bool(message), "-shown")

    def on_mount(self) -> None:
        if not getattr(self.app, "blink", True):  # snapshots: a blinking cursor is not deterministic
            for w in self.query("Input, TextArea"):
                w.cursor_blink = False
        if getattr(self, "_error", None):
            self.show_error(self._error)

    @property
    def widget(self):
        return self.query_one(f"#{self.spec.id}")


def widget_text(widget) -> Any:
    """What a bound widget holds now (the Select's value, or the text)."""
    if isinstance(widget, Select):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    return widget.value
