"""A new office in the workbench: an empty folder becomes a first generated, committed reply with
no file made by hand; F8, F9 and F2 offer to create a missing profile or facts library."""

from __future__ import annotations

import asyncio
import subprocess

import docx
import pytest
from textual.widgets import Input, TextArea

from drafter.sheets.load import load_facts, load_profile
from drafter.tui.app import DrafterApp
from drafter.tui.screens.ask import Ask
from drafter.tui.screens.commit import CommitDialog
from drafter.tui.screens.editor import EditorScreen
from drafter.tui.screens.facts import FactsScreen
from drafter.tui.screens.init_office import InitOffice
from drafter.tui.screens.new_sheet import NewSheet
from drafter.tui.screens.profile import ProfileScreen
from drafter.workspace import git as gitops
from drafter.workspace.office import OfficeInfo, create_profile
from tests.test_tui_flow import until

SHEET = "001-赵洁-加快科技成果转化.yaml"


def _errors(editor: EditorScreen, *, but: tuple = ()) -> list[str]:
    """The error-level problems the editor shows (the problem bar), leaving out fields in but."""
    return [p.message for p in editor.analysis.problems if p.severity == "error" and p.key not in but]


async def _fill_office_dialog(pilot, app, **values: str) -> InitOffice:
    await until(pilot, lambda: isinstance(app.screen, InitOffice) and app.screen.query("#init-name"))
    dialog = app.screen
    for attr, value in values.items():
        dialog.query_one(f"#init-{attr}", Input).value = value
    await pilot.pause()
    return dialog


@pytest.mark.needs("git")
def test_empty_folder_to_first_reply_generated_and_committed(tmp_path):
    folder = tmp_path / "临沂市科技局"
    folder.mkdir()

    async def flow():
        app = DrafterApp(folder, pdf=False)
        async with app.run_test(size=(160, 48)) as pilot:
            # first run: the office dialog, suggestions read off the full name
            dialog = await _fill_office_dialog(pilot, app, name="临沂市科学技术局", contact_name="李明",
                                               contact_phone="0539-8312345")
            assert dialog.query_one("#init-city", Input).placeholder == "［临沂市］"
            await pilot.click("#init-create")
            # asked before git init
            await until(pilot, lambda: isinstance(app.screen, Ask))
            assert app.screen.title_text == "建立 git 仓库？"
            assert not (folder / ".git").exists()
            await pilot.click("#git")
            await until(pilot, lambda: app.git_enabled)

            # Ctrl+N → the new reply opens with a whole preview and no error (the date is still to fill)
            await pilot.press("ctrl+n")
            await until(pilot, lambda: isinstance(app.screen, NewSheet) and app.screen.query("#new-proposers"))
            new = app.screen
            new.query_one("#new-proposers", Input).value = "赵洁"
            new.query_one("#new-number", Input).value = "001"
            new.query_one("#new-title", Input).value = "关于加快科技成果转化的建议"
            await pilot.pause()
            await pilot.click("#create")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            editor = app.screen
            await until(pilot, lambda: editor.paper_text and editor.analysis is not None)
            paper = "".join(editor.paper_text.split())
            for text in ("赵洁委员：", "再次感谢您对我市科技工作的关心和支持！", "临沂市科学技术局",
                         "（联系人：李明，联系电话：0539-8312345）"):
                assert text in paper
            assert _errors(editor, but=(("date",),)) == []

            # fill: the date and an introduction; no error remains
            editor.query_one("#f-date", Input).value = "2024-06-18"
            editor.query_one("#f-intro", TextArea).text = "近年来，市科技局持续推进科技成果转化。"
            await until(pilot, lambda: "2024年6月18日" in editor.paper_text)
            await until(pilot, lambda: "近年来" in editor.paper_text and not _errors(editor))

            # Ctrl+G: saved and generated
            await pilot.press("ctrl+g")
            await until(pilot, lambda: (folder / SHEET).with_suffix(".docx").exists())
            await until(pilot, lambda: not editor.session.dirty)

            # F7: everything the clerk made is committed, the Word file is ignored
            await pilot.press("f7")
            await until(pilot, lambda: isinstance(app.screen, CommitDialog) and app.screen.query("#commit-message"))
            commit = app.screen
            assert sorted(name for name, _, _ in commit.files) == [".gitignore", SHEET, "facts.yaml", "profile.yaml"]
            commit.query_one("#commit-message", Input).value = "第一份答复"
            await pilot.click("#commit")
            await until(pilot, lambda: any("已提交" in str(n.message) for n in app._notifications))
            assert not [n for n in app._notifications if n.severity == "error"]

    asyncio.run(flow())
    paragraphs = [(p.style.name, p.text) for p in docx.Document(folder / SHEET.replace(".yaml", ".docx")).paragraphs]
    assert ("Signature", "临沂市科学技术局") in paragraphs and ("Date", "2024年6月18日") in paragraphs
    assert ("Normal", "近年来，市科技局持续推进科技成果转化。") in paragraphs
    log = subprocess.run(["git", "log", "--format=%s"], cwd=folder, capture_output=True, text=True,
                         encoding="utf-8").stdout.split()
    assert log == ["第一份答复"]
    assert gitops.status(folder) == {}


