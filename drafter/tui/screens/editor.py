"""The form editor for one sheet, with its live preview.

The screen composes the form and owns saving, the problems list, facts/profile/diff/commit and Esc;
its mixins own the rest: the body outline (tui/structure.py), the preview and checker workers
(tui/preview.py), focus routing (tui/focus.py) and Word generation (tui/generation.py)."""

from __future__ import annotations

import difflib
import time
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, Input, TabbedContent, TabPane, TextArea

from drafter.checker.places import place
from drafter.errors import InputError
from drafter.sheets.edit import EditError
from drafter.tui import fields as F
from drafter.tui import messages as msg
from drafter.tui.form import BoundForm
from drafter.tui.focus import FocusRouting
from drafter.tui.generation import WordGeneration
from drafter.tui.disk import DiskAware
from drafter.tui.paper import CHARS_PER_LINE
from drafter.tui.preview import LivePreview
from drafter.tui.screens.diff import DiffScreen
from drafter.tui.screens.problems import ProblemsClosed, ProblemsScreen
from drafter.tui.structure import StructureEditing
from drafter.tui.widgets.field_row import FieldRow
from drafter.tui.widgets.key_footer import KeyFooter
from drafter.tui.widgets.line import Line, TitleBar, WrappingLine
from drafter.tui.widgets.outline import Outline
from drafter.tui.widgets.paper import Paper
from drafter.tui.workbench import Workbench
from drafter.workspace.drafts import DraftKeeper
from drafter.workspace.paths import linked_file
from drafter.workspace.quickfix import attempt_fix
from drafter.workspace.session import Analysis, Problem, SheetSession


WIDE = 120  # from this width the preview sits beside the form


