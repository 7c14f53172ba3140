"""The question a save asks when the clerk and the file on disk changed the same field."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from drafter.sheets.merge import BOTH, MINE, MISSING, THEIRS, Conflict

_NAMES = {"heading": "小节标题", "lead": "要点句", "text": "展开文字", "paragraphs": "段落", "after": "要点之后的段落",
          "value": "数值", "unit": "单位", "as_of": "截至", "source": "来源", "note": "备注", "items": "要点",
          "sections": "下级小节", "numbered": "自动编号", "item_style": "要点样式"}


def show_value(value: Any, indent: str = "") -> str:
    """A value as the clerk reads it: text as is, names joined by 、, entries one per line."""
    if value is MISSING:
        return "（已删除）"
    if value is None or value == "":
        return "（空）"
    if isinstance(value, str):
        return value.rstrip("\n")
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value) and all("\n" not in v for v in value):
            return "、".join(value) or "（空）"
        return "\n".join(show_value(v, indent) for v in value)
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            text = show_value(item, indent + "　")
            lines.append(f"{indent}{_NAMES.get(key, key)}：" + text.replace("\n", "\n" + indent + "　"))
        return "\n".join(lines)
    return str(value)


class ConflictDialog(ModalScreen[str | None]):
    """One field changed both by the clerk and on disk: 保留我的 / 保留磁盘上的 / 两者都看 (None on Esc:
    nothing is saved)."""

    BINDINGS = [Binding("escape", "cancel", "取消保存")]

    def __init__(self, conflict: Conflict, label: str, *, number: int = 1, total: int = 1, both: bool = True):
        super().__init__(classes="dialog-screen")
        self.conflict, self.label, self.number, self.total, self.offer_both = conflict, label, number, total, both

    def compose(self) -> ComposeResult:
        c = self.conflict
        count = f"（{self.number}/{self.total}）" if self.total > 1 else ""
        if c.insertion:
            what = f"你和磁盘上的文件在【{self.label}】的同一位置各加了内容"
        else:
            what = f"【{self.label}】你改过，磁盘上的文件（可能来自 git pull 或别人的保存）也改了"
        with Vertical(classes="dialog dialog-wide", id="conflict"):
            yield Label(f"保存时发现冲突{count}", classes="dialog-title")
            yield Static(f"{what}。请选择保留哪一个；按 Esc 则暂不保存。", classes="dialog-message", markup=False)
            with Horizontal(id="conflict-sides"):
                with Vertical(classes="conflict-side"):
                    yield Label("我的修改", classes="conflict-head")
                    with VerticalScroll(classes="conflict-value"):
                        yield Static(show_value(c.mine), id="conflict-mine", markup=False)
                with Vertical(classes="conflict-side"):
                    yield Label("磁盘上的", classes="conflict-head")
                    with VerticalScroll(classes="conflict-value"):
                        yield Static(show_value(c.theirs), id="conflict-theirs", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("保留我的", id=MINE, variant="primary", compact=True)
                yield Button("保留磁盘上的", id=THEIRS, variant="default", compact=True)
                if self.offer_both:
                    yield Button("两者都看", id=BOTH, variant="default", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{MINE}").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