def test_put_off_at_first_run_then_f8_sets_the_office_up_and_shows_the_profile(tmp_path):
    async def flow():
        app = DrafterApp(tmp_path, pdf=False, git=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await _fill_office_dialog(pilot, app)
            await pilot.click("#init-cancel")
            await until(pilot, lambda: app.screen is app.list_screen())
            assert not (tmp_path / "profile.yaml").exists()

            await pilot.press("f8")
            dialog = await _fill_office_dialog(pilot, app)
            await pilot.click("#init-create")  # no full name: said, and nothing written
            await pilot.pause()
            assert app.screen is dialog and "请填写单位全称" in str(dialog.query_one("#init-error").render())
            assert not (tmp_path / "profile.yaml").exists()

            dialog.query_one("#init-name", Input).value = "沂水县科学技术局"
            await pilot.pause()
            await pilot.click("#init-create")
            await until(pilot, lambda: isinstance(app.screen, ProfileScreen))

    asyncio.run(flow())
    profile = load_profile(tmp_path / "profile.yaml")
    assert (profile.name, profile.city, profile.short_name) == ("沂水县科学技术局", "沂水县", "县科技局")
    assert load_facts(tmp_path / "facts.yaml").items == {}
    assert not (tmp_path / ".git").exists()  # git=False: never asked, never made


def test_f8_where_only_the_profile_is_missing_writes_the_profile_and_leaves_the_facts(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text("title: 已有的事实库\nfigures:\n  高企数: {value: \"12\", unit: 家}\n", encoding="utf-8")
    before = facts.read_bytes()

    async def flow():
        app = DrafterApp(tmp_path, pdf=False, git=False)
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _fill_office_dialog(pilot, app, name="临沂市科学技术局")
            assert "还没有单位信息" in str(dialog.query_one(".dialog-message").render())
            await pilot.click("#init-create")
            await until(pilot, lambda: (tmp_path / "profile.yaml").exists())

    asyncio.run(flow())
    assert facts.read_bytes() == before
    assert load_profile(tmp_path / "profile.yaml").name == "临沂市科学技术局"


def test_f9_without_a_facts_library_offers_an_empty_one(tmp_path):
    create_profile(tmp_path, OfficeInfo(name="临沂市科学技术局"))

    async def flow():
        app = DrafterApp(tmp_path, pdf=False, git=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.screen is app.list_screen())  # a profile: no setup dialog
            await pilot.press("f9")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            assert app.screen.title_text == "还没有事实库"
            await pilot.click("#create")
            await until(pilot, lambda: isinstance(app.screen, FactsScreen))

    asyncio.run(flow())
    facts = load_facts(tmp_path / "facts.yaml")
    assert facts.items == {} and facts.title == "临沂市科学技术局事实库"


def test_f2_in_a_reply_without_a_facts_library_offers_one_then_the_picker(tmp_path):
    create_profile(tmp_path, OfficeInfo(name="临沂市科学技术局"))
    sheet = tmp_path / "001.yaml"
    sheet.write_text("kind: 政协提案\nproposal_title: 关于加快科技成果转化的建议\nproposers: [赵洁]\n"
                     "date: 2024-06-18\n", encoding="utf-8")

    async def flow():
        app = DrafterApp(tmp_path, pdf=False, git=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.list_screen() is not None and app.list_screen().rows)
            app.open_sheet(sheet)
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            editor = app.screen
            await until(pilot, lambda: editor.paper_text)
            editor.query_one("#f-session", Input).focus()
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            await pilot.click("#cancel")  # declined: nothing written
            await until(pilot, lambda: app.screen is editor)
            assert not (tmp_path / "facts.yaml").exists()
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            await pilot.click("#create")
            await until(pilot, lambda: isinstance(app.screen, FactsScreen))

    asyncio.run(flow())
    assert (tmp_path / "facts.yaml").is_file()
