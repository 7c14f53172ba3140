"""The first screen: every reply sheet in the workspace, filtered by typing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key, Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input
from textual.widgets.data_table import CellDoesNotExist

from drafter.errors import InputError
from drafter.ledger.report import write_ledger
from drafter.sheets.load import FACTS_NAME, PROFILE_NAME
from drafter.tui import messages as msg
from drafter.tui.crash import guarded
from drafter.tui.screens.diff import DiffScreen
from drafter.tui.screens.intake import IntakeDialog
from drafter.tui.widgets.line import Line, TitleBar
from drafter.tui.workbench import Workbench
from drafter.workspace import git
from drafter.workspace.freshness import Freshness
from drafter.workspace.listing import RowFilter, SheetRow, assess, read_row, scan, sort_rows, tally
from drafter.workspace.paths import file_kind, nearest_file
from drafter.workspace.progress import STATUSES
from drafter.workspace.watch import FolderWatch


DOCX_STYLE = {Freshness.CURRENT: "green", Freshness.STALE: "yellow", Freshness.EDITED: "magenta",
              Freshness.FOREIGN: "magenta", Freshness.FAILED: "red", Freshness.MISSING: "dim"}
DOCX_SHORT = {Freshness.EDITED: "已手改", Freshness.FOREIGN: "外来", Freshness.FAILED: "出错"}  # the column is narrow
STATUS_STYLE = {"未起草": "dim", "起草中": "yellow", "已生成": "green", "已提交": "bold cyan"}
SOON = 7   # days left from which the deadline shows in yellow


def deadline_cell(row: SheetRow, today: dt.date) -> Text:
    """剩 12 天 / 逾期 3 天 (red) / 按期 …: the list's deadline column."""
    label = row.deadline_label(today)
    if row.overdue(today):
        return Text(label, style="bold red")
    left = row.progress.days_left(today) if row.progress else None
    if left is not None and left <= SOON:
        return Text(label, style="yellow")
    return Text(label, style="green" if label == "按期" else "")


