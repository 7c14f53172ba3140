"""Restructuring a reply's body from the keyboard: add, move, delete (Enter confirms), Ctrl+Z undoes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from drafter.sheets.yamlio import load_yaml  # noqa: E402
from drafter.tui.screens.ask import Ask  # noqa: E402
from tests.test_tui_flow import LINYI, make_app, open_by_typing, select_in_outline, until  # noqa: E402


def test_enter_confirms_a_delete_the_cursor_lands_on_the_previous_item_and_ctrl_z_brings_it_back(examples: Path):
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")
    seen = {}

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            outline = await select_in_outline(pilot, editor, 0, 2)  # 三是…
            await until(pilot, lambda: editor.current_node == ("sections", 0, "items", 2))
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            seen["question"] = str(app.screen.query_one(".dialog-message").render())
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is editor and editor.session.dirty)
            await until(pilot, lambda: outline.cursor_node is not None
                        and outline.cursor_node.data == ("sections", 0, "items", 1))
            assert len(editor.session.get(("sections", 0, "items"))) == 3
            await pilot.press("ctrl+z")
            await until(pilot, lambda: not editor.session.dirty)
            await until(pilot, lambda: outline.cursor_node is not None
                        and outline.cursor_node.data == ("sections", 0, "items", 2))
            await pilot.press("ctrl+s")
            await pilot.pause(0.2)

    asyncio.run(flow())
    assert "三是" in seen["question"]
    assert sheet.read_text(encoding="utf-8") == before
    assert len(load_yaml(before).data["sections"][0]["items"]) == 4
