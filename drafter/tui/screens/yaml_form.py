"""The base of the profile and facts screens: form rows bound to one YAML file, Ctrl+S saves it."""

from __future__ import annotations

from pathlib import Path

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input

from drafter.errors import InputError
from drafter.sheets.edit import EditError
from drafter.tui import fields as F
from drafter.tui import messages as msg
from drafter.tui.disk import DiskAware
from drafter.tui.form import BoundForm
from drafter.tui.screens.ask import unsaved_question
from drafter.tui.widgets.field_row import FieldRow
from drafter.tui.widgets.line import TitleBar
from drafter.tui.workbench import Workbench
from drafter.workspace.drafts import DraftKeeper
from drafter.workspace.session import Problem, SheetSession
from drafter.workspace.validate import validate


class YamlFormScreen(DiskAware, BoundForm, Screen[bool]):
    """Shared by the profile and facts screens: rows bound to a YAML file, Ctrl+S saves it."""

    what = "文件"
    form = "profile"

    def __init__(self, path: Path, workbench: Workbench, *, draft_text: str | None = None,
                 draft_base: str | None = None):
        super().__init__()
        self.workbench = workbench
        self.session = SheetSession(path, workbench.loader)
        if draft_text:
            self.session.restore(draft_text, draft_base)
        self.restored = bool(draft_text) and self.session.dirty
        self.keeper = DraftKeeper(self.session.path)
        self.problems: list[Problem] = []

    def _start_drafts(self) -> None:
        """Keep a crash-safe draft beside the file while there are unsaved changes (as the editor does),
        and notice when the file changes on disk."""
        self.set_interval(self.workbench.draft_interval, self.keep_draft)
        self.watch_disk()
        if self.restored:
            self.notify("已恢复上次未保存的草稿，确认无误后请按 Ctrl+S 保存", title="草稿已恢复")
            self.field_changed(None)

    def _discard(self) -> None:
        self.session.discard()
        self.keeper.discard()

    def field_changed(self, row: FieldRow | None) -> None:
        try:
            text = self.session.text()
        except (InputError, EditError) as exc:
            self.problems = [Problem(str(exc))]
        else:
            self.problems = validate(self.form, text, self.session.path)
        for r in self.query(FieldRow):
            key = self.base_key + r.spec.key
            mine = [p for p in self.problems if p.key[: len(key)] == key and p.key]
            try:
                r.show_error(mine[0].describe() if mine else F.check_value(r.spec, _typed(r.widget)))
            except NoMatches:  # a row just mounted, not composed yet: the next change shows its error
                pass
        self._title()

    def _title(self) -> None:
        state = "[b]＊未保存[/]" if self.session.dirty else "[dim]已保存[/]"
        self.query_one(TitleBar).update(f" {self.what} › {self.session.path.name}  {state}")

    def action_save(self, then=None) -> bool:
        """Ctrl+S. True when saved (or nothing to save) at once; when a field changed on disk too the
        clerk is asked first, and `then()` runs once the file is saved."""
        blocking = [p for p in self.problems if p.blocking]
        if blocking:
            self.notify(f"有错误，未保存：{blocking[0].describe()}", severity="error")
            return False
        if not self.session.dirty:
            self.keeper.discard()
            self.notify("没有需要保存的修改")
            return True
        return self.save_merging(then)

    def after_save(self, result) -> None:
        merged = "（已合并磁盘上的修改）" if result.merged else ""
        self.notify(f"已保存：{self.session.path.name}{merged}" if result.written
                    else f"磁盘上已是这些内容：{self.session.path.name}")
        self._title()
        if result.written:  # every reply using it may read differently now: the app tells the editor and list
            news = msg.FactsChanged if self.form == "facts" else msg.ProfileChanged
            self.post_message(news(self.session.path))

    def reload_form(self) -> None:
        """Show the session's data again (the file changed on disk)."""
        for row in self.query(FieldRow):
            row.load(self.session.get(self.base_key + row.spec.key))
        self.field_changed(None)

    def drop_mine(self) -> None:
        self.dismiss(False)

    def action_close(self) -> None:
        if not self.session.dirty:
            self.keeper.discard()
            self.dismiss(False)
            return
        def done(answer):
            if answer == "save":
                if self.action_save(then=lambda: self.dismiss(True)):
                    self.dismiss(True)
            elif answer == "discard":
                self._discard()
                self.dismiss(False)

        self.app.push_screen(unsaved_question(self.session.path.name), done)


def _typed(widget) -> str:
    """What the clerk typed into a one-line field ('' for other widgets: only those are checked at once)."""
    return widget.value if isinstance(widget, Input) else ""