class EditorScreen(StructureEditing, LivePreview, FocusRouting, WordGeneration, DiskAware, BoundForm, Screen):
    """Every field of one sheet; F2 facts, F3 preview, F4 problems, Ctrl+S save, Ctrl+G generate."""

    # Global keys are priority bindings: they work from every widget, even one with its own use for
    # the key (a TextArea selects all on F7 and a line on F6). Esc is not: an open Select closes on it.
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("ctrl+g", "generate", "生成Word", priority=True),
        Binding("f2", "facts", "插入数据", priority=True),
        Binding("f3", "toggle_preview", "预览", priority=True),
        Binding("f4", "problems", "问题", priority=True),
        Binding("f5", "quick_fix", "改正", priority=True),
        Binding("f6", "diff", "差异", show=False, priority=True),
        Binding("f7", "commit", "提交", show=False, priority=True),
        Binding("f8", "profile", "单位信息", show=False, priority=True),
        Binding("f9", "facts_library", "事实库", show=False, priority=True),
        Binding("escape", "back", "返回"),
        Binding("ctrl+pagedown", "next_tab", "下一页签", key_display="^PgDn", priority=True),
        Binding("ctrl+pageup", "previous_tab", "上一页签", show=False, priority=True),
        *(Binding(f"alt+{n}", f"tab({n})", f"页签：{name}", show=False, priority=True)
          for n, name in enumerate(("基本信息", "正文", "开头结尾", "附注与其他"), 1)),
        Binding("ctrl+z", "undo", "撤销（增删移动）", show=False),
        Binding("ctrl+y", "redo", "重做", show=False),
    ]
    TABS = ("tab-basic", "tab-body", "tab-opening", "tab-other")

    def __init__(self, session: SheetSession, workbench: Workbench, *, restored: bool = False):
        super().__init__()
        self.session = session
        self.workbench = workbench
        self.rel = workbench.rel(session.path)
        self.keeper = DraftKeeper(session.path)
        self.restored = restored
        self.analysis: Analysis | None = None
        self.profile = None
        self._busy = False
        self._again = False
        self._changed_at: float | None = None
        self.preview_ms: list[float] = []  # keystroke → preview painted, for the benchmark
        self.preview_serial = 0
        self.paper_text = ""
        self.show_preview_narrow = False
        self.current_node = None
        self.last_text_widget = None
        self._detail_token = 0
        self._detail_shown = object()
        self._pending_focus: tuple | None = None
        self._focus_offset: tuple = (None, None)  # (key, offset): where the cursor goes in the field at key
        self._bar_problem: Problem | None = None  # the problem the bar shows (F5 applies its 建议)
        self._rebuilding = False
        self._outline_state: tuple | None = None  # the labels and problem marks the outline shows
        self._preview_budget: tuple = (None, 0.0)  # the running preview's budget, and when it started
        self._check_timer = None
        self._checked_data = None
        self._label_cache: dict[str, str] = {}

    # ---- building -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The first preview is composed in a worker like every other: a runaway template must not hold
        # the screen (or Ctrl+Q) while it is being stopped.
        self.profile = self._guess_profile()
        yield TitleBar(id="titlebar")
        with Horizontal(id="main"):
            with TabbedContent(id="form", initial="tab-basic"):
                with TabPane("基本信息", id="tab-basic"):
                    with _unfocusable(VerticalScroll(classes="form-scroll")):
                        for spec in F.BASIC:
                            choices = F.handling_choices(self.profile) if spec.key == ("handling_type",) else ()
                            yield self.make_row(spec, choices=choices)
                with TabPane("正文", id="tab-body"):
                    with Horizontal(id="body"):
                        with Vertical(id="outline-box"):
                            yield Outline("正文", id="outline")
                            with Horizontal(id="outline-tools"):
                                # For the mouse: the keys a/s/Delete/Ctrl+↑↓ do the same from the tree, so
                                # the buttons stay out of the Tab chain (a focused button swallows typing).
                                for label, bid in (("+要点", "btn-add-item"), ("+小节", "btn-add-section"),
                                                   ("删除", "btn-remove"), ("↑", "btn-up"), ("↓", "btn-down")):
                                    button = Button(label, id=bid, compact=True)
                                    button.can_focus = False
                                    yield button
                        yield _unfocusable(VerticalScroll(id="detail", classes="form-scroll"))
                with TabPane("开头结尾", id="tab-opening"):
                    with _unfocusable(VerticalScroll(classes="form-scroll")):
                        for spec in F.OPENING:
                            yield self.make_row(spec)
                with TabPane("附注与其他", id="tab-other"):
                    with _unfocusable(VerticalScroll(classes="form-scroll")):
                        for spec in F.OTHER:
                            yield self.make_row(spec)
            with Vertical(id="preview-pane"):
                yield Line("预览", id="preview-title")
                yield Paper(id="paper", paper_width=CHARS_PER_LINE * 2 + 4)
        yield WrappingLine("", id="problem-bar")
        yield Line("", id="hint-bar")
        yield KeyFooter(compact=True, show_command_palette=False)

    def _guess_profile(self):
        try:
            path = self._linked("profile")
            return self.session.loader.load_profile(path) if path else None
        except InputError:  # a broken profile: the form still works, with the national scheme
            return None

    def _linked(self, kind: str) -> Path | None:
        """The sheet's profile or facts library as the workspace finds it (None: none yet).
        Raises InputError for one outside the workspace."""
        return linked_file(self.session.path, self.session.data, kind)

    def on_mount(self) -> None:
        # Tabs switch by Ctrl+PageUp/PageDown and Alt+1…4: the tab bar is no stop in the Tab chain.
        self.query_one("#form Tabs").can_focus = False
        self._rebuild_outline()
        self._set_label("#preview-title", "预览（正在生成……）")
        self.schedule()
        self._layout(self.app.size.width)
        self._update_title()
        self.set_interval(self.workbench.draft_interval, self.keep_draft)
        self.watch_disk()
        self.query_one("#f-proposal_title").focus()
        if self.restored:
            self.notify("已恢复上次未保存的草稿，确认无误后请按 Ctrl+S 保存", title="草稿已恢复")

    # ---- layout -------------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)
        self.call_after_refresh(self._show_errors)  # the problem bar fits its message to the new width

    def _layout(self, width: int) -> None:
        wide = width >= WIDE
        self.set_class(wide, "wide")
        self.set_class(not wide and self.show_preview_narrow, "preview-only")

    def action_toggle_preview(self) -> None:
        if self.has_class("wide"):
            self.toggle_class("no-preview")
        else:
            self.show_preview_narrow = not self.show_preview_narrow
            self._layout(self.app.size.width)
            if self.show_preview_narrow:
                self.query_one("#paper").focus()

    def _update_title(self) -> None:
        state = "＊未保存" if self.session.dirty else "已保存"
        self._set_label("#titlebar", f" 答复起草 › {self.rel}  [{'b' if self.session.dirty else 'dim'}]{state}[/]")

    def _set_label(self, selector: str, markup: str) -> None:
        """Update a one-line widget only when its text changes (each update costs a layout pass)."""
        if self._label_cache.get(selector) != markup:
            self._label_cache[selector] = markup
            self.query_one(selector).update(markup)

    def field_changed(self, row: FieldRow | None) -> None:
        self._changed_at = self._changed_at or time.perf_counter()
        self._update_title()
        if row is not None and row.spec.key[0] == "sections":
            self._refresh_labels()
        self.schedule()

    # ---- actions ------------------------------------------------------------------------
    def flush_typing(self) -> None:
        """Take the boxes' text into the session now. The global keys are priority bindings,
        handled as the key arrives, possibly before the box's Changed message for the last character
        typed has reached this screen."""
        for row in self.query(FieldRow):
            try:
                widget = row.widget
            except NoMatches:  # not composed yet
                continue
            self._changed(widget)

    def action_save(self, then=None) -> bool:
        """Ctrl+S. True when saved at once; when a field changed on disk too the clerk is asked first,
        and `then()` runs once the file is saved."""
        self.flush_typing()
        if not self.session.dirty:
            self.notify("没有需要保存的修改")
            return True
        return self.save_merging(then)

    def after_save(self, result) -> None:
        self._update_title()
        merged = "（已合并磁盘上的修改）" if result.merged else ""
        self.notify(f"已保存：{self.rel}{merged}" if result.written else f"磁盘上已是这些内容：{self.rel}")
        self.post_message(msg.SheetChanged(self.session.path))

    def reload_form(self) -> None:
        """Show the session's data again (the file changed on disk): rows, outline, preview."""
        for row in self.query(FieldRow):
            row.load(self.session.get(self.base_key + row.spec.key))
        current = self.current_node
        exists = current is not None and self.session.get(current) is not None
        self._rebuild_outline(current if exists else None)
        if not exists:
            self.current_node = None
            self._show_node(None)
        self._update_title()
        self.schedule()

    def drop_mine(self) -> None:
        """The clerk kept the disk's version of a deleted or unreadable file: leave without saving."""
        self.post_message(msg.SheetChanged(self.session.path))
        self.app.pop_screen()

    def field_label(self, key: tuple) -> str:
        return place(self.session.data, key) or super().field_label(key)

    def focus_field(self, key: tuple) -> None:
        self._focus_key(key)

    def action_problems(self) -> None:
        problems = self.analysis.problems if self.analysis else []

        def closed(result: ProblemsClosed | None):
            if result is None:
                return
            if result.fixed:
                self.reload_form()  # quick fixes changed the data: show it again
            if result.jump is not None:
                self._focus_key(result.jump.key, result.jump.offset)

        self.app.push_screen(ProblemsScreen(problems, self.session, self.workbench.render_budget), closed)

    def action_quick_fix(self) -> None:
        """F5: apply the 建议 of the problem shown in the problem bar (Ctrl+Z takes it back)."""
        problem = self._bar_problem
        if problem is None:
            self.notify("没有需要修改的问题")
            return
        done = attempt_fix(self.session, problem)
        if not done.ok:
            more = "" if done.stale else "（F4 查看全部问题）"
            self.notify(done.refusal + more, severity="warning", timeout=3 if done.stale else 5)
            if done.stale:
                self.schedule()
            return
        fix = done.fix
        self._bar_problem = None
        self.reload_form()
        if not fix.removes:
            self._focus_key(fix.key, fix.offset + len(fix.replacement or ""))
        self.notify(f"已修改：{fix.label}（Ctrl+Z 撤销）", timeout=4)

    def action_facts(self) -> None:
        if isinstance(self.focused, (Input, TextArea)) and self._row_for(self.focused) is not None:
            self.last_text_widget = self.focused  # F2 is handled as it arrives, maybe before the focus event
        target = self.last_text_widget if self.last_text_widget is not None and self.last_text_widget.is_attached else None
        usable, path = self._shared_file("facts")
        if not usable:
            return
        if path is None:
            self.post_message(msg.OfferFacts(self.session.path.parent, lambda _: self.action_facts()))
            return

        def insert(name: str | None):
            if name and target is not None:
                ref = f"{{{{ facts.{name} }}}}"
                if isinstance(target, TextArea):
                    target.insert(ref)
                else:
                    target.insert_text_at_cursor(ref)
                target.focus()
            elif name:
                self.notify("请先把光标放在要插入的文字框里，再按 F2", severity="warning")

        self.post_message(msg.OpenForm("facts", path, pick=target is not None, then=insert))

    def action_facts_library(self) -> None:
        usable, path = self._shared_file("facts")
        if not usable:
            return
        if path is None:
            self.post_message(msg.OfferFacts(self.session.path.parent, lambda _: self.action_facts_library()))
            return
        self.post_message(msg.OpenForm("facts", path))

    def facts_changed(self) -> None:
        """The profile or facts library may have changed: redo the preview (the loader re-reads
        whatever file changed)."""
        self.schedule()

    def _shared_file(self, kind: str) -> tuple[bool, Path | None]:
        """(usable, path) of the sheet's profile or facts library; a refused one is said at once."""
        try:
            return True, self._linked(kind)
        except InputError as exc:
            self.notify(exc.message + (f"（{exc.hint}）" if exc.hint else ""), severity="error", timeout=10)
            return False, None

    def action_profile(self) -> None:
        usable, path = self._shared_file("profile")
        if not usable:
            return
        if path is None:  # no profile yet: set it up, then show it
            self.post_message(msg.SetUpOffice(lambda _: self.action_profile()))
            return
        self.post_message(msg.OpenForm("profile", path))

    def action_diff(self) -> None:
        self.flush_typing()
        unsaved = ""
        if self.session.dirty:
            try:
                new = self.session.text()
            except (InputError, EditError) as exc:
                new = f"（无法生成文本：{exc}）\n"
            unsaved = "".join(difflib.unified_diff(self.session.disk_text.splitlines(True), new.splitlines(True),
                                                   "磁盘上的文件", "未保存的修改"))
        self.app.push_screen(DiffScreen(self.session.path, self.rel, unsaved, self.workbench.git_enabled))

    def action_commit(self) -> None:
        self.flush_typing()
        self.post_message(msg.Commit())

    def action_back(self) -> None:
        """Esc: from a section's or item's editor up to the tree; from anywhere else, back to the list."""
        self.flush_typing()
        focused = self.focused
        if focused is not None and self.query_one("#detail") in focused.ancestors:
            self.query_one("#outline", Outline).focus()
            return
        self.post_message(msg.CloseEditor())


def _unfocusable(widget):
    """A scroll area that is no stop in the Tab chain (its fields are; the wheel still scrolls it)."""
    widget.can_focus = False
    return widget


