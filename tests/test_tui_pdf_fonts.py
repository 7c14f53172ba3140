"""Ctrl+G with PDF on: the clerk is told once which fonts the PDF printed with instead of the
missing official ones (the same note `drafter build --pdf` gives)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Input  # noqa: E402

import drafter.layout.fonts as fonts  # noqa: E402
import drafter.tui.generation as generation  # noqa: E402
from tests.test_tui_flow import LINYI, make_app, open_by_typing, until  # noqa: E402

# A machine with the free fonts only (no 仿宋_GB2312, 黑体, 楷体, 小标宋, 宋体).
FREE_ONLY = frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN"})


def test_the_substitute_fonts_are_named_once_per_session(examples: Path, monkeypatch):
    made: list[Path] = []

    def fake_pdf(done):  # LibreOffice's part is tested in test_render_page; here only what the clerk is told
        target = done.path.with_suffix(".pdf")
        target.write_bytes(b"%PDF-1.4\n")
        made.append(target)
        return target

    monkeypatch.setattr(generation, "make_pdf", fake_pdf)
    monkeypatch.setattr(fonts, "installed_families", lambda: FREE_ONLY)

    def font_notes(app) -> list[str]:
        return [str(n.message) for n in app._notifications if "已替代" in str(n.message)]

    async def flow():
        app = make_app(examples, pdf=True)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await pilot.press("ctrl+g")
            await until(pilot, lambda: len(made) == 1 and font_notes(app))
            (note,) = font_notes(app)
            assert "正文 仿宋_GB2312→Noto Serif CJK SC" in note
            assert "一级标题 黑体→Noto Sans CJK SC" in note and "二级标题 楷体_GB2312→AR PL UKai CN" in note
            assert "README" in note  # where to read how to install the official fonts
            editor.query_one("#f-wenhao", Input).value = "临科函字〔2024〕8号"
            await until(pilot, lambda: "8号" in editor.paper_text)
            await pilot.press("ctrl+g")
            await until(pilot, lambda: len(made) == 2)
            await pilot.pause(0.3)
            assert len(font_notes(app)) == 1  # said once, not at every generation

    asyncio.run(flow())
    assert (examples / LINYI).with_suffix(".pdf") in made