def clip(text: str, width: int) -> str:
    """text cut to width terminal cells (CJK counts two), with … when cut."""
    if cell_len(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out += ch
        used += w
    return out + "…"


def columns(width: int, git: bool) -> list[tuple[str, str, int]]:
    """(key, header, width) for a terminal this wide; the title takes what is left. Below 130
    columns the reply date gives way to the deadline and the status, below 100 the 办理类型 too."""
    narrow = width < 100
    cols = [("number", "编号", 4 if narrow else 6), ("proposers", "提出人", 8 if narrow else 14),
            ("title", "标题", 0), ("kind", "类型", 4), ("handling", "办理", 4),
            ("date", "日期", 10), ("deadline", "期限", 9), ("status", "状态", 6),
            ("docx", "Word", 6), ("state", "修改", 6), ("problems", "问题", 4)]
    dropped = ("date", "handling") if narrow else ("date",) if width < 130 else ()
    cols = [c for c in cols if c[0] not in dropped]
    fixed = sum(w for _, _, w in cols) + 2 * len(cols) + 2  # cell padding and the scroll bar
    title = max(10, width - fixed)
    return [(k, h, title if k == "title" else w) for k, h, w in cols]


class SheetListScreen(Screen):
    """List, filter and open the sheets; Ctrl+N makes a new one."""

    BINDINGS = [
        Binding("enter", "open", "打开"),
        Binding("ctrl+n", "new", "新建"),
        Binding("f4", "sort", "排序"),
        Binding("f5", "refresh", "刷新", show=False),
        Binding("f6", "diff", "差异"),
        Binding("f7", "commit", "提交"),
        Binding("f8", "profile", "单位信息", show=False),
        Binding("f9", "facts", "事实库", show=False),
        Binding("ctrl+o", "filter_overdue", "只看逾期"),
        Binding("ctrl+t", "filter_status", "按状态筛选"),
        Binding("escape", "clear_filter", "清除筛选", show=False),
    ]

    class RowsAssessed(Message):
        """A worker filled in a row's slow columns (row), or the git states of all rows (None)."""

        def __init__(self, row: SheetRow | None) -> None:
            super().__init__()
            self.row = row

    class FilesChanged(Message):
        """A poll found YAML files added, removed or changed on disk (a git pull, another program)."""

        def __init__(self, paths: set[Path]) -> None:
            super().__init__()
            self.paths = paths

    def __init__(self, workbench: Workbench, *, unsaved: Callable[[], set[Path]] = lambda: set()) -> None:
        """unsaved(): the sheets with unsaved changes (an open editor's, left-over drafts), resolved."""
        super().__init__()
        self.workbench = workbench
        self.unsaved = unsaved
        self._watch: FolderWatch | None = None
        self._watching = False
        self.rows: list[SheetRow] = []
        self.sort_by = "number"
        self.shown: list[SheetRow] = []
        self.row_filter = RowFilter()
        self._width = 0
        self._want: Path | None = None  # the row the cursor goes to at the next repaint

    def compose(self) -> ComposeResult:
        yield TitleBar(id="titlebar")
        yield Input(placeholder="输入文字即可筛选（编号、提出人、标题、日期……）", id="filter", compact=True)
        yield DataTable(id="sheets", cursor_type="row", zebra_stripes=True)
        yield Line("", id="list-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#sheets").focus()
        self.set_interval(self.workbench.disk_poll, self.poll_files)

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("commit",) and not self.workbench.git_enabled:
            return False
        return True

    # ---- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Scan the folder (fast: YAML only), paint, then assess each sheet in a worker."""
        self.rows = scan(self.workbench.folder)
        drafts = self.unsaved()
        for row in self.rows:
            row.unsaved = row.path.resolve() in drafts
        self.refresh_table()
        self.run_worker(self._assess, thread=True, exclusive=True, group="assess")

    @guarded("检查答复列表")
    def _assess(self) -> None:
        if self.workbench.git_enabled:
            status = git.status(self.workbench.folder)
            for row in self.rows:
                st = status.get(row.path.resolve())
                row.git = st.label if st else ""
            self.post_message(self.RowsAssessed(None))
        for row in list(self.rows):
            assess(row, self.workbench.loader, self.workbench.render_budget())
            self.post_message(self.RowsAssessed(row))

    @on(RowsAssessed)
    def _assessed(self, message: RowsAssessed) -> None:
        message.stop()
        if message.row is None:
            self.refresh_table()
        else:
            self._update_row(message.row)

    # ---- files changed on disk (see tui/disk.py for why polling) ------------------------
    def poll_files(self) -> None:
        if self.app.screen is not self or self._watching:
            return
        self._watching = True
        self.run_worker(self._files_worker, thread=True, group="files")

    @guarded("查看文件夹里的变化")
    def _files_worker(self) -> None:
        try:
            if self._watch is None:  # the first look only learns what is there
                self._watch = FolderWatch(self.workbench.folder)
                changed: set[Path] = set()
            else:
                changed = self._watch.poll()
        except OSError:
            changed = set()
        self.post_message(self.FilesChanged(changed))

    @on(FilesChanged)
    def _files_changed(self, message: FilesChanged) -> None:
        message.stop()
        self._watching = False
        paths = message.paths
        if not paths:
            return
        shared = [p for p in paths if p.name in (PROFILE_NAME, FACTS_NAME)]
        if shared or len(paths) > 20:  # every row may change (problems, Word state): look again
            self.reload()
        else:
            known = {r.path.resolve(): r for r in self.rows}
            for path in sorted(paths):
                if not path.exists():
                    if path.resolve() in known:
                        self.rows.remove(known[path.resolve()])
                elif path.resolve() in known or file_kind(path) == "sheet":
                    self.update_path(path)
            self.refresh_table()
        self.notify(f"磁盘上有 {len(paths)} 个文件有变化（可能来自 git pull），列表已更新。", title="已重新载入")

    def wrote(self, path: Path) -> None:
        """The workbench itself saved path: not news for the next poll."""
        if self._watch is not None:
            self._watch.seen(Path(path))

    def update_path(self, path: Path) -> None:
        """A sheet was saved or generated: re-read its row."""
        path = Path(path)
        self.wrote(path)
        fresh = read_row(path, self.workbench.folder)
        for i, row in enumerate(self.rows):
            if row.path.resolve() == path.resolve():
                self.rows[i] = fresh
                break
        else:
            self.rows.append(fresh)
        fresh.unsaved = path.resolve() in self.unsaved()
        self.refresh_table()

        self.run_worker(lambda: self._assess_one(fresh), thread=True)

    @guarded("检查答复")
    def _assess_one(self, row: SheetRow) -> None:
        if self.workbench.git_enabled:
            st = git.status(row.path.parent).get(row.path.resolve())
            row.git = st.label if st else ""
        assess(row, self.workbench.loader, self.workbench.render_budget())
        self.post_message(self.RowsAssessed(row))

    # ---- table --------------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self.refresh_table()

    def refresh_table(self) -> None:
        table = self.query_one("#sheets", DataTable)
        width = self.size.width or self.app.size.width
        self._width = width
        current = self.current_row()
        # By path: a re-read row is a new object, and the cursor must stay on the same sheet.
        cursor = self._want or (current.path.resolve() if current is not None else None)
        self._want = None
        words = self.query_one("#filter", Input).value
        today = dt.date.today()
        self.shown = [r for r in sort_rows(self.rows, self.sort_by)
                      if r.matches(words) and self.row_filter.keeps(r, today)]
        table.clear(columns=True)
        self._cols = columns(width, self.workbench.git_enabled)
        for key, header, w in self._cols:
            table.add_column(header, width=w, key=key)
        for row in self.shown:
            table.add_row(*self._cells(row), key=str(row.path))
        paths = [r.path.resolve() for r in self.shown]
        if cursor is not None and cursor in paths:
            table.move_cursor(row=paths.index(cursor), animate=False)
        self._status()

    def show_path(self, path: Path) -> None:
        """Put the cursor on path's row (the sheet just closed), now or at the next repaint."""
        self._want = Path(path).resolve()
        self.refresh_table()

    def _cells(self, row: SheetRow) -> list:
        widths = {k: w for k, _, w in self._cols}
        docx = "…" if row.docx is None else DOCX_SHORT.get(row.docx, row.docx.label)
        if row.problems is None:
            problems = Text("…", style="dim")
        elif row.problems == 0:
            problems = Text("0", style="green")
        else:
            problems = Text(str(row.problems), style="bold red" if row.errors else "yellow")
        state = Text("未保存", style="bold yellow") if row.unsaved else Text(row.git, style="cyan")
        title = Text(clip(row.title, widths["title"]), style="red" if row.broken else "")
        cells = {"number": clip(row.number, widths["number"]), "proposers": clip(row.proposers, widths["proposers"]),
                 "title": title, "kind": row.kind, "handling": row.handling_type, "date": row.date,
                 "deadline": deadline_cell(row, dt.date.today()),
                 "status": Text(row.status, style=STATUS_STYLE.get(row.status, "")),
                 "docx": Text(docx, style=DOCX_STYLE.get(row.docx, "") if row.docx else ""), "state": state, "problems": problems}
        return [cells[key] for key, _, _ in self._cols]

    def _update_row(self, row: SheetRow) -> None:
        table = self.query_one("#sheets", DataTable)
        if row not in self.shown:
            return
        try:
            for (key, _, _), cell in zip(self._cols, self._cells(row)):
                table.update_cell(str(row.path), key, cell)
        except CellDoesNotExist:  # the row was cleared meanwhile (a refresh); the next paint shows it
            return
        self._status()

    def _status(self) -> None:
        n, total = len(self.shown), len(self.rows)
        parts = [f"共 {total} 份" if n == total else f"筛选出 {n} / {total} 份"]
        if self.row_filter.describe():
            parts.append(f"[reverse] {self.row_filter.describe()} [/]")
        counts = tally(self.rows, dt.date.today())
        gap, sep = ("", "·") if self._width < 100 else (" ", " · ")  # narrow terminals: the compact form
        late = f"逾期{gap}{counts['逾期']}"
        parts.append(sep.join(f"{s}{gap}{counts[s]}" for s in STATUSES)
                     + sep + (f"[bold red]{late}[/]" if counts["逾期"] else late))
        parts.append("按编号排序" if self.sort_by == "number" else "按日期排序（新的在前）")
        bad = sum(1 for r in self.rows if r.errors)
        if bad:
            parts.append(f"[red]{bad} 份有错误[/]")
        if not total:
            parts = ["此文件夹里还没有答复事实单：按 Ctrl+N 新建，或从命令面板（Ctrl+P）导入交办清单"]
        self.query_one("#list-status", Line).update("　".join(parts) + "　[dim]回车打开 · F1 帮助[/]")
        where = self.workbench.display_folder()
        self.query_one("#titlebar", TitleBar).update(f" 答复起草 · {where}")

    def current_row(self) -> SheetRow | None:
        table = self.query_one("#sheets", DataTable)
        if not self.shown or table.cursor_row is None or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    # ---- typing filters -----------------------------------------------------------------
    def on_key(self, event: Key) -> None:
        filt = self.query_one("#filter", Input)
        if self.focused is filt:
            if event.key in ("down", "enter"):
                self.query_one("#sheets").focus()
                event.stop()
            return
        if event.key == "backspace" and filt.value:
            filt.value = filt.value[:-1]
            event.stop()
        elif event.is_printable and event.character and event.character not in "?？" and event.character != " " \
                or (event.character == " " and filt.value):
            filt.value += event.character
            event.stop()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_table()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        if self.row_filter != RowFilter():
            self.row_filter = RowFilter()
            self.refresh_table()
        self.query_one("#sheets").focus()

    def action_filter_overdue(self) -> None:
        """Only the overdue replies (again: all)."""
        self.set_filter(RowFilter(self.row_filter.status, not self.row_filter.overdue))

    def action_filter_status(self) -> None:
        """All → 未起草 → 起草中 → 已生成 → 已提交 → all."""
        order = [None, *STATUSES]
        status = order[(order.index(self.row_filter.status) + 1) % len(order)]
        self.set_filter(RowFilter(status, self.row_filter.overdue))

    def set_filter(self, row_filter: RowFilter) -> None:
        self.row_filter = row_filter
        self.refresh_table()

    def palette_commands(self) -> list[tuple[str, str, object]]:
        """Commands the palette offers on this screen beyond its key bindings."""
        commands = [("导入交办清单…", "按交办清单（Excel/CSV）新建事实单", self.action_intake),
                    ("生成办理台账", "在工作文件夹里生成 办理台账.xlsx", self.action_report)]
        for status in STATUSES:
            commands.append((f"筛选：只看{status}", "答复列表", lambda s=status: self.set_filter(
                RowFilter(s, self.row_filter.overdue))))
        commands.append(("筛选：全部", "答复列表", lambda: self.set_filter(RowFilter())))
        return commands

    def action_intake(self) -> None:
        def done(result) -> None:
            if result is None:
                return
            self.reload()
            made, had = len(result.created), len(result.existing)
            bad = len({(p.path, p.row) for p in result.problems})
            self.notify(f"已新建 {made} 份，已有 {had} 份" + (f"，{bad} 行出错（未新建）" if bad else ""),
                        severity="warning" if bad else "information")

        self.app.push_screen(IntakeDialog(self.workbench.folder), done)

    def action_report(self) -> None:
        self.notify("正在生成办理台账……")
        self.run_worker(self._report, thread=True, exclusive=True, group="report")

    @guarded("生成办理台账")
    def _report(self) -> None:
        try:
            ledger = write_ledger(self.workbench.folder)
        except InputError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error")
            return
        except OSError as exc:
            why = "文件正在 Excel 中打开，请关闭后重试" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
            self.app.call_from_thread(self.notify, f"办理台账无法写入：{why}", severity="error")
            return
        self.app.call_from_thread(self.notify, f"已生成办理台账：{ledger.path.name}（共 {len(ledger.rows)} 件）\n"
                                  f"{ledger.counts_line()}", timeout=8)

    # ---- actions ------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#sheets")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.current_row()
        if row is None:
            self.notify("没有选中的答复", severity="warning")
            return
        self.post_message(msg.OpenSheet(row.path))

    def action_sort(self) -> None:
        self.sort_by = "date" if self.sort_by == "number" else "number"
        self.refresh_table()

    def action_refresh(self) -> None:
        self.reload()
        self.notify("已刷新")

    def action_new(self) -> None:
        row = self.current_row()
        self.post_message(msg.NewSheet(row.path if row else None))

    def action_diff(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.app.push_screen(DiffScreen(row.path, row.rel, "", self.workbench.git_enabled))

    def action_commit(self) -> None:
        self.post_message(msg.Commit())

    def _near(self, kind: str) -> Path | None:
        """The profile or facts library serving the selected sheet (or the workspace folder)."""
        row = self.current_row()
        return nearest_file(kind, row.path.parent if row else self.workbench.folder, self.workbench.folder)

    def action_profile(self) -> None:
        path = self._near("profile")
        if path is None:  # a new office: set the profile up, then show it
            self.post_message(msg.SetUpOffice(lambda _: self.action_profile()))
            return
        self.post_message(msg.OpenForm("profile", path))

    def action_facts(self) -> None:
        path = self._near("facts")
        if path is None:
            row = self.current_row()
            self.post_message(msg.OfferFacts(row.path.parent if row else self.workbench.folder,
                                             lambda _: self.action_facts()))
            return
        self.post_message(msg.OpenForm("facts", path))
