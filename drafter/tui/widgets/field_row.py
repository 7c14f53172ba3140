"""Form rows bound to a field of a YAML document: label, widget and the field's error."""

from __future__ import annotations

from typing import Any

from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, Label, Select, TextArea

from drafter.model.fields import NO_WORDS, YES_WORDS
from drafter.model.profile import KIND_ALIASES
from drafter.model.sheet import DISCLOSURE_ALIASES, HANDLING_ALIASES
from drafter.tui.fields import Spec, to_display


_BOOL = {**{w: "是" for w in YES_WORDS}, **{w: "否" for w in NO_WORDS}}
_ALIASES = {**KIND_ALIASES, **HANDLING_ALIASES, **DISCLOSURE_ALIASES}


class FieldInput(Input):
    """An Input of fixed size. Textual re-lays out the whole screen whenever an Input's virtual
    size is reset (on every keystroke); for a one-line field of fixed width a repaint is enough,
    and it halves the time from a keystroke to the updated preview."""

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)


class FieldTextArea(TextArea):
    """A TextArea whose Ctrl+Z and Ctrl+Y, once its own typing history is used up, go on to the
    screen's undo history: a quick fix or a structural edit just made is taken back from wherever
    the cursor is (showing a changed value clears the box's own history)."""

    async def action_undo(self) -> None:
        if self.history.undo_stack:
            self.undo()
        else:
            await self.run_action("screen.undo")

    async def action_redo(self) -> None:
        if self.history.redo_stack:
            self.redo()
        else:
            await self.run_action("screen.redo")


class FieldRow(Horizontal):
    """Label | widget (+ the field's error underneath). The widget's id is the spec's id."""

    _error: str | None = None
    _drawn = False
    _widget = None

    def __init__(self, spec: Spec, value: Any, *, choices: tuple = (), blink: bool = True) -> None:
        """blink: False for snapshots (a blinking cursor is not deterministic)."""
        super().__init__(classes=f"row row-{spec.kind}")
        self.blink = blink
        self.spec = spec
        self.value = value
        self.choices = choices or spec.choices
        self.shown = self._select_value(value) if spec.kind == "choice" else to_display(value, spec.kind)

    def _select_value(self, value: Any) -> Any:
        """The option that stands for value (aliases and 是/否 spellings mapped); BLANK when unset."""
        if value is None or value == "":
            return Select.NULL
        word = str(value).strip() if not isinstance(value, bool) else ("是" if value else "否")
        options = [v for _, v in self.choices]
        for candidate in (word, _ALIASES.get(word), _BOOL.get(word.lower())):
            if candidate in options:
                return candidate
            if candidate is not None and candidate == self.spec.default:
                return Select.NULL  # the default is the blank choice ("是（默认）"), offered once
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
                area = FieldTextArea(self.shown, id=spec.id, soft_wrap=True, tab_behavior="focus",
                                show_line_numbers=False, classes=f"h{spec.height}")
                yield area
            else:
                yield FieldInput(self.shown, placeholder=spec.placeholder or spec.hint, id=spec.id, compact=True,
                                 select_on_focus=False)
            yield Label("", classes="row-error")

    def load(self, value: Any) -> None:
        """Show a new value (the file changed on disk) without it counting as the clerk's edit: the
        widget's Changed event finds its text equal to the value's and changes nothing."""
        widget = self.widget
        if value == self.value and widget_text(widget) == self._display(value):
            return
        self.value = value
        if self.spec.kind == "choice":
            before = self.choices
            self.shown = self._select_value(value)
            if self.choices != before:
                widget.set_options(list(self.choices))
            widget.value = self.shown
            return
        self.shown = to_display(value, self.spec.kind)
        if isinstance(widget, TextArea):
            widget.text = self.shown
        else:
            widget.value = self.shown

    def _display(self, value: Any) -> Any:
        """What the widget shows for value."""
        if self.spec.kind == "choice":
            return self.shown if value == self.value else object()
        return to_display(value, self.spec.kind)

    def show_error(self, message: str | None) -> None:
        if message == self._error and self._drawn:
            return  # unchanged: no repaint (this runs for every row after every keystroke)
        self._error = message
        self.set_class(bool(message), "-invalid")
        found = self.query(".row-error")
        if found:  # not yet composed: on_mount shows it
            label = found.first(Label)
            label.update(f"！{message}" if message else "")
            label.set_class(bool(message), "-shown")
            self._drawn = True

    def on_mount(self) -> None:
        if not self.blink:
            for w in self.query("Input, TextArea"):
                w.cursor_blink = False
        if self._error:
            self.show_error(self._error)

    @property
    def widget(self):
        found = self._widget
        if found is None:
            found = self._widget = self.query_one(f"#{self.spec.id}")
        return found


def widget_text(widget) -> Any:
    """What a bound widget holds now (the Select's value, or the text)."""
    if isinstance(widget, Select):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    return widget.value
