"""The smaller screens: problems, facts library (picker and editor), profile, diff, raw text, help."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from drafter.errors import InputError
from drafter.tui import fields as F
from drafter.tui.form import BoundForm
from drafter.tui.widgets import FieldRow, TitleBar
from drafter.workspace.session import Problem, SheetSession, problems_from


class ProblemsScreen(ModalScreen[Problem | None]):
    """Every error and checker finding; Enter jumps to the field."""

    BINDINGS = [Binding("escape", "close", "关闭")]

    def __init__(self, problems: list[Problem]):
        super().__init__(classes="dialog-screen")
        self.problems = problems

    def compose(self) -> ComposeResult:
        from drafter.tui.editor import _where

        with Vertical(classes="dialog dialog-wide dialog-tall"):
            yield Label(f"问题（{len(self.problems)}）：回车跳到对应字段", classes="dialog-title")
            if not self.problems:
                yield Static("✔ 没有发现问题", classes="dialog-message")
            options = []
            for i, p in enumerate(self.problems):
                # No plain spaces before the Chinese text: the list wraps at spaces, and would put
                # the whole (unbroken) sentence on the next line.
                mark = {"error": "[b red]错误[/]", "warning": "[yellow]提醒[/]"}.get(p.severity, "[blue]提示[/]")
                if p.blocking is False and p.severity == "error":
                    mark = "[red]校对[/]"
                rule = f"　[dim]{p.rule}[/]" if p.rule and p.rule != "check" else ""
                options.append(Option(Text.from_markup(f"{mark}｜{_where(p)}") + Text(p.describe()) +
                                      Text.from_markup(rule), id=f"p{i}"))
            yield OptionList(*options, id="problem-list")
            yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#problem-list").focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.problems[int(event.option.id[1:])])

    def action_close(self) -> None:
        self.dismiss(None)


def _raw_facts(data) -> list[tuple[str, str, dict | str]]:
    """(group, name, entry) for every fact in a facts library's plain data."""
    out = []
    if isinstance(data, dict):
        for group in ("figures", "passages"):
            entries = data.get(group)
            if isinstance(entries, dict):
                out += [(group, str(name), entry) for name, entry in entries.items()]
    return out


def _fact_cells(group: str, entry) -> tuple[str, str, str]:
    if not isinstance(entry, dict):
        return (str(entry or ""), "", "")
    if group == "passages":
        value = " ".join(str(entry.get("text") or "").split())
        value = value[:18] + "…" if len(value) > 18 else value
    else:
        value = f"{entry.get('value') or ''}{entry.get('unit') or ''}"
    return value, str(entry.get("as_of") or ""), str(entry.get("source") or "")


def validate_facts(text: str, path: Path) -> list[Problem]:
    from drafter.model import fields as mf
    from drafter.model.facts import FACTS_FIELDS, _RawFacts
    from drafter.sheets.yamlio import load_yaml

    try:
        located = load_yaml(text, path)
        ctx = mf.Context(located)
        mf.build(_RawFacts, FACTS_FIELDS, located.data or {}, ctx)
        return [p for e in ctx.errors for p in problems_from(e, path)]
    except InputError as exc:
        return problems_from(exc, path)


def validate_profile(text: str, path: Path) -> list[Problem]:
    from drafter.model import fields as mf
    from drafter.model.profile import PROFILE_FIELDS, Profile
    from drafter.sheets.yamlio import load_yaml

    try:
        located = load_yaml(text, path)
        ctx = mf.Context(located)
        mf.build(Profile, PROFILE_FIELDS, located.data or {}, ctx)
        return [p for e in ctx.errors for p in problems_from(e, path)]
    except InputError as exc:
        return problems_from(exc, path)


class YamlFormScreen(BoundForm, Screen[bool]):
    """Shared by the profile and facts screens: rows bound to a YAML file, Ctrl+S saves it."""

    validate = staticmethod(validate_profile)
    what = "文件"

    def __init__(self, path: Path, loader):
        super().__init__()
        self.session = SheetSession(path, loader)
        self.problems: list[Problem] = []

    def field_changed(self, row: FieldRow | None) -> None:
        try:
            text = self.session.text()
        except Exception as exc:
            self.problems = [Problem(str(exc))]
        else:
            self.problems = self.validate(text, self.session.path)
        for r in self.query(FieldRow):
            key = self.base_key + r.spec.key
            mine = [p for p in self.problems if p.key[: len(key)] == key and p.key]
            r.show_error(mine[0].describe() if mine else F.check_value(r.spec, getattr(r.widget, "value", "") or ""))
        self._title()

    def _title(self) -> None:
        state = "[b]＊未保存[/]" if self.session.dirty else "[dim]已保存[/]"
        self.query_one(TitleBar).update(f" {self.what} › {self.session.path.name}  {state}")

    def action_save(self) -> None:
        blocking = [p for p in self.problems if p.blocking]
        if blocking:
            self.notify(f"有错误，未保存：{blocking[0].describe()}", severity="error")
            return
        if self.session.save():
            self.notify(f"已保存：{self.session.path.name}")
        else:
            self.notify("没有需要保存的修改")
        self._title()

    def action_close(self) -> None:
        if not self.session.dirty:
            self.dismiss(False)
            return
        from drafter.tui.dialogs import unsaved_question

        def done(answer):
            if answer == "save":
                self.action_save()
                if not self.session.dirty:
                    self.dismiss(True)
            elif answer == "discard":
                self.session.discard()
                self.dismiss(False)

        self.app.push_screen(unsaved_question(self.session.path.name), done)


