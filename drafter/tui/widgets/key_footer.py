"""A footer that shows the keys a clerk needs most first, so a narrow terminal cuts the rarer ones."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Kept visible at 80 columns whatever has focus: save, preview, problems, back, quit.
ESSENTIAL = ("save", "toggle_preview", "problems", "back", "quit", "facts", "next_tab", "help")


class KeyFooter(Footer):
    """Footer with the screen's essential keys on the left (Textual's own order puts the focused
    widget's keys first, and at 80 columns pushes Esc and Ctrl+Q off the edge)."""

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        by_action: dict[str, tuple] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled, tooltip)
        order = list(by_action)

        def rank(action: str) -> tuple[int, int]:
            name = action.rpartition(".")[2]
            return (ESSENTIAL.index(name) if name in ESSENTIAL else len(ESSENTIAL), order.index(action))

        self.styles.grid_size_columns = len(by_action)
        for action in sorted(by_action, key=rank):
            binding, enabled, tooltip = by_action[action]
            yield FooterKey(binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                            disabled=not enabled, tooltip=tooltip).data_bind(compact=Footer.compact)
