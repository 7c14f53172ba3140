"""A defect in drafter while the clerk works: the details go to a log file, the clerk reads one
Chinese line naming it, the screen and the unsaved work stay — never a traceback, never "no problems"."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Input  # noqa: E402

import drafter.tui.generation as generation  # noqa: E402
import drafter.tui.preview as preview_module  # noqa: E402
from drafter.crashlog import LOG_DIR_ENV  # noqa: E402
from drafter.tui.screens.editor import EditorScreen  # noqa: E402
from tests.test_tui_flow import LINYI, make_app, open_by_typing, until  # noqa: E402


@pytest.fixture
def logs(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(LOG_DIR_ENV, str(folder))
    return folder


def _errors(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


def test_a_defect_while_generating_is_logged_and_named_and_the_editor_stays(examples: Path, logs: Path,
                                                                             monkeypatch):
    def broken(analysis, *, force=False):
        raise RuntimeError("a defect in the writer")

    monkeypatch.setattr(generation, "generate", broken)

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await pilot.press("ctrl+g")
            await until(pilot, lambda: _errors(app))
            (line,) = _errors(app)
            assert line.startswith("生成 Word 文件时出错：drafter 内部错误（RuntimeError）")
            (log,) = logs.glob("drafter-*.log")
            assert str(log) in line
            assert "a defect in the writer" in log.read_text(encoding="utf-8")
            assert app.screen is editor and app.is_running  # the clerk carries on where they were

    asyncio.run(flow())
    assert not (examples / LINYI).with_suffix(".docx").exists()


def test_a_defect_while_previewing_shows_as_an_error_not_as_no_problems(examples: Path, logs: Path,
                                                                        monkeypatch):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")

            def broken(blocks):
                raise ValueError("a defect in the preview")

            monkeypatch.setattr(preview_module, "render_paper", broken)
            field = editor.query_one("#f-wenhao", Input)
            field.value = "临科函字〔2024〕8号"
            await until(pilot, lambda: _errors(app))
            assert _errors(app)[0].startswith("生成预览时出错：drafter 内部错误（ValueError）")
            await until(pilot, lambda: "生成预览时出错" in str(editor.query_one("#problem-bar").render()))
            bar = str(editor.query_one("#problem-bar").render())
            assert "没有发现问题" not in bar and "生成预览时出错" in bar
            assert editor.session.dirty  # the change is still there to save
            monkeypatch.undo()
            field.value = "临科函字〔2024〕9号"  # the next change previews again
            await until(pilot, lambda: "9号" in editor.paper_text)

    asyncio.run(flow())


def test_a_draft_that_cannot_be_written_is_said_once(examples: Path, monkeypatch):
    async def flow():
        app = make_app(examples, draft_interval=0.1)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            assert isinstance(editor, EditorScreen)

            def full(text, base=None):
                raise OSError(28, "No space left on device")

            monkeypatch.setattr(editor.keeper, "keep", full)
            editor.query_one("#f-wenhao", Input).value = "临科函字〔2024〕8号"
            await until(pilot, lambda: any("无法保存草稿" in str(n.message) for n in app._notifications))
            await pilot.pause(0.5)  # several more ticks
            said = [n for n in app._notifications if "无法保存草稿" in str(n.message)]
            assert len(said) == 1 and "Ctrl+S" in str(said[0].message)

    asyncio.run(flow())