class ProfileScreen(YamlFormScreen):
    """单位信息: the organisation profile as a form."""

    BINDINGS = [Binding("ctrl+s", "save", "保存"), Binding("escape", "close", "返回")]
    what = "单位信息"

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(classes="form-scroll"):
            yield Static("单位信息由本文件夹及下级文件夹里的所有答复共用。", classes="detail-help")
            for spec in F.PROFILE:
                yield self.make_row(spec)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._title()
        self.query(Input).first().focus()


class FactsScreen(YamlFormScreen):
    """The facts library: pick one to insert `{{ facts.名称 }}`, or edit its value and source."""

    BINDINGS = [
        Binding("enter", "pick", "插入引用", show=False),
        Binding("ctrl+s", "save", "保存事实库"),
        Binding("escape", "close", "返回"),
    ]
    validate = staticmethod(validate_facts)
    what = "事实库"

    def __init__(self, path: Path, loader, *, pick: bool = True):
        super().__init__(path, loader)
        self.pick = pick
        self.names: list[tuple[str, str]] = []
        self.base_key = ()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(placeholder="输入文字筛选事实（名称、数值、来源）", id="fact-filter", compact=True)
        with Vertical(id="facts-body"):
            yield DataTable(id="fact-table", cursor_type="row", zebra_stripes=True)
            yield VerticalScroll(id="fact-form", classes="form-scroll")
        how = "回车：在光标处插入 {{ facts.名称 }}。" if self.pick else ""
        yield Static(f"{how}下方可改数值和来源，Ctrl+S 保存，引用它的答复同步更新。",
                     classes="detail-help", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#fact-table", DataTable)
        width = max(60, self.app.size.width)
        table.add_column("名称", width=min(26, width // 4), key="name")
        table.add_column("数值", width=14, key="value")
        table.add_column("截至", width=8, key="as_of")
        table.add_column("来源", width=max(10, width - min(26, width // 4) - 14 - 8 - 12), key="source")
        self._fill("")
        self._title()
        table.focus()

    def _fill(self, words: str) -> None:
        table = self.query_one("#fact-table", DataTable)
        table.clear()
        self.names = []
        for group, name, entry in _raw_facts(self.session.data):
            value, as_of, source = _fact_cells(group, entry)
            hay = f"{name} {value} {source}".lower()
            if all(w in hay for w in words.lower().split()):
                table.add_row(name, value, as_of, source, key=f"{group}\0{name}")
                self.names.append((group, name))
        if self.names:
            self._show(*self.names[0])
        else:
            self.query_one("#fact-form").remove_children()

    @on(Input.Changed, "#fact-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(DataTable.RowHighlighted, "#fact-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        group, name = event.row_key.value.split("\0", 1)
        if self.base_key != (group, name):
            self._show(group, name)

    def _show(self, group: str, name: str) -> None:
        self.base_key = (group, name)
        form = self.query_one("#fact-form", VerticalScroll)
        form.remove_children()
        specs = F.PASSAGE if group == "passages" else F.FACT
        if not isinstance(self.session.get(self.base_key), dict):
            self.session.node(self.base_key, "text" if group == "passages" else "value")
        form.mount(Label(f"{{{{ facts.{name} }}}}", classes="fact-ref", markup=False),
                   *[self.make_row(spec) for spec in specs])

    @on(DataTable.RowSelected, "#fact-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_pick()

    def action_pick(self) -> None:
        table = self.query_one("#fact-table", DataTable)
        if not self.names:
            return
        group, name = self.names[table.cursor_row]
        if not self.pick:
            self.query(f"#fact-form {FieldRow.__name__}").first().widget.focus()
            return
        self._leave(name)

    def _leave(self, result) -> None:
        if not self.session.dirty:
            self.dismiss(result)
            return
        from drafter.tui.dialogs import unsaved_question

        def done(answer):
            if answer == "save":
                self.action_save()
                if not self.session.dirty:
                    self.dismiss(result)
            elif answer == "discard":
                self.session.discard()
                self.dismiss(result)

        self.app.push_screen(unsaved_question("事实库"), done)

    def action_close(self) -> None:
        self._leave(None)

    def field_changed(self, row: FieldRow | None) -> None:
        super().field_changed(row)
        table = self.query_one("#fact-table", DataTable)
        group, name = self.base_key
        value, as_of, source = _fact_cells(group, self.session.get(self.base_key))
        key = f"{group}\0{name}"
        try:
            table.update_cell(key, "value", value)
            table.update_cell(key, "as_of", as_of)
            table.update_cell(key, "source", source)
        except Exception:
            pass


class DiffScreen(ModalScreen[None]):
    """A sheet's unsaved changes and its changes since the last commit."""

    BINDINGS = [Binding("escape", "close", "关闭")]

    def __init__(self, path: Path, rel: str, unsaved: str, git: bool):
        super().__init__(classes="dialog-screen")
        self.path, self.rel, self.unsaved, self.git = path, rel, unsaved, git

    def compose(self) -> ComposeResult:
        text = Text()
        if self.unsaved:
            text.append("未保存的修改（与磁盘上的文件相比）\n", style="bold")
            text.append_text(_colour(self.unsaved))
            text.append("\n")
        if self.git:
            from drafter.workspace import git

            committed = git.diff(self.path)
            text.append("与上次提交相比（已保存的内容）\n", style="bold")
            text.append_text(_colour(committed) if committed else Text("没有改动\n", style="dim"))
        elif not self.unsaved:
            text.append("没有未保存的修改。（此文件夹不是 git 仓库，无法与提交比较）\n", style="dim")
        with Vertical(classes="dialog dialog-wide dialog-tall"):
            yield Label(f"差异：{self.rel}", classes="dialog-title")
            with VerticalScroll(id="diff-scroll"):
                yield Static(text, id="diff-text")
            yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#diff-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _colour(diff: str) -> Text:
    out = Text()
    for line in diff.splitlines():
        if line.startswith(("+++", "---", "diff ", "index ", "new file", "old mode", "new mode")):
            continue
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else \
            "cyan" if line.startswith("@@") else "dim"
        if line.startswith("@@"):
            m = re.match(r"@@ -(\d+)(?:,\d+)? \+(\d+)", line)
            line = f"── 第 {m.group(2)} 行附近 ──" if m else "──"
        out.append(line + "\n", style=style)
    return out


class RawScreen(Screen[bool]):
    """A YAML file as text, for a file the form cannot read (a syntax slip made in Notepad)."""

    BINDINGS = [Binding("ctrl+s", "save", "保存"), Binding("escape", "close", "返回")]

    def __init__(self, path: Path, rel: str, error: str):
        super().__init__()
        self.path, self.rel, self.error = path, rel, error

    def compose(self) -> ComposeResult:
        from drafter.textio import read_text

        yield TitleBar(f" 原文 › {self.rel}")
        yield Static(f"[b red]这份文件无法按表格打开：[/]{self.error}\n请在下面改正后按 Ctrl+S 保存，再回到列表打开。",
                     id="raw-error", classes="detail-help")
        try:
            text = read_text(self.path)
        except InputError as exc:
            text = ""
            self.error = str(exc)
        self.original = text
        yield TextArea(text, id="raw-text", show_line_numbers=True, soft_wrap=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#raw-text").focus()

    def action_save(self) -> None:
        from drafter.sheets.yamlio import load_yaml
        from drafter.textio import atomic_write_text

        text = self.query_one("#raw-text", TextArea).text
        atomic_write_text(self.path, text)
        self.original = text
        try:
            load_yaml(text, self.path)
        except InputError as exc:
            self.query_one("#raw-error", Static).update(f"[b red]已保存，但仍有错误：[/]{exc}")
            self.notify("已保存，但文件仍有错误", severity="warning")
            return
        self.query_one("#raw-error", Static).update("[green]已保存，格式正确。按 Esc 返回列表。[/]")
        self.notify(f"已保存：{self.rel}")

    def action_close(self) -> None:
        if self.query_one("#raw-text", TextArea).text == self.original:
            self.dismiss(True)
            return
        from drafter.tui.dialogs import unsaved_question

        def done(answer):
            if answer == "save":
                self.action_save()
                self.dismiss(True)
            elif answer == "discard":
                self.dismiss(False)

        self.app.push_screen(unsaved_question(self.rel), done)


class HelpScreen(ModalScreen[None]):
    """Every key, screen by screen."""

    BINDINGS = [Binding("escape,f1,question_mark", "close", "关闭")]

    def compose(self) -> ComposeResult:
        from drafter.tui.keys import help_rows

        table: DataTable = DataTable(id="help-table", cursor_type="row", show_cursor=False, zebra_stripes=True)
        with Vertical(classes="dialog dialog-wide dialog-tall"):
            yield Label("按键说明（Esc 关闭；Ctrl+P 命令面板可搜索所有操作）", classes="dialog-title")
            yield table
        self._rows = help_rows()

    def on_mount(self) -> None:
        table = self.query_one("#help-table", DataTable)
        table.add_column("位置", width=10)
        table.add_column("按键", width=16)
        table.add_column("作用")
        for where, key, what in self._rows:
            table.add_row(Text(where, style="bold") if where else "", key, what)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
