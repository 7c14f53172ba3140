"""The workbench driven as a clerk would: open, change, see, save, add, generate, quit."""

from __future__ import annotations

import asyncio
import difflib
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Input, TextArea  # noqa: E402

from drafter.sheets.yamlio import load_yaml  # noqa: E402
from drafter.tui.app import DrafterApp  # noqa: E402
from drafter.tui.screens.ask import Ask  # noqa: E402
from drafter.tui.screens.editor import EditorScreen  # noqa: E402

LINYI = "临沂市科技局/000-赵洁-专精特新.yaml"


def make_app(folder: Path, **kw) -> DrafterApp:
    kw.setdefault("pdf", False)
    kw.setdefault("git", False)
    return DrafterApp(folder, **kw)


async def until(pilot, predicate, timeout: float = 10.0) -> None:
    """Let the app run until predicate() holds (workers finish, screens change)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def open_by_typing(pilot, app, words: str) -> EditorScreen:
    """Filter the list by typing, then press Enter on the one row left."""
    await until(pilot, lambda: app.list_screen() is not None and app.screen is app.list_screen())
    for ch in words:
        await pilot.press(ch)
    await until(pilot, lambda: len(app.list_screen().shown) == 1)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, EditorScreen))
    editor = app.screen
    await until(pilot, lambda: editor.paper_text)
    return editor


async def select_in_outline(pilot, editor, *path: int):
    """The 正文 tab with its outline focused and the cursor on the node at path (child indexes
    from the root: (0,) is 一、, (0, 2) its 三是); returns the outline."""
    editor.switch_tab("tab-body")
    outline = editor.query_one("#outline")
    outline.focus()
    await pilot.pause()
    node = outline.root
    for index in path:
        node = node.children[index]
    outline.move_cursor(node)
    await pilot.pause()
    return outline


def changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_change_a_field_preview_save_minimal_diff(examples: Path):
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            assert "临科函字〔2024〕4号" in editor.paper_text
            # Full-width punctuation cannot be typed through pilot.press: set the value as a paste would.
            editor.query_one("#f-wenhao", Input).value = "临科函字〔2024〕5号"
            await until(pilot, lambda: "临科函字〔2024〕5号" in editor.paper_text)
            assert "未保存" in str(editor.query_one("#titlebar").render())
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not editor.session.dirty)

    asyncio.run(flow())
    after = sheet.read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-wenhao: 临科函字〔2024〕4号", "+wenhao: 临科函字〔2024〕5号"]


def test_typing_a_figure_into_a_field(examples: Path):
    """Plain keystrokes: the clerk types a new proposal number."""
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(80, 24)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            number = editor.query_one("#f-number", Input)
            number.focus()
            await pilot.press("end", "backspace", "backspace", "7", "0")
            assert number.value == "070"
            await until(pilot, lambda: "第070号提案" in editor.paper_text)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not editor.session.dirty)

    asyncio.run(flow())
    assert changed_lines(before, sheet.read_text(encoding="utf-8")) == ['-number: "069"', '+number: "070"']


def test_add_an_item(examples: Path):
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await select_in_outline(pilot, editor, 0)  # 一、工作开展情况
            await pilot.press("a")
            await until(pilot, lambda: editor.current_node == ("sections", 0, "items", 4))
            await until(pilot, lambda: editor.query("#f-sections-0-items-4-lead"))
            editor.query_one("#f-sections-0-items-4-lead", TextArea).text = "加强科技金融服务。"
            editor.query_one("#f-sections-0-items-4-text", TextArea).text = "全年举办银企对接活动12场。"
            await until(pilot, lambda: "五是加强科技金融服务。全年举办银企对接活动12场。" in editor.paper_text)
            await pilot.press("ctrl+s")

            await until(pilot, lambda: not editor.session.dirty)

    asyncio.run(flow())
    data = load_yaml(sheet.read_text(encoding="utf-8")).data
    items = data["sections"][0]["items"]
    assert len(items) == 5
    assert items[4] == {"lead": "加强科技金融服务。", "text": "全年举办银企对接活动12场。"}
    assert data["sections"][1]["items"][0]["lead"] == "强化科技型企业梯次培育。"
    diff = changed_lines(before, sheet.read_text(encoding="utf-8"))
    assert all(line.startswith("+") for line in diff), diff  # only added lines: comments, order survive
    assert any("加强科技金融服务。" in line for line in diff)


def test_generate_writes_docx_with_the_new_text(examples: Path):
    import docx

    sheet = examples / LINYI
    target = sheet.with_suffix(".docx")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            editor.query_one("#f-wenhao", Input).value = "临科函字〔2024〕9号"
            await until(pilot, lambda: "9号" in editor.paper_text)
            await pilot.press("ctrl+g")  # saves, then writes the .docx
            await until(pilot, lambda: target.exists())
            await until(pilot, lambda: any("生成" in str(n.message) for n in app._notifications))
            assert any(target.name in str(n.message) for n in app._notifications)
            assert not editor.session.dirty

    asyncio.run(flow())
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "临科函字〔2024〕9号" in text
    assert "wenhao: 临科函字〔2024〕9号" in sheet.read_text(encoding="utf-8")


def test_edited_docx_is_not_overwritten_without_confirmation(examples: Path):
    import zipfile

    sheet = examples / LINYI
    target = sheet.with_suffix(".docx")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await pilot.press("ctrl+g")
            await until(pilot, lambda: target.exists())
            # "Edit it in Word": change the document part so its recorded hash no longer matches.
            with zipfile.ZipFile(target) as z:
                parts = {n: z.read(n) for n in z.namelist()}
            parts["word/document.xml"] = parts["word/document.xml"].replace("答复".encode(), "回复".encode(), 1)
            with zipfile.ZipFile(target, "w") as z:
                for n, b in parts.items():
                    z.writestr(n, b)
            edited = target.read_bytes()
            await pilot.press("ctrl+g")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            assert "Word" in app.screen.message
            await pilot.press("enter")  # the focused, safe answer: 不覆盖
            await until(pilot, lambda: app.screen is editor)
            assert target.read_bytes() == edited
            await pilot.press("ctrl+g")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            await pilot.click("#overwrite")
            await until(pilot, lambda: target.read_bytes() != edited)

    asyncio.run(flow())


def test_invalid_date_inline_error_blocks_generation(examples: Path):
    sheet = examples / LINYI
    target = sheet.with_suffix(".docx")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(80, 24)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            date = editor.query_one("#f-date", Input)
            date.focus()
            date.value = ""
            for ch in "2024-02-30":
                await pilot.press(ch)
            row = date.parent.parent
            await pilot.pause()
            assert row.has_class("-invalid")  # at once, before the sheet is recomposed
            error = row.query_one(".row-error")
            assert "不存在" in str(error.render())
            await until(pilot, lambda: editor.analysis is not None and not editor.analysis.ok)
            await pilot.press("ctrl+g")
            await until(pilot, lambda: any("无法生成" in str(n.title) for n in app._notifications))
            assert "不存在" in str(editor.query_one("#problem-bar").render())
            await pilot.pause(0.3)
            assert not target.exists()
            date.value = "2024-02-29"
            await until(pilot, lambda: not row.has_class("-invalid") and editor.analysis.ok)

    asyncio.run(flow())


def test_quit_with_unsaved_changes_asks(examples: Path):
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(80, 24)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            editor.query_one("#f-session", Input).value = "市政协十五届四次会议"
            await until(pilot, lambda: editor.session.dirty)
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            assert "未保存" in app.screen.message
            await pilot.press("escape")  # changed their mind
            await until(pilot, lambda: app.screen is editor)
            assert app.is_running
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            await pilot.click("#discard")
            await until(pilot, lambda: not app.is_running)

    asyncio.run(flow())
    assert sheet.read_text(encoding="utf-8") == before


def test_quit_without_changes_does_not_ask(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_by_typing(pilot, app, "069")
            await pilot.press("ctrl+q")
            await until(pilot, lambda: not app.is_running)  # a question would keep it running
        return app

    app = asyncio.run(flow())
    assert not app.is_running
