"""Journeys a clerk makes with the keyboard alone, key by key: restructure a reply's body (add, move,
delete, undo) and commit. Keys in; the saved file, git and the screen out. The clerk never presses
Tab more than once to reach the next box to type in."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Input, TextArea  # noqa: E402

from drafter.sheets.yamlio import load_yaml  # noqa: E402
from drafter.tui.app import DrafterApp  # noqa: E402
from drafter.tui.screens.ask import Ask  # noqa: E402
from drafter.tui.screens.commit import CommitDialog  # noqa: E402
from drafter.tui.screens.editor import EditorScreen  # noqa: E402
from drafter.tui.widgets.outline import Outline  # noqa: E402
from tests.test_tui_flow import LINYI, changed_lines, make_app, until  # noqa: E402


class Clerk:
    """Presses keys and types, as a clerk does; counts the Tabs between two boxes typed in."""

    def __init__(self, pilot, app):
        self.pilot, self.app = pilot, app
        self.tabs = 0
        self.most_tabs = 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            if key in ("tab", "shift+tab"):
                self.tabs += 1
                self.most_tabs = max(self.most_tabs, self.tabs)
            await self.pilot.press(key)

    async def type(self, text: str) -> None:
        focused = self.app.focused
        assert isinstance(focused, (Input, TextArea)), f"typing “{text}” into {focused!r}"
        self.tabs = 0
        for ch in text:
            await self.pilot.press(ch)

    async def until(self, predicate) -> None:
        await until(self.pilot, predicate)


async def open_069(clerk: Clerk) -> EditorScreen:
    app = clerk.app
    await clerk.until(lambda: app.list_screen() is not None and app.screen is app.list_screen())
    await clerk.press("0", "6", "9")
    await clerk.until(lambda: len(app.list_screen().shown) == 1)
    await clerk.press("enter")
    await clerk.until(lambda: isinstance(app.screen, EditorScreen))
    editor = app.screen
    await clerk.until(lambda: editor.paper_text)
    return editor


def focused_id(app) -> str:
    return getattr(app.focused, "id", "") or ""


def test_journey_restructure_a_reply_add_move_delete_undo(examples: Path):
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")
    clerk_tabs = {}

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(100, 30)) as pilot:
            clerk = Clerk(pilot, app)
            editor = await open_069(clerk)
            outline = editor.query_one("#outline", Outline)

            # 正文: the tree, the first section's first item
            await clerk.press("alt+2")
            await clerk.until(lambda: app.focused is outline)
            await clerk.press("down", "down")
            await clerk.until(lambda: outline.cursor_node.data == ("sections", 0, "items", 0))

            # a: a new item after it, the cursor in its 要点句; one Tab to its 展开文字
            await clerk.press("a")
            await clerk.until(lambda: focused_id(app) == "f-sections-0-items-1-lead")
            await clerk.type("加强科技金融服务")  # (Pilot cannot type 。)
            await clerk.press("tab")
            assert focused_id(app) == "f-sections-0-items-1-text"
            await clerk.type("全年举办银企对接活动12场")
            await clerk.until(lambda: "二是加强科技金融服务全年" in editor.paper_text.replace("\n", ""))

            # Esc: back up to the tree, on the new item; Ctrl+↑ makes it the first
            await clerk.press("escape")
            await clerk.until(lambda: app.focused is outline)
            assert outline.cursor_node.data == ("sections", 0, "items", 1)
            await clerk.press("ctrl+up")
            await clerk.until(lambda: "一是加强科技金融服务全年" in editor.paper_text.replace("\n", ""))
            assert outline.cursor_node.data == ("sections", 0, "items", 0)

            # Delete the 三是 item (now the fourth), Enter confirms; the cursor stays near
            await clerk.press("down", "down", "down")
            await clerk.until(lambda: outline.cursor_node.data == ("sections", 0, "items", 3))
            doomed = editor.session.get(("sections", 0, "items", 3, "lead"))
            await clerk.press("delete")
            await clerk.until(lambda: isinstance(app.screen, Ask))
            await clerk.press("enter")
            await clerk.until(lambda: app.screen is editor and len(editor.session.get(("sections", 0, "items"))) == 4)
            await clerk.until(lambda: outline.cursor_node is not None
                              and outline.cursor_node.data == ("sections", 0, "items", 2))
            await clerk.until(lambda: doomed not in editor.paper_text)

            # Ctrl+Z: it was the wrong one; it comes back, and the cursor with it
            await clerk.press("ctrl+z")
            await clerk.until(lambda: doomed in editor.paper_text)
            await clerk.until(lambda: outline.cursor_node is not None
                              and outline.cursor_node.data == ("sections", 0, "items", 3))

            await clerk.press("ctrl+s")
            await clerk.until(lambda: not editor.session.dirty)
            assert "已保存" in str(editor.query_one("#titlebar").render())
            clerk_tabs["most"] = clerk.most_tabs

    asyncio.run(flow())
    after = sheet.read_text(encoding="utf-8")
    items = load_yaml(after).data["sections"][0]["items"]
    old_items = load_yaml(before).data["sections"][0]["items"]
    assert items[0] == {"lead": "加强科技金融服务", "text": "全年举办银企对接活动12场"}
    assert items[1:] == old_items
    diff = changed_lines(before, after)
    assert diff and all(line.startswith("+") for line in diff), diff  # only the new item's lines
    assert clerk_tabs["most"] <= 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_journey_commit(examples: Path):
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "初稿"]):
        subprocess.run(cmd, cwd=examples, check=True)
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")
    seen = {}

    async def flow():
        app = DrafterApp(examples, pdf=False)
        async with app.run_test(size=(100, 30)) as pilot:
            clerk = Clerk(pilot, app)
            editor = await open_069(clerk)
            await clerk.press("alt+2", "down", "down", "enter")  # the first item's 要点句
            await clerk.until(lambda: focused_id(app) == "f-sections-0-items-0-lead")
            await clerk.press("end")
            await clerk.type("修订")
            await clerk.press("ctrl+s")
            await clerk.until(lambda: not editor.session.dirty)

            await clerk.press("f7")
            await clerk.until(lambda: isinstance(app.screen, CommitDialog))
            await clerk.until(lambda: focused_id(app) == "commit-message")  # the message box, at once
            await clerk.type("修订069号答复的第一个要点")
            await clerk.press("enter")
            await clerk.until(lambda: any("已提交" in str(n.message) for n in app._notifications))
            assert app.screen is editor
            seen["tabs"] = clerk.most_tabs

    asyncio.run(flow())
    log = subprocess.run(["git", "log", "-1", "--format=%s"], cwd=examples, capture_output=True, text=True,
                         encoding="utf-8").stdout.strip()
    assert log == "修订069号答复的第一个要点"
    assert subprocess.run(["git", "status", "--porcelain"], cwd=examples, capture_output=True,
                          text=True).stdout == ""
    assert changed_lines(before, sheet.read_text(encoding="utf-8")) == [
        "-      - lead: 完善企业梯度培育体系。", "+      - lead: 完善企业梯度培育体系。修订"]
    assert seen["tabs"] == 0
