"""What every screen may know about the workspace the app is open on.

The app makes one Workbench and hands it to each screen it builds, so a screen reads the folder,
the loader, whether git is on and its timings from a typed object instead of reaching into the app.
Screens never change it; they ask the app for changes with messages (tui/messages.py).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path

from drafter.compose.budget import Budget
from drafter.sheets.load import Loader
from drafter.workspace.generate import pdf_available


@dataclass
class Workbench:
    folder: Path
    loader: Loader = field(default_factory=Loader)
    git_enabled: bool = False
    draft_interval: float = 2.0  # seconds between crash-safe drafts of unsaved changes
    disk_poll: float = 2.0  # seconds between looks at the files on disk (tui/disk.py)
    blink: bool = True  # False for snapshots: a blinking cursor is not deterministic
    render_seconds: float | None = None  # a template's time budget (None: compose's default)
    pdf: bool | None = None  # write a PDF beside each .docx (None: when LibreOffice is found)
    hints_said: set[str] = field(default_factory=set)  # one-time hints shown this session (PDF substitute fonts)
    _budgets: weakref.WeakSet = field(default_factory=weakref.WeakSet, repr=False)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder).resolve()

    @property
    def pdf_enabled(self) -> bool:
        if self.pdf is None:
            self.pdf = pdf_available()  # looked up once, on the first generation (not at start-up)
        return self.pdf

    # ---- templates run off the UI thread ----------------------------------------------
    def render_budget(self) -> Budget:
        """A time and size budget for one render in a worker thread; cancel_renders() stops them all,
        so Ctrl+Q never waits for a runaway template to reach its deadline."""
        budget = Budget() if self.render_seconds is None else Budget(seconds=self.render_seconds)
        self._budgets.add(budget)
        return budget

    def cancel_renders(self) -> None:
        for budget in list(self._budgets):
            budget.cancel()

    # ---- paths as the clerk sees them ---------------------------------------------------
    def rel(self, path: Path) -> str:
        """path relative to the workspace folder (a/b.yaml), or its name when outside it."""
        try:
            return Path(path).resolve().relative_to(self.folder).as_posix()
        except ValueError:
            return Path(path).name

    def display_path(self, path: Path) -> str:
        """path with the workspace folder's name in front (examples/a/b.docx)."""
        path = Path(path)
        try:
            return f"{self.folder.name}/{path.resolve().relative_to(self.folder).as_posix()}"
        except ValueError:
            return str(path)

    def display_folder(self) -> str:
        return f"工作文件夹：{self.folder.name}"
