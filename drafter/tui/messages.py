"""The messages screens send the app, and the news the app passes back to its screens.

Screens never call the app's methods: they post a request (open this sheet, open the facts
library, commit…) that bubbles up to DrafterApp, which owns the screen stack, the drafts offer
and the dialogs around them. What happened to a file (a sheet saved or generated, the profile or
facts changed) is posted the same way; the app tells the list and the editor.

A request may carry `then`, run with the dialog's or form's result once it is closed (a fact
picked from the library goes into the field the clerk was typing in).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from textual.message import Message

Then = Callable[[Any], None] | None


# ---- requests: a screen asks the app to do something ------------------------------------
class OpenSheet(Message):
    """Open a sheet in the editor (offering back a left-over draft first)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)


class OpenForm(Message):
    """Open the profile ("profile") or facts ("facts") form on path; pick: Enter picks a fact and
    closes the library, `then(name or None)` receiving it."""

    def __init__(self, kind: str, path: Path, *, pick: bool = False, then: Then = None) -> None:
        super().__init__()
        self.kind, self.path, self.pick, self.then = kind, Path(path), pick, then


class SetUpOffice(Message):
    """Ask for the bureau's details and write profile.yaml; then(path of the profile) afterwards."""

    def __init__(self, then: Then = None) -> None:
        super().__init__()
        self.then = then


class OfferFacts(Message):
    """No facts.yaml near `near`: offer to create one; then(path) once it exists."""

    def __init__(self, near: Path, then: Then = None) -> None:
        super().__init__()
        self.near, self.then = Path(near), then


class NewSheet(Message):
    """Ctrl+N: ask for a new sheet's details (in `near`'s folder by default) and open it."""

    def __init__(self, near: Path | None = None) -> None:
        super().__init__()
        self.near = near


class Commit(Message):
    """F7: show the commit dialog for the workspace's changed files."""


class CloseEditor(Message):
    """Esc in the editor: leave it, asking first when there are unsaved changes."""


# ---- news: something happened to a file -------------------------------------------------
class SheetChanged(Message):
    """A sheet was saved, generated or closed by the workbench: its list row is read again."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)


class FileSaved(Message):
    """The workbench itself saved path (a sheet, profile or facts): not news for the list's next look
    at the disk."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)


class ProfileChanged(Message):
    """The workbench saved (or created) a profile: previews and list rows read it again."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)


class FactsChanged(Message):
    """The workbench saved (or created) a facts library: previews and list rows read it again."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
