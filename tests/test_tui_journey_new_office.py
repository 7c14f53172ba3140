"""Journey: a new reply from an empty office, typed as a clerk types it. Every field to fill is at
most one Tab from the last one typed in (or is where the workbench puts the cursor), and nothing on
the way shows an error the clerk did not make."""

from __future__ import annotations

import asyncio
from pathlib import Path

import docx
import pytest

pytest.importorskip("textual")

from textual.widgets import Input  # noqa: E402

from drafter.tui.app import DrafterApp  # noqa: E402
from drafter.tui.screens.editor import EditorScreen  # noqa: E402
from drafter.tui.screens.init_office import InitOffice  # noqa: E402
from drafter.tui.screens.new_sheet import NewSheet  # noqa: E402
from drafter.tui.screens.problems import ProblemsScreen  # noqa: E402
from test_tui_flow import until  # noqa: E402


async def type_text(pilot, text: str) -> None:
    """Key by key, as typed (an input method delivers each Chinese character as one key)."""
    await pilot.press(*text)


def focused_id(app) -> str | None:
    return app.focused.id if app.focused is not None else None


def test_new_reply_from_an_empty_office(tmp_path: Path):
    folder = tmp_path / "临沂市科技局"
    folder.mkdir()
    errors_seen: list[str] = []

    async def flow():
        app = DrafterApp(folder, pdf=False, git=False)
        async with app.run_test(size=(120, 40)) as pilot:
            # 1. the office dialog comes up by itself, the cursor in 单位全称
            await until(pilot, lambda: isinstance(app.screen, InitOffice) and focused_id(app) == "init-name")
            await type_text(pilot, "临沂市科学技术局")
            await pilot.press("tab")
            assert focused_id(app) == "init-short_name"  # the rest are suggested: leave them
            for attr, value in (("contact_name", "李明"), ("contact_phone", "0539-8312345")):
                while focused_id(app) != f"init-{attr}":
                    await pilot.press("enter")  # Enter accepts a suggestion and moves on
                await type_text(pilot, value)
            await pilot.press("enter")
            await until(pilot, lambda: (folder / "profile.yaml").is_file() and app.screen is app.list_screen())

            # 2. Ctrl+N: kind (the default), Tab → 提出人, Tab → 编号, Tab → 标题, Enter
            await pilot.press("ctrl+n")
            await until(pilot, lambda: isinstance(app.screen, NewSheet) and focused_id(app) == "new-kind")
            for field, text in (("new-proposers", "赵洁"), ("new-number", "001"),
                                ("new-title", "关于加快科技成果转化的建议")):
                await pilot.press("tab")
                assert focused_id(app) == field
                await type_text(pilot, text)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            editor = app.screen
            await until(pilot, lambda: editor.paper_text and editor.analysis is not None and editor.analysis.findings)
            errors_seen.extend(p.message for p in editor.analysis.problems
                               if p.severity == "error" and p.key != ("date",))

            # 3. F4: the problems say the date is missing; Enter on it puts the cursor in 答复日期
            await pilot.press("f4")
            await until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
            problems = app.screen.problems
            assert problems[0].key == ("date",)  # the one error comes first
            await pilot.press("enter")
            await until(pilot, lambda: focused_id(app) == "f-date")
            await type_text(pilot, "2024-06-18")
            await until(pilot, lambda: editor.session.get(("date",)) == "2024-06-18")
            await pilot.press("ctrl+g")  # saves, checks and writes the Word file
            await until(pilot, lambda: list(folder.glob("*.docx")), timeout=30)
            errors_seen.extend(p.message for p in editor.analysis.problems if p.severity == "error")

    asyncio.run(flow())
    assert errors_seen == []
    [made] = folder.glob("*.docx")
    text = "\n".join(p.text for p in docx.Document(str(made)).paragraphs)
    assert "赵洁委员：" in text and "2024年6月18日" in text and "临沂市科学技术局" in text
    saved = (folder / "001-赵洁-加快科技成果转化.yaml").read_text(encoding="utf-8")
    assert 'date: "2024-06-18"' in saved  # the scaffold's quotes kept: only the value changed
