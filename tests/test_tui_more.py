"""More of the workbench: a new sheet, the facts picker, git commit, help and the palette."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Input, Select  # noqa: E402

from drafter.sheets.yamlio import load_yaml  # noqa: E402
from drafter.tui.app import DrafterApp  # noqa: E402
from drafter.tui.screens.commit import CommitDialog  # noqa: E402
from drafter.tui.screens.editor import EditorScreen  # noqa: E402
from drafter.tui.screens.facts import FactsScreen  # noqa: E402
from drafter.tui.screens.help import HelpScreen  # noqa: E402
from drafter.tui.screens.new_sheet import NewSheet  # noqa: E402
from tests.test_tui_flow import LINYI, make_app, open_by_typing, until  # noqa: E402


def test_new_sheet_asks_kind_and_proposer_first(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.list_screen() is not None and app.list_screen().rows)
            await pilot.press("ctrl+n")
            await until(pilot, lambda: isinstance(app.screen, NewSheet))
            dialog = app.screen
            assert app.focused is dialog.query_one("#new-kind")  # the kind comes first
            dialog.query_one("#new-kind", Select).value = "人大建议"
            dialog.query_one("#new-proposers", Input).value = "孙丽、周建国"
            dialog.query_one("#new-number", Input).value = "088"
            dialog.query_one("#new-title", Input).value = "关于支持科技型中小企业发展的建议"
            folder = examples / "临沂市科技局"
            dialog.query_one("#new-folder", Select).value = folder
            await pilot.pause()
            assert dialog.file_name() == "088-孙丽-支持科技型中小企业发展.yaml"
            await pilot.click("#create")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            editor = app.screen
            path = folder / "088-孙丽-支持科技型中小企业发展.yaml"
            assert editor.session.path == path
            data = load_yaml(path.read_text(encoding="utf-8")).data
            assert data["kind"] == "人大建议" and data["proposers"] == ["孙丽", "周建国"]
            assert data["number"] == "088"
            await until(pilot, lambda: "孙丽、周建国代表" in editor.paper_text)

    asyncio.run(flow())


def test_facts_picker_inserts_a_reference_at_the_cursor(examples: Path):
    sheet = examples / LINYI

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            field = editor.query_one("#f-session", Input)
            field.focus()
            field.value = "数据："
            field.cursor_position = len(field.value)
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, FactsScreen))
            await pilot.pause(0.2)
            for ch in "高新":
                app.screen.query_one("#fact-filter", Input).value += ch
            await until(pilot, lambda: len(app.screen.names) >= 1)
            app.screen.query_one("#fact-table").focus()
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is editor)
            assert field.value.startswith("数据：{{ facts.") and field.value.endswith(" }}")
            assert editor.session.get(("session",)) == field.value

    asyncio.run(flow())
    assert "数据：" not in sheet.read_text(encoding="utf-8")  # not saved yet


def test_editing_a_figure_in_the_facts_library(examples: Path):
    facts = examples / "临沂市科技局" / "facts.yaml"
    before = facts.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            assert "高新技术企业达到2104家" in "".join(editor.paper_text.split())
            await pilot.press("f9")
            await until(pilot, lambda: isinstance(app.screen, FactsScreen))
            screen = app.screen
            await until(pilot, lambda: screen.query("#f-value"))
            screen.query_one("#fact-filter", Input).value = "高新技术企业数"
            await until(pilot, lambda: screen.base_key == ("figures", "高新技术企业数") and screen.query("#f-value"))
            await pilot.pause(0.2)
            screen.query_one("#f-value", Input).value = "2200"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.session.dirty)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is editor)
            await until(pilot, lambda: "高新技术企业达到2200家" in "".join(editor.paper_text.split()))

    asyncio.run(flow())
    after = facts.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [('    value: "2104"', '    value: "2200"')]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_changed_sheets(examples: Path):
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"],
                ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "初稿"]):
        subprocess.run(cmd, cwd=examples, check=True)

    async def flow():
        app = DrafterApp(examples, pdf=False)
        async with app.run_test(size=(100, 30)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            assert app.git_enabled
            editor.query_one("#f-wenhao", Input).value = "临科函字〔2024〕5号"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not editor.session.dirty)
            await pilot.press("f7")
            await until(pilot, lambda: isinstance(app.screen, CommitDialog))
            dialog = app.screen
            assert [name for name, _, _ in dialog.files] == [LINYI]
            dialog.query_one("#commit-message", Input).value = "更新069号提案文号"
            await pilot.click("#commit")
            await until(pilot, lambda: any("已提交" in str(n.message) for n in app._notifications))

    asyncio.run(flow())
    log = subprocess.run(["git", "log", "-1", "--format=%s"], cwd=examples, capture_output=True, text=True,
                         encoding="utf-8").stdout.strip()
    assert log == "更新069号提案文号"
    assert subprocess.run(["git", "status", "--porcelain"], cwd=examples, capture_output=True,
                          text=True).stdout == ""


def test_git_parts_hidden_outside_a_repository(tmp_path: Path, examples: Path):
    async def flow():
        app = DrafterApp(examples, pdf=False, git=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.list_screen() is not None)
            assert not app.git_enabled  # tmp_path is no repository
            keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
            assert "f7" not in keys

    if subprocess.run(["git", "rev-parse"], cwd=examples, capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository")
    asyncio.run(flow())


def test_help_and_palette(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.list_screen() is not None)
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            await pilot.press("escape")
            await pilot.press("question_mark")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            await pilot.press("escape")
            commands = [c.title for c in app.get_system_commands(app.screen)]
            for title in ("打开", "新建", "排序", "单位信息", "事实库", "帮助", "退出"):
                assert title in commands
            editor = await open_by_typing(pilot, app, "069")
            commands = [c.title for c in app.get_system_commands(editor)]
            for title in ("保存", "生成Word", "插入数据", "预览", "问题", "正文：加要点", "切换到：正文"):
                assert title in commands

    asyncio.run(flow())


def test_profile_is_editable_and_feeds_the_preview(examples: Path):
    profile = examples / "临沂市科技局" / "profile.yaml"
    before = profile.read_text(encoding="utf-8")

    async def flow():
        from drafter.tui.screens.profile import ProfileScreen

        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.query("#f-name"))
            screen = app.screen
            screen.query_one("#f-name", Input).value = "临沂市科学技术局（试）"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.session.dirty)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is editor)
            await until(pilot, lambda: "临沂市科学技术局（试）关于" in "".join(editor.paper_text.split()))

    asyncio.run(flow())
    after = profile.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("name: 临沂市科学技术局（试）")
    assert changed[0][1].endswith("# 单位全称（标题、署名用）")  # the comment stays
