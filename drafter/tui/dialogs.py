"""Modal questions: confirm, save-or-discard, a new sheet, a commit message, a left-over draft."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from drafter.model.profile import KINDS


class Ask(ModalScreen[str | None]):
    """A question with a few buttons; dismisses with the chosen button's id (None on Esc)."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, message: str, buttons: list[tuple[str, str, str]], *, focus: str | None = None):
        super().__init__(classes="dialog-screen")
        self.title_text, self.message = title, message
        self.buttons = buttons  # (id, label, variant)
        self.focus_id = focus or buttons[0][0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for bid, label, variant in self.buttons:
                    yield Button(label, id=bid, variant=variant, compact=True)

    def on_mount(self) -> None:
        self._focus_default()

    def _focus_default(self) -> None:
        found = self.query(f"#{self.focus_id}")
        if found:
            found.first().focus()
        else:  # pushed while the app was still starting: the buttons arrive a refresh later
            self.call_after_refresh(self._focus_default)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def unsaved_question(what: str) -> Ask:
    return Ask("有未保存的修改", f"{what}有未保存的修改。", [
        ("save", "保存", "primary"), ("discard", "不保存", "error"), ("cancel", "取消", "default")])


class NewSheet(ModalScreen[dict | None]):
    """Kind and proposer first; the file name follows from number, proposer and title."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, folders: list[tuple[str, Path]], default: Path | None = None):
        super().__init__(classes="dialog-screen")
        self.folders = folders
        self.default = default if default in [p for _, p in folders] else (folders[0][1] if folders else None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label("新建答复事实单", classes="dialog-title")
            with Horizontal(classes="row"):
                yield Label("类型", classes="row-label")
                yield Select([(k, k) for k in KINDS], value=KINDS[0], allow_blank=False, id="new-kind", compact=True)
            with Horizontal(classes="row"):
                yield Label("提出人", classes="row-label")
                yield Input(placeholder="如：赵洁；多人用“、”分隔", id="new-proposers", compact=True)
            with Horizontal(classes="row"):
                yield Label("编号", classes="row-label")
                yield Input(placeholder="如：069", id="new-number", compact=True)
            with Horizontal(classes="row"):
                yield Label("标题", classes="row-label")
                yield Input(placeholder="如：关于……的建议（可稍后填写）", id="new-title", compact=True)
            if len(self.folders) > 1:
                with Horizontal(classes="row"):
                    yield Label("放在", classes="row-label")
                    yield Select(self.folders, value=self.default, allow_blank=False, id="new-folder", compact=True)
            yield Static("", id="new-name", classes="dialog-message")
            yield Label("", id="new-error", classes="row-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("新建", id="create", variant="primary", compact=True)
                yield Button("取消", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#new-kind").focus()
        self._update_name()

    def values(self) -> dict:
        from drafter.tui.fields import from_display

        proposers = from_display(self.query_one("#new-proposers", Input).value, "list", [])
        folder = self.query_one("#new-folder", Select).value if len(self.folders) > 1 else self.default
        return {
            "kind": self.query_one("#new-kind", Select).value,
            "proposers": proposers if isinstance(proposers, list) else [proposers],
            "number": self.query_one("#new-number", Input).value.strip(),
            "title": self.query_one("#new-title", Input).value.strip(),
            "folder": folder,
        }

    def file_name(self) -> str:
        from drafter.sheets.naming import sheet_file_name

        v = self.values()
        return sheet_file_name(v["number"], v["proposers"], v["title"])

    @on(Input.Changed)
    @on(Select.Changed)
    def _update_name(self) -> None:
        self.query_one("#new-name", Static).update(f"文件名：{self.file_name()}")
        self.query_one("#new-error", Label).update("")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._create()

    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        v = self.values()
        error = ""
        if not v["proposers"]:
            error = "请填写提出人"
        elif v["folder"] is None:
            error = "没有可放置的文件夹"
        elif (Path(v["folder"]) / self.file_name()).exists():
            error = f"文件已存在：{self.file_name()}，请改编号或标题"
        if error:
            label = self.query_one("#new-error", Label)
            label.update(f"！{error}")
            label.add_class("-shown")
            return
        v["name"] = self.file_name()
        self.dismiss(v)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class CommitDialog(ModalScreen[tuple[list[Path], str] | None]):
    """Choose the changed files and write a message."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, files: list[tuple[str, Path, str]], note: str = ""):
        super().__init__(classes="dialog-screen")
        self.files = files  # (shown name, path, status label)
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label("提交修改（git）", classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="dialog-message warn")
            yield SelectionList(*[(f"{label}  {name}", str(path), True) for name, path, label in self.files],
                                id="commit-files")
            yield Input(placeholder="提交说明，如：更新069号提案答复的数据", id="commit-message", compact=True)
            yield Label("", id="commit-error", classes="row-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("提交", id="commit", variant="primary", compact=True)
                yield Button("取消", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#commit-message").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#commit")
    def _commit(self) -> None:
        chosen = [Path(p) for p in self.query_one("#commit-files", SelectionList).selected]
        message = self.query_one("#commit-message", Input).value.strip()
        error = "请写一句提交说明" if not message else ("请至少选择一个文件" if not chosen else "")
        if error:
            label = self.query_one("#commit-error", Label)
            label.update(f"！{error}")
            label.add_class("-shown")
            return
        self.dismiss((chosen, message))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class FactName(ModalScreen[dict | None]):
    """The name of a new or renamed fact (and, for a new one, its value), checked as it is typed."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, check, *, name: str = "", fields: list[tuple[str, str, str, bool]] = (),
                 note: str = "", ok: str = "确定"):
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.check = check  # name -> error message | None
        self.initial = name
        self.fields = list(fields)  # (id, label, placeholder, required)
        self.note = note
        self.ok_label = ok

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="dialog-message warn", markup=False)
            with Horizontal(classes="row"):
                yield Label("名称", classes="row-label")
                yield Input(self.initial, placeholder="如：新认定高新技术企业数（汉字、字母、数字、下划线）",
                            id="fact-name", compact=True)
            for fid, label, placeholder, _ in self.fields:
                with Horizontal(classes="row"):
                    yield Label(label, classes="row-label")
                    yield Input(placeholder=placeholder, id=fid, compact=True)
            yield Static("", id="fact-ref", classes="dialog-message", markup=False)
            yield Label("", id="name-error", classes="row-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.ok_label, id="ok", variant="primary", compact=True)
                yield Button("取消", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#fact-name").focus()
        self._update()

    def _error(self, message: str | None) -> None:
        label = self.query_one("#name-error", Label)
        label.update(f"！{message}" if message else "")
        label.set_class(bool(message), "-shown")

    @on(Input.Changed, "#fact-name")
    def _update(self) -> None:
        name = self.query_one("#fact-name", Input).value.strip()
        self.query_one("#fact-ref", Static).update(f"答复中引用：{{{{ facts.{name} }}}}" if name else "")
        self._error(self.check(name) if name else None)

    def values(self) -> dict:
        out = {"name": self.query_one("#fact-name", Input).value.strip()}
        for fid, *_ in self.fields:
            out[fid] = self.query_one(f"#{fid}", Input).value.strip()
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        v = self.values()
        error = self.check(v["name"])
        if not error:
            missing = [label for fid, label, _, required in self.fields if required and not v[fid]]
            error = f"请填写{missing[0]}" if missing else None
        if error:
            self._error(error)
            return
        self.dismiss(v)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
