"""The 交办 list dialog: name the list, see what `drafter intake` would make of it, then make it."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.errors import InputError
from drafter.intake.create import Intake, intake
from drafter.tui.crash import guarded

LIST_SUFFIXES = (".xlsx", ".xlsm", ".csv")
SHOWN = 12   # lines of each kind shown in the preview


def list_files(folder: Path) -> list[Path]:
    """Spreadsheets in the workspace folder and the one above it: where a downloaded list is put."""
    found: list[Path] = []
    for place in (folder, folder.parent):
        try:
            found += sorted(p for p in place.iterdir() if p.suffix.lower() in LIST_SUFFIXES and p.is_file()
                            and not p.name.startswith(("~$", ".")) and not p.stem.startswith("办理台账"))
        except OSError:
            continue
    return found


def typed_path(text: str, folder: Path) -> Path:
    """The path a clerk typed or pasted (Windows Explorer's "copy as path" adds quotes)."""
    text = text.strip().strip('"').strip("'").strip()
    path = Path(text).expanduser()
    return path if path.is_absolute() else folder / path


def describe(result: Intake, *, dry_run: bool) -> str:
    """What intake did or would do, in a few lines (rich markup)."""
    verb = "将新建" if dry_run else "已新建"
    lines = [f"共 {result.rows} 行：{verb} {len(result.created)} 份，已有 {len(result.existing)} 份（不改动），"
             f"出错 {len({(p.path, p.row) for p in result.problems})} 行"]
    for entry, path in result.created[:SHOWN]:
        lines.append(f"  {verb}　{escape(path.name)}")
    if len(result.created) > SHOWN:
        lines.append(f"  ……等 {len(result.created)} 份")
    for problem in result.problems[:SHOWN]:
        column = f"（{problem.column}）" if problem.column else ""
        lines.append(f"  [red]第 {problem.row} 行{escape(column)}：{escape(problem.message)}[/]")
    for entry, _ in result.created:
        for warning in entry.warnings:
            lines.append(f"  [yellow]第 {entry.row} 行：{escape(warning)}[/]")
    return "\n".join(lines)


class IntakeDialog(ModalScreen[Intake | None]):
    """Name the list (the one spreadsheet beside the workspace is suggested), preview, create.
    Dismisses with what was created, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, folder: Path):
        super().__init__(classes="dialog-screen")
        self.folder = Path(folder)
        self.previewed: Path | None = None

    def compose(self) -> ComposeResult:
        files = list_files(self.folder)
        with Vertical(classes="dialog dialog-wide dialog-tall"):
            yield Label("导入交办清单", classes="dialog-title")
            yield Static("每件提案/建议新建一份答复事实单；已有的（按类型和编号）不会改动，也不会重复新建。",
                         classes="dialog-message")
            with Horizontal(classes="row"):
                yield Label("清单文件", classes="row-label")
                yield Input(str(files[0]) if len(files) == 1 else "", id="intake-path", compact=True,
                            placeholder="Excel（.xlsx）或 CSV 文件的路径，可直接粘贴")
            with VerticalScroll(id="intake-preview-box"):
                yield Static("", id="intake-preview", classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("预览", id="preview", variant="primary", compact=True)
                yield Button("新建", id="create", variant="success", compact=True, disabled=True)
                yield Button("取消", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#intake-path").focus()

    def _path(self) -> Path | None:
        text = self.query_one("#intake-path", Input).value
        return typed_path(text, self.folder) if text.strip() else None

    def _show(self, text: str) -> None:
        self.query_one("#intake-preview", Static).update(text)

    @on(Input.Changed, "#intake-path")
    def _changed(self) -> None:
        self.previewed = None
        self.query_one("#create", Button).disabled = True

    @on(Input.Submitted, "#intake-path")
    def _submitted(self) -> None:
        self._run(dry_run=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self._run(dry_run=event.button.id == "preview")

    def _run(self, *, dry_run: bool) -> None:
        path = self._path()
        if path is None:
            self._show("[red]请填写清单文件的路径[/]")
            return
        if not dry_run and path != self.previewed:
            dry_run = True   # create only what was previewed
        self._show("正在读取……")
        self._intake(path, dry_run)

    @work(thread=True, exclusive=True, group="intake")
    @guarded("读取交办清单")
    def _intake(self, path: Path, dry_run: bool) -> None:
        try:
            result = intake(path, self.folder, dry_run=dry_run)
        except InputError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        except OSError as exc:
            self.app.call_from_thread(self._failed, f"{path}: 无法读取：{exc.strerror or exc}")
            return
        self.app.call_from_thread(self._done, path, result, dry_run)

    def _failed(self, message: str) -> None:
        if self.is_attached:
            self._show(f"[red]{escape(message)}[/]")

    def _done(self, path: Path, result: Intake, dry_run: bool) -> None:
        if not self.is_attached:
            return
        if not dry_run:
            self.dismiss(result)
            return
        self.previewed = path
        self._show(describe(result, dry_run=True))
        create = self.query_one("#create", Button)
        create.disabled = not result.created
        if result.created:
            create.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
