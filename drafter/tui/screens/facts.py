"""The facts library (事实库): pick a fact to cite, or add, rename, delete and edit figures and passages."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Input, Label, Static
from textual.widgets.data_table import CellDoesNotExist

from drafter.model.fields import FieldError, month
from drafter.model.schema import field_at
from drafter.tui import fields as F
from drafter.tui.screens.ask import Ask, unsaved_question
from drafter.tui.screens.fact_name import FactName
from drafter.tui.screens.yaml_form import YamlFormScreen
from drafter.tui.widgets.field_row import FieldRow
from drafter.tui.widgets.line import TitleBar
from drafter.tui.workbench import Workbench
from drafter.workspace.facts import GROUP_LABEL, check_name, citing_sheets


def new_fact_field(name: str, group: str, example: str, *, required: bool = False) -> tuple[str, str, str, bool]:
    """A row of the new-fact dialog: (widget id, the schema's label, example, required)."""
    return (f"fact-{name}", field_at((group, "_", name), "facts").label, example, required)


def check_as_of(text: str) -> str | None:
    """截至 as typed: a month, a day or a year (the facts schema's own reading), or why not."""
    if not text.strip():
        return None
    try:
        month(text, None, ())
    except FieldError as exc:
        return f"截至：{exc}"
    return None


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
    what = "事实库"

    form = "facts"

    def __init__(self, path: Path, workbench: Workbench, *, pick: bool = True, draft_text: str | None = None,
                 draft_base: str | None = None, unsaved: dict[Path, str] | None = None):
        """unsaved: the text of sheets open with unsaved changes (they count as citing by that text)."""
        super().__init__(path, workbench, draft_text=draft_text, draft_base=draft_base)
        self.unsaved = dict(unsaved or {})
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
        found = citing_sheets(self.session.path, name, self.workbench.folder, texts=self.unsaved)
        return [self.workbench.rel(p) for p in found]

    def action_new_figure(self) -> None:
        self._new("figures")

    def action_new_passage(self) -> None:
        self._new("passages")

    def _new(self, group: str) -> None:
        if group == "figures":
            title = "新建数据"
            fields = [new_fact_field("value", group, "如：1404（只写数字，单位另填）", required=True),
                      new_fact_field("unit", group, "如：家、亿元、%")]
        else:
            title = "新建常用段落"
            fields = [new_fact_field("text", group, "整段文字，可稍后在下方补充", required=True)]
        fields += [new_fact_field("as_of", group, "如：2024-06（数据截至的月份）"),
                   new_fact_field("source", group, "如：2024年统计公报")]

        def done(values: dict | None) -> None:
            if not values:
                return
            name = values["name"]
            entry = {fid[len("fact-"):]: values[fid] for fid, *_ in fields if values.get(fid)}
            entries = self.session.get((group,))
            if not isinstance(entries, dict):
                self.session.set((group,), {})
            self.session.set((group, name), entry)
            self._changed_structure((group, name))
            self.notify(f"已新建“{name}”，按 Ctrl+S 保存", title=title)

        self.app.push_screen(FactName(title, lambda n: check_name(n, self.session.data), fields=fields,
                                      checks={"fact-as_of": check_as_of}, ok="新建"), done)

    def action_rename(self) -> None:
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
        def done(answer):
            if answer == "save":
                if self.action_save(then=lambda: self.dismiss(result)):
                    self.dismiss(result)
            elif answer == "discard":
                self._discard()
                self.dismiss(result)

        self.app.push_screen(unsaved_question("事实库"), done)

    def action_close(self) -> None:
        self._leave(None)

    def reload_form(self) -> None:
        """Show the library again (the file changed on disk), keeping the fact in view if it is still there."""
        keep = self.base_key if self.session.get(self.base_key) is not None else None
        self.base_key = ()
        self._changed_structure(keep)

    def focus_field(self, key: tuple) -> None:
        if len(key) >= 2:
            self._changed_structure(tuple(key[:2]))
            spec = next((s for s in (F.PASSAGE if key[0] == "passages" else F.FACT) if s.key == tuple(key[2:])), None)
            if spec is not None:
                self.call_after_refresh(self._focus_id, spec.id)

    def _focus_id(self, widget_id: str) -> None:
        found = self.query(f"#{widget_id}")
        if found:
            found.first().focus()

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
        except CellDoesNotExist:  # the filter hides this fact's row: nothing to update
            pass
