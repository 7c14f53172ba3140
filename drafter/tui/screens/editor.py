"""The form editor for one sheet, with its live preview."""

from __future__ import annotations

import difflib
import time
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.events import DescendantFocus, Key, Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Select, Static, TabbedContent, TabPane, TextArea, Tree

from drafter.checker.places import item_label, place, section_label
from drafter.errors import InputError
from drafter.sheets.edit import EditError
from drafter.tui import fields as F
from drafter.tui import messages as msg
from drafter.tui.crash import guarded
from drafter.tui.form import BoundForm
from drafter.tui.generation import WordGeneration
from drafter.tui.disk import DiskAware
from drafter.tui.labels import problem_bar, where
from drafter.tui.paper import CHARS_PER_LINE, page_count, render_paper
from drafter.tui.screens.ask import Ask
from drafter.tui.screens.diff import DiffScreen
from drafter.tui.screens.problems import ProblemsClosed, ProblemsScreen
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
CHECK_DELAY = 0.4  # seconds of quiet typing before the checker runs
SLOW_PREVIEW = 0.5  # seconds: a preview still composing when the clerk types again is stopped
TAB_OF = {**{s.key[0]: "tab-basic" for s in F.BASIC}, **{s.key[0]: "tab-opening" for s in F.OPENING},
          **{s.key[0]: "tab-other" for s in F.OTHER}, "sections": "tab-body", "check": "tab-other"}


def error_paper(message: str, width: int = CHARS_PER_LINE - 2) -> Text:
    """Why there is no preview, wrapped to the paper's width (Paper does not wrap)."""
    lines = ["无法生成预览："]
    for part in message.split("\n"):
        lines += [part[i:i + width] for i in range(0, len(part), width)] or [""]
    return Text("\n".join(lines), style="red")


