"""Problems in the workbench, driven as a clerk would: F4 lists them in the reply's own numbering,
Enter puts the cursor on the faulty character, F5 applies a 建议 (Ctrl+Z takes it back), and a
checker that breaks says so instead of claiming the reply is clean."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import OptionList, TextArea  # noqa: E402

from drafter.checker import check_paths  # noqa: E402
from drafter.tui.screens.problems import ProblemsScreen  # noqa: E402
from drafter.workspace.quickfix import quick_fix  # noqa: E402
from test_tui_flow import LINYI, changed_lines, make_app, open_by_typing, select_in_outline, until  # noqa: E402


async def checked(pilot, editor) -> None:
    """Wait for the checker's findings (they follow the preview once typing pauses)."""
    await until(pilot, lambda: editor.analysis is not None and editor.analysis.findings)


async def open_problems(pilot, app) -> ProblemsScreen:
    await pilot.press("f4")
    await until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
    return app.screen


async def highlight(pilot, screen: ProblemsScreen, index: int) -> None:
    """Arrow keys down the list to the problem at index (from the top)."""
    await pilot.press("home")
    for _ in range(index):
        await pilot.press("down")
    assert screen.query_one("#problem-list", OptionList).highlighted == index


def test_fix_every_problem_of_an_example_with_quick_fixes(examples: Path):
    """Open a reply with problems, F4, F5 on each fixable one until only the ones that need the clerk's
    judgement are left, save: the file on disk has exactly the fixed lines changed and checks clean
    but for those."""
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")
    left: list = []

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await checked(pilot, editor)
            screen = await open_problems(pilot, app)
            assert "可按 F5 一键修改" in str(screen.query_one("#problems-title").render())
            while True:
                fixable = [i for i, p in enumerate(screen.problems) if quick_fix(p) is not None]
                if not fixable:
                    break
                count = len(screen.problems)
                await highlight(pilot, screen, fixable[0])
                await pilot.press("f5")
                await until(pilot, lambda: not screen.checking and len(screen.problems) == count - 1)
            left.extend(p.rule for p in screen.problems)
            await pilot.press("f5")  # on one that needs judgement: it says why, nothing changes
            await pilot.pause()
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is editor)
            assert "一如既往地继续支持" in editor.query_one("#f-closing", TextArea).text  # the form shows the fixes
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not editor.session.dirty)

    asyncio.run(flow())
    assert left == ["doubled-word.clause"]
    assert [f.rule for f in check_paths([sheet])] == ["doubled-word.clause"]
    after = sheet.read_text(encoding="utf-8")
    changed = changed_lines(before, after)
    assert len(changed) == 8  # four lines out, four in (two of the five fixes share a line): nothing else
    assert "+opening: 您提出的《关于引育“专精特新”，加力提速工业经济高质量发展的建议》的提案收悉，现答复如下：" in changed
    assert "+  希望您今后一如既往地继续支持、关心临沂科技工作，继续对临沂科技工作建言献策。" in changed


def test_f5_in_the_editor_applies_the_bars_suggestion_and_ctrl_z_takes_it_back(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await checked(pilot, editor)
            first = editor._bar_problem
            assert first is not None and quick_fix(first) is not None
            value = editor.session.get(first.key)
            await pilot.press("f5")
            fixed = editor.session.get(first.key)
            assert fixed != value and first.found not in fixed[first.offset:first.offset + len(first.found)]
            await until(pilot, lambda: app.focused is not None and app.focused.id == "f-opening")
            await pilot.press("ctrl+z")
            assert editor.session.get(first.key) == value
            assert not editor.session.dirty

    asyncio.run(flow())


def test_jump_to_a_problem_puts_the_cursor_on_the_faulty_character(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await checked(pilot, editor)
            screen = await open_problems(pilot, app)
            index = next(i for i, p in enumerate(screen.problems) if p.rule == "doubled-word.repeat")
            problem = screen.problems[index]
            assert problem.place == "正文·二、下步工作思路·二是引育集聚高水平科技人才。·展开文字"
            await highlight(pilot, screen, index)
            await pilot.press("enter")
            area_id = "#f-sections-1-items-1-text"
            await until(pilot, lambda: editor.query(area_id) and app.focused is editor.query_one(area_id))
            area = editor.query_one(area_id, TextArea)
            row, column = area.cursor_location
            line = area.text.split("\n")[row]
            assert line[column:column + len(problem.found)] == problem.found == "引育"
            assert line[:column].endswith("全年引育")  # the second 引育, the one to delete

    asyncio.run(flow())


def test_a_checker_crash_shows_as_a_problem_not_as_no_problems(examples: Path, tmp_path, monkeypatch):
    import drafter.checker as checker

    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path / "logs"))

    def broken(reply, blocks=None, **kw):
        raise RuntimeError("a checker defect")

    monkeypatch.setattr(checker, "check_reply", broken)

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await checked(pilot, editor)
            bar = str(editor.query_one("#problem-bar").render())
            assert "检查器出错" in bar and "没有发现问题" not in bar
            screen = await open_problems(pilot, app)
            assert not screen.query_one("#no-problems").display
            [problem] = screen.problems
            logs = list((tmp_path / "logs").glob("*.log"))
            assert any(str(log) in problem.message and "a checker defect" in log.read_text(encoding="utf-8")
                       for log in logs)

    asyncio.run(flow())


def test_a_section_added_with_s_and_left_empty_is_not_printed_is_flagged_and_f5_removes_it(examples: Path):
    """s on 一、 adds an empty section (with an empty 一是 item): the preview prints nothing for it
    (no bare 一是, 二、 stays on the next heading), the problems name it in the reply's numbering, and
    F5 on it deletes it again."""
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await checked(pilot, editor)
            printed = editor.paper_text
            original = editor.session.snapshot()["sections"]
            await select_in_outline(pilot, editor, 0)  # 一、工作开展情况
            await pilot.press("s")
            await until(pilot, lambda: len(editor.session.get(("sections",))) == len(original) + 1)
            await until(pilot, lambda: any(p.rule == "numbering.empty" for p in editor.analysis.problems))
            assert editor.paper_text == printed  # nothing of the empty section is printed
            screen = await open_problems(pilot, app)
            index = next(i for i, p in enumerate(screen.problems) if p.rule == "numbering.empty")
            assert screen.problems[index].place == "正文·第2个小节（无标题）"
            assert "建议：删去这个空小节" in screen.problems[index].describe()
            await highlight(pilot, screen, index)
            await pilot.press("f5")
            await until(pilot, lambda: not screen.checking)
            assert not any(p.rule == "numbering.empty" for p in screen.problems)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is editor)
            assert editor.session.get(("sections",)) == original and not editor.session.dirty

    asyncio.run(flow())
    assert sheet.read_text(encoding="utf-8") == before
