"""The smaller screens: problems, facts library (picker and editor), profile, diff, raw text, help."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from drafter.errors import InputError
from drafter.tui import fields as F
from drafter.tui.form import BoundForm
from drafter.tui.widgets import FieldRow, TitleBar
from drafter.workspace.drafts import DraftKeeper
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

    def __init__(self, path: Path, loader, *, draft_text: str | None = None):
        super().__init__()
        self.session = SheetSession(path, loader)
        if draft_text:
            self.session.reload(draft_text)
        self.restored = bool(draft_text) and self.session.dirty
        self.keeper = DraftKeeper(self.session.path)
        self.problems: list[Problem] = []

    def _start_drafts(self) -> None:
        """Keep a crash-safe draft beside the file while there are unsaved changes (as the editor does)."""
        self.set_interval(getattr(self.app, "draft_interval", 2.0), self._keep_draft)
        if self.restored:
            self.notify("已恢复上次未保存的草稿，确认无误后请按 Ctrl+S 保存", title="草稿已恢复")
            self.field_changed(None)

    def _keep_draft(self) -> None:
        try:
            self.keeper.keep(self.session.text() if self.session.dirty else None)
        except Exception:  # a draft is a safety net; never let it take the screen down
            pass

    def _discard(self) -> None:
        self.session.discard()
        self.keeper.discard()

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
            try:
                r.show_error(mine[0].describe() if mine else F.check_value(r.spec, getattr(r.widget, "value", "") or ""))
            except NoMatches:  # a row just mounted, not composed yet: the next change shows its error
                pass
        self._title()

    def _title(self) -> None:
        state = "[b]＊未保存[/]" if self.session.dirty else "[dim]已保存[/]"
        self.query_one(TitleBar).update(f" {self.what} › {self.session.path.name}  {state}")

    def action_save(self) -> bool:
        blocking = [p for p in self.problems if p.blocking]
        if blocking:
            self.notify(f"有错误，未保存：{blocking[0].describe()}", severity="error")
            return False
        try:
            saved = self.session.save()
        except Exception as exc:
            self.notify(f"保存失败：{exc}", severity="error", title="未保存")
            return False
        self.keeper.discard()
        if saved:
            self.notify(f"已保存：{self.session.path.name}")
        else:
            self.notify("没有需要保存的修改")
        self._title()
        return True

    def action_close(self) -> None:
        if not self.session.dirty:
            self.keeper.discard()
            self.dismiss(False)
            return
        from drafter.tui.dialogs import unsaved_question

        def done(answer):
            if answer == "save":
                self.action_save()
                if not self.session.dirty:
                    self.dismiss(True)
            elif answer == "discard":
                self._discard()
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
        self._start_drafts()


class FactsScreen(YamlFormScreen):
    """The facts library: pick one to insert `{{ facts.名称 }}`; add, rename, delete or edit figures and passages."""

    BINDINGS = [
        Binding("enter", "pick", "插入引用", show=False),
        Binding("ctrl+s", "save", "保存事实库"),
        Binding("n", "new_figure", "新建数据"),
        Binding("p", "new_passage", "新建段落"),
        Binding("r", "rename", "改名"),
        Binding("delete", "delete", "删除"),
        Binding("escape", "close", "返回"),
    ]
    validate = staticmethod(validate_facts)
    what = "事实库"

    def __init__(self, path: Path, loader, *, pick: bool = True, draft_text: str | None = None):
        super().__init__(path, loader, draft_text=draft_text)
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
        yield Static(f"{how}n 新建数据，p 新建段落，r 改名，Delete 删除；下方可改数值和来源，Ctrl+S 保存，"
                     "引用它的答复同步更新。", classes="detail-help", markup=False)
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
        self._start_drafts()

    def _fill(self, words: str, select: tuple | None = None) -> None:
        """Fill the table with the facts matching words; keep (or move) the cursor on `select`."""
        table = self.query_one("#fact-table", DataTable)
        target = select or self.base_key
        table.clear()
        self.names = []
        for group, name, entry in _raw_facts(self.session.data):
            value, as_of, source = _fact_cells(group, entry)
            hay = f"{name} {value} {source}".lower()
            if all(w in hay for w in words.lower().split()):
                table.add_row(name, value, as_of, source, key=f"{group}\0{name}")
                self.names.append((group, name))
        if not self.names:
            self.base_key = ()
            self.query_one("#fact-form").remove_children()
            return
        row = self.names.index(target) if target in self.names else 0
        if row:
            table.move_cursor(row=row, animate=False)
        if select is not None or self.base_key != self.names[row]:
            self._show(*self.names[row])

    @on(Input.Changed, "#fact-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(DataTable.RowHighlighted, "#fact-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row != event.data_table.cursor_row or event.row_key.value is None:
            return  # a stale highlight from before the table was refilled
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

    def _current(self) -> tuple[str, str] | None:
        table = self.query_one("#fact-table", DataTable)
        if not self.names or not 0 <= table.cursor_row < len(self.names):
            return None
        return self.names[table.cursor_row]

    def action_pick(self) -> None:
        current = self._current()
        if current is None:
            return
        group, name = current
        if not self.pick:
            self.query(f"#fact-form {FieldRow.__name__}").first().widget.focus()
            return
        self._leave(name)

    # ---- adding, renaming and deleting ------------------------------------------------------
    def _citing(self, name: str) -> list[str]:
        """The sheets in the workspace (as the clerk sees their paths) that cite facts.<name>."""
        from drafter.workspace.facts import citing_sheets

        folder = getattr(self.app, "folder", self.session.path.parent)
        texts = {}
        editor = self.app.editor() if hasattr(self.app, "editor") else None
        if editor is not None and editor.session.dirty:
            try:
                texts[editor.session.path] = editor.session.text()
            except Exception:
                pass
        try:
            found = citing_sheets(self.session.path, name, folder, texts=texts)
        except Exception:
            return []
        rel = getattr(self.app, "rel", lambda p: Path(p).name)
        return [rel(p) for p in found]

    def action_new_figure(self) -> None:
        self._new("figures")

    def action_new_passage(self) -> None:
        self._new("passages")

    def _new(self, group: str) -> None:
        from drafter.tui.dialogs import FactName
        from drafter.workspace.facts import check_name

        if group == "figures":
            title = "新建数据"
            fields = [("fact-value", "数值", "如：1404（只写数字，单位另填）", True),
                      ("fact-unit", "单位", "如：家、亿元、%", False)]
        else:
            title = "新建常用段落"
            fields = [("fact-text", "段落文字", "整段文字，可稍后在下方补充", True)]

        def done(values: dict | None) -> None:
            if not values:
                return
            name = values["name"]
            if group == "figures":
                entry = {"value": values["fact-value"]}
                if values.get("fact-unit"):
                    entry["unit"] = values["fact-unit"]
            else:
                entry = {"text": values["fact-text"]}
            entries = self.session.get((group,))
            if not isinstance(entries, dict):
                self.session.set((group,), {})
            self.session.set((group, name), entry)
            self._changed_structure((group, name))
            self.notify(f"已新建“{name}”，可在下方补充截至日期和来源；按 Ctrl+S 保存", title=title)

        self.app.push_screen(FactName(title, lambda n: check_name(n, self.session.data), fields=fields,
                                      ok="新建"), done)

    def action_rename(self) -> None:
        from drafter.tui.dialogs import FactName
        from drafter.workspace.facts import check_name

        current = self._current()
        if current is None:
            self.notify("没有可改名的条目", severity="warning")
            return
        group, old = current
        citing = self._citing(old)
        note = ""
        if citing:
            note = (f"以下 {len(citing)} 份答复引用了 {{{{ facts.{old} }}}}，改名后需把其中的引用改为新名称：\n"
                    + "\n".join(f"　{r}" for r in citing))

        def done(values: dict | None) -> None:
            if not values or values["name"] == old:
                return
            new = values["name"]
            key = self.session.rename_key((group, old), new)
            self._changed_structure(key)
            self.notify(f"已改名：{old} → {new}；按 Ctrl+S 保存", severity="warning" if citing else "information")

        self.app.push_screen(FactName(f"改名：{old}", lambda n: check_name(n, self.session.data, old), name=old,
                                      note=note, ok="改名"), done)

    def action_delete(self) -> None:
        from drafter.tui.dialogs import Ask
        from drafter.workspace.facts import GROUP_LABEL

        current = self._current()
        if current is None:
            self.notify("没有可删除的条目", severity="warning")
            return
        group, name = current
        what = GROUP_LABEL[group]
        citing = self._citing(name)
        if citing:
            title = f"“{name}”仍有答复在引用"
            message = (f"以下 {len(citing)} 份答复引用了 {{{{ facts.{name} }}}}：\n" + "\n".join(f"　{r}" for r in citing)
                       + "\n删除后，这些答复将无法生成，需先改掉其中的引用。")
            buttons = [("cancel", "取消", "primary"), ("delete", "仍然删除", "error")]
        else:
            title = f"删除{what}“{name}”？"
            message = "没有答复引用它。删除后按 Ctrl+S 保存才会写入文件。"
            buttons = [("delete", "删除", "error"), ("cancel", "取消", "default")]

        def done(answer: str | None) -> None:
            if answer != "delete":
                return
            index = self.names.index((group, name)) if (group, name) in self.names else 0
            self.session.remove((group, name))
            self.base_key = ()
            rest = [n for n in self.names if n != (group, name)]
            self._changed_structure(rest[min(index, len(rest) - 1)] if rest else None)
            self.notify(f"已删除“{name}”；按 Ctrl+S 保存", severity="warning" if citing else "information")

        self.app.push_screen(Ask(title, message, buttons, focus="cancel" if citing else "delete"), done)

    def _changed_structure(self, select: tuple | None) -> None:
        self._fill(self.query_one("#fact-filter", Input).value, select)
        if select is not None and select not in self.names:  # the filter hides it: show everything
            self.query_one("#fact-filter", Input).value = ""
            self._fill("", select)
        self.query_one("#fact-table", DataTable).focus()
        self.field_changed(None)
        self.call_after_refresh(self.field_changed, None)  # errors of the rows just mounted

    def _leave(self, result) -> None:
        if not self.session.dirty:
            self.keeper.discard()
            self.dismiss(result)
            return
        from drafter.tui.dialogs import unsaved_question

        def done(answer):
            if answer == "save":
                self.action_save()
                if not self.session.dirty:
                    self.dismiss(result)
            elif answer == "discard":
                self._discard()
                self.dismiss(result)

        self.app.push_screen(unsaved_question("事实库"), done)

    def action_close(self) -> None:
        self._leave(None)

    def field_changed(self, row: FieldRow | None) -> None:
        super().field_changed(row)
        if not self.base_key:
            return
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