class EditorScreen(WordGeneration, DiskAware, BoundForm, Screen):
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

    class PreviewReady(Message):
        """A worker composed a version of the sheet (posted, so a closed editor simply never gets it)."""

        def __init__(self, analysis: Analysis, paper, started: float | None, cancelled: bool = False) -> None:
            super().__init__()
            self.analysis, self.paper, self.started, self.cancelled = analysis, paper, started, cancelled

    class FindingsReady(Message):
        """A worker proofread a version of the sheet."""

        def __init__(self, analysis: Analysis) -> None:
            super().__init__()
            self.analysis = analysis

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

    def _check_failed(self, message: str) -> None:
        self.post_message(self.FindingsReady(Analysis("", errors=[Problem(message)])))

    @guarded("校对", fallback=_check_failed)
    def _check_worker(self) -> None:
        """The checker's findings for the current data (the form is usable before they arrive)."""
        data = self.session.snapshot()
        self._checked_data = data
        analysis = self.session.analyse(data, budget=self.workbench.render_budget())
        self.post_message(self.FindingsReady(analysis))

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

    # ---- the body outline ---------------------------------------------------------------
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

    @on(Tree.NodeHighlighted, "#outline")
    def _node_highlighted(self, event: Tree.NodeHighlighted) -> None:
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

    @on(Button.Pressed, "#btn-add-item")
    def _b_item(self) -> None:
        self.action_add_item()

    @on(Button.Pressed, "#btn-add-section")
    def _b_section(self) -> None:
        self.action_add_section()

    @on(Button.Pressed, "#btn-remove")
    def _b_remove(self) -> None:
        self.action_remove_node()

    @on(Button.Pressed, "#btn-up")
    def _b_up(self) -> None:
        self.action_move(-1)

    @on(Button.Pressed, "#btn-down")
    def _b_down(self) -> None:
        self.action_move(1)

    def _structure_changed(self, select: tuple | None, focus: str | None = None) -> None:
        self.current_node = None
        if focus and select is not None:
            self._pending_focus = select + (focus,)
        self._rebuild_outline(select)
        if select is None:
            self._show_node(None)
        self.field_changed(None)

    # ---- changes, analysis, preview -----------------------------------------------------
    def field_changed(self, row: FieldRow | None) -> None:
        self._changed_at = self._changed_at or time.perf_counter()
        self._update_title()
        if row is not None and row.spec.key[0] == "sections":
            self._refresh_labels()
        self.schedule()

    def schedule(self) -> None:
        """Analyse the current data in a worker; while one runs, changes coalesce into one more."""
        if self._busy:
            self._again = True
            budget, since = self._preview_budget
            if budget is not None and time.monotonic() - since > SLOW_PREVIEW:
                budget.cancel()  # a slow template: stop it and compose the newer text instead
            return
        self._busy = True
        data = self.session.snapshot()
        started = self._changed_at
        self._changed_at = None
        budget = self.workbench.render_budget()
        self._preview_budget = (budget, time.monotonic())
        self.run_worker(lambda: self._analyse(data, started, budget), thread=True, group="analyse")

    def _preview_failed(self, message: str, data, started, budget) -> None:
        self.post_message(self.PreviewReady(Analysis("", errors=[Problem(message)]), None, started))

    @guarded("生成预览", fallback=_preview_failed)
    def _analyse(self, data, started, budget) -> None:
        analysis = self.session.analyse(data, check=False, budget=budget)
        paper = render_paper(analysis.blocks) if analysis.blocks is not None else None
        self.post_message(self.PreviewReady(analysis, paper, started, budget.cancelled))

    @on(PreviewReady)
    def _preview_ready(self, message: PreviewReady) -> None:
        message.stop()
        self._preview_budget = (None, 0.0)
        if message.cancelled:  # stopped for a newer version (or the app is closing)
            self._busy = False
            if self._again:
                self._again = False
                self.schedule()
            return
        self._apply(message.analysis, message.paper, message.started)

    @on(FindingsReady)
    def _findings_ready(self, message: FindingsReady) -> None:
        message.stop()
        self._apply_findings(message.analysis)

    def _schedule_check(self) -> None:
        """Proofread once typing pauses: the preview comes first and never waits for the checker."""
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, lambda: self.run_worker(
            self._check_worker, thread=True, exclusive=True, group="check"))

    def _apply(self, analysis: Analysis, paper, started) -> None:
        self.analysis = analysis
        if paper is not None:
            self.query_one("#paper", Paper).show(paper)
            pages = page_count(analysis.blocks)
            self._set_label("#preview-title", f"预览（约 {pages} 页，每行 28 字）")
            self.preview_serial += 1
            self.paper_text = paper.plain
        elif self.preview_serial == 0:  # nothing shown yet: the error takes the paper's place
            first = analysis.errors[0] if analysis.errors else None
            message = f"{where(first)}{first.describe()}" if first else "无法生成预览"
            self.query_one("#paper", Paper).show(error_paper(message))
            self._set_label("#preview-title", "[b red]预览（有错误）[/]")
        else:
            self._set_label("#preview-title", "[b red]预览（有错误，显示的是上次正确的版本）[/]")
        if started is not None:
            self.preview_ms.append((time.perf_counter() - started) * 1000)
        self._show_errors()
        self._refresh_labels()
        self._busy = False
        if self._again:
            self._again = False
            self.schedule()
        elif analysis.reply is not None:
            self._schedule_check()

    def _apply_findings(self, analysis: Analysis) -> None:
        if self._busy or self._again or (self.session.snapshot() != self._checked_data):
            return  # a newer version is on its way
        self.analysis = analysis
        self._show_errors()
        self._refresh_labels()

    def _show_errors(self) -> None:
        problems = self.analysis.problems if self.analysis else []
        shown: set[int] = set()
        for row in self.query(FieldRow):
            key = self.base_key + row.spec.key
            local = F.check_value(row.spec, _text_of(row))
            mine = [p for p in problems if p.key[: len(key)] == key and p.key]
            for p in mine:
                shown.add(id(p))
            msg = local or (mine[0].describe() if mine else None)
            row.show_error(msg)
        errors = [p for p in problems if p.blocking]
        bar = self.query_one("#problem-bar", WrappingLine)
        width = (bar.size.width or self.app.size.width) - 2  # the bar's padding
        markup, self._bar_problem = problem_bar(problems, width)
        self._set_label("#problem-bar", markup)
        bar.fit_rows(width)
        self.set_class(bool(errors), "has-errors")

    # ---- focus helpers ------------------------------------------------------------------
    def on_descendant_focus(self, event: DescendantFocus) -> None:
        widget = event.widget
        row = self._row_for(widget)
        bar = self.query_one("#hint-bar", Line)
        if row is not None:
            if isinstance(widget, (Input, TextArea)):
                self.last_text_widget = widget
            hint = row.spec.hint or row.spec.placeholder
            bar.update(f"[b]{row.spec.label}[/]" + (f"：{hint}" if hint else "") +
                       ("　[dim]F2 插入数据[/]" if isinstance(widget, (Input, TextArea)) else ""))
        elif isinstance(widget, Outline):
            bar.update("[b]正文结构[/]：a 加要点　s 加小节　c 加下级小节　Delete 删除　Ctrl+↑/↓ 上移/下移")

    def _focus_key(self, key: tuple, offset: int | None = None) -> bool:
        """Show the tab (and outline node) holding key's field, and focus it; with offset (a character
        of the value at key) the cursor goes onto that character."""
        self._focus_offset = (key, offset)
        tabs = self.query_one("#form", TabbedContent)
        if key and key[0] == "sections":
            tabs.active = "tab-body"
            node_key = None
            for i in range(len(key), 0, -1):
                probe = key[:i]
                if len(probe) >= 2 and isinstance(probe[-1], int) and probe[-2] in ("sections", "items"):
                    node_key = probe
                    break
            if node_key is not None:
                tree = self.query_one("#outline", Outline)

                def find(node):
                    for child in node.children:
                        if child.data == node_key:
                            return child
                        found = find(child)
                        if found:
                            return found
                    return None

                target = find(tree.root)
                if target is not None:
                    tree.move_cursor(target)
                    if self.current_node != node_key:
                        self._show_node(node_key)
        elif key and key[0] in TAB_OF:
            tabs.active = TAB_OF[key[0]]
        if not self.has_class("wide"):
            self.show_preview_narrow = False
            self._layout(self.app.size.width)
        self._pending_focus = key
        if key and key[0] == "sections" and self._detail_shown != self.current_node:
            return True  # _render_detail focuses it once the rows exist
        self.call_after_refresh(self._focus_now, key)
        return True

    def _focus_now(self, key: tuple) -> None:
        self._pending_focus = None
        for probe in (key[:i] for i in range(len(key), 0, -1)):
            found = [w for w in self.query(f"#{F.Spec(probe, '').id}") if w.is_attached]
            if found:
                found[0].focus()
                self._place_cursor(found[0], probe, key)
                return

    def _place_cursor(self, widget, row_key: tuple, key: tuple) -> None:
        """Put the cursor on the character a problem points at (see _focus_key)."""
        target, offset = self._focus_offset
        self._focus_offset = (None, None)
        row = self._row_for(widget)
        if target != key or row is None:
            return
        at = F.display_offset(row.spec.kind, self.session.get(row_key), key[len(row_key):], offset)
        if at is None:
            return
        if isinstance(widget, TextArea):
            text = widget.text
            at = min(at, len(text))
            line = text.count("\n", 0, at)
            widget.move_cursor((line, at - (text.rfind("\n", 0, at) + 1)), center=True)
        elif isinstance(widget, Input):
            widget.cursor_position = min(at, len(widget.value))

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

    def switch_tab(self, tab: str) -> None:
        """Show a tab and put the cursor in its first field (the tree, on 正文)."""
        self.query_one("#form", TabbedContent).active = tab
        if not self.has_class("wide"):
            self.show_preview_narrow = False
            self._layout(self.app.size.width)
        self.call_after_refresh(self._focus_first, tab)

    def _focus_first(self, tab: str) -> None:
        for widget in self.query_one(f"#{tab}", TabPane).query("Outline, Input, TextArea, Select"):
            if widget.focusable:
                widget.focus()
                return

    def action_tab(self, n: int) -> None:
        """Alt+1…4: the n-th tab."""
        self.switch_tab(self.TABS[n - 1])

    def action_next_tab(self, step: int = 1) -> None:
        """Ctrl+PageDown (Ctrl+PageUp: step -1): the next tab, round the end."""
        current = self.query_one("#form", TabbedContent).active
        index = self.TABS.index(current) if current in self.TABS else 0
        self.switch_tab(self.TABS[(index + step) % len(self.TABS)])

    def action_previous_tab(self) -> None:
        self.action_next_tab(-1)

    def action_enter_node(self) -> None:
        """Enter on the tree: into the selected section's or item's editor (its first field)."""
        key = self._selected_key()
        if key is None:
            self.query_one("#outline", Outline).action_toggle_node()
            return
        self._focus_key(key + (("lead",) if key[-2] == "items" else ("heading",)))

    def action_back(self) -> None:
        """Esc: from a section's or item's editor up to the tree; from anywhere else, back to the list."""
        self.flush_typing()
        focused = self.focused
        if focused is not None and self.query_one("#detail") in focused.ancestors:
            self.query_one("#outline", Outline).focus()
            return
        self.post_message(msg.CloseEditor())

    def on_key(self, event: Key) -> None:
        """Typing while something that takes no text has focus (the preview) goes to the last text box
        rather than nowhere."""
        focused = self.focused
        if not event.is_printable or event.character == "?" or isinstance(focused, (Input, TextArea, Select, Outline)):
            return  # "?" is the help key where it types nothing
        target = self.last_text_widget
        if target is None or not target.is_attached:
            return
        event.stop()
        event.prevent_default()
        if not self.has_class("wide") and self.show_preview_narrow:
            self.action_toggle_preview()
        self.switch_tab(next((t for t in self.TABS if self.query_one(f"#{t}") in target.ancestors), "tab-basic"))
        self.call_after_refresh(self._type_into, target, event.character)

    def _type_into(self, target, character: str) -> None:
        target.focus()
        if isinstance(target, TextArea):
            target.insert(character)
        else:
            target.insert_text_at_cursor(character)


def _unfocusable(widget):
    """A scroll area that is no stop in the Tab chain (its fields are; the wheel still scrolls it)."""
    widget.can_focus = False
    return widget


def _node_of(key: tuple | None) -> tuple | None:
    """The section or item that holds key (None: none, key is not in the body)."""
    if not key or key[0] != "sections":
        return None
    for i in range(len(key), 1, -1):
        probe = key[:i]
        if isinstance(probe[-1], int) and probe[-2] in ("sections", "items"):
            return probe
    return None


def _text_of(row: FieldRow) -> str:
    try:
        w = row.widget
    except NoMatches:  # the row is not composed yet
        return ""
    return w.text if isinstance(w, TextArea) else (w.value if isinstance(w, Input) else "")
