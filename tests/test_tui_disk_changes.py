"""The workbench beside git: a save never undoes what a `git pull` brought, and the screens notice pulls.

Each test changes a file "on disk" the way a checkout does (a new file renamed over the old one)
while the workbench has it open.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Button, Input  # noqa: E402

from drafter.sheets.yamlio import load_yaml  # noqa: E402
from drafter.tui.app import DrafterApp  # noqa: E402
from drafter.tui.screens.ask import Ask  # noqa: E402
from drafter.tui.screens.conflict import ConflictDialog  # noqa: E402
from drafter.tui.screens.editor import EditorScreen  # noqa: E402
from drafter.tui.screens.profile import ProfileScreen  # noqa: E402
from drafter.workspace.drafts import DraftKeeper, read_draft  # noqa: E402
from tests.test_tui_flow import make_app as flow_app, open_by_typing, until  # noqa: E402
from tests.test_workspace_disk_changes import pull  # noqa: E402

LINYI = "临沂市科技局/000-赵洁-专精特新.yaml"
WENHAO = "临科函字〔2024〕4号"


def make_app(folder: Path, *, poll: float = 0.1, **kw) -> DrafterApp:
    kw.setdefault("offer_drafts", False)
    app = flow_app(folder, **kw)
    app.disk_poll = poll  # seconds between looks at the disk (3600: the test is about the save alone)
    return app


async def open_069(pilot, app) -> EditorScreen:
    return await open_by_typing(pilot, app, "069")


async def select_row(pilot, app, words: str) -> None:
    """Filter the list down to one row by typing."""
    await until(pilot, lambda: app.list_screen() is not None and app.screen is app.list_screen())
    for ch in words:
        await pilot.press(ch)
    await until(pilot, lambda: len(app.list_screen().shown) == 1)


async def change_wenhao(pilot, editor: EditorScreen) -> None:
    editor.query_one("#f-wenhao", Input).value = "临科函字〔2024〕7号"
    await until(pilot, lambda: editor.session.dirty)


async def press_button(pilot, screen, button_id: str) -> None:
    screen.query_one(f"#{button_id}", Button).press()
    await pilot.pause()


async def clash(pilot, app, sheet: Path, also: dict | None = None) -> tuple[EditorScreen, str]:
    """The clerk changes 文号 to 7号 (and the fields in `also`), a pull changes it to 9号, the clerk
    presses Ctrl+S: the conflict dialog is up."""
    editor = await open_069(pilot, app)
    for field_id, value in (also or {}).items():
        editor.query_one(field_id, Input).value = value
    await change_wenhao(pilot, editor)
    pulled = pull(sheet, WENHAO, "临科函字〔2024〕9号")
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(app.screen, ConflictDialog))
    return editor, pulled


def data(path: Path) -> dict:
    return load_yaml(path.read_text(encoding="utf-8")).data


def test_save_keeps_a_field_changed_on_disk_while_the_sheet_was_open(examples: Path):
    sheet = examples / LINYI

    async def flow():
        app = make_app(examples, poll=3600)  # this test is about the save alone, not about noticing the pull
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_069(pilot, app)
            await change_wenhao(pilot, editor)
            pull(sheet, 'number: "069"', 'number: "070"')
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not editor.session.dirty)

    asyncio.run(flow())
    saved = data(sheet)
    assert saved["wenhao"] == "临科函字〔2024〕7号" and saved["number"] == "070"


@pytest.mark.parametrize("choice, expected", [
    ("mine", "临科函字〔2024〕7号"), ("theirs", "临科函字〔2024〕9号")])
def test_same_field_on_both_sides_asks_and_saves_the_choice(examples: Path, choice: str, expected: str):
    sheet = examples / LINYI

    async def flow():
        app = make_app(examples, poll=3600)
        async with app.run_test(size=(160, 48)) as pilot:
            # 会议 changes too, without a clash: it is saved whatever the choice
            editor, pulled = await clash(pilot, app, sheet, also={"#f-session": "市政协十五届四次会议"})
            dialog = app.screen
            assert "文号" in dialog.query_one(".dialog-message").render().plain
            assert dialog.query_one("#conflict-mine").render().plain == "临科函字〔2024〕7号"
            assert dialog.query_one("#conflict-theirs").render().plain == "临科函字〔2024〕9号"
            assert sheet.read_text(encoding="utf-8") == pulled  # nothing written while the clerk decides
            await press_button(pilot, dialog, choice)
            await until(pilot, lambda: app.screen is editor and not editor.session.dirty)

    asyncio.run(flow())
    saved = data(sheet)
    assert saved["wenhao"] == expected and saved["session"] == "市政协十五届四次会议"


def test_show_both_puts_both_versions_in_the_field_unsaved(examples: Path):
    sheet = examples / LINYI

    async def flow():
        app = make_app(examples, poll=3600)
        async with app.run_test(size=(160, 48)) as pilot:
            editor, pulled = await clash(pilot, app, sheet)
            await press_button(pilot, app.screen, "both")
            field = editor.query_one("#f-wenhao", Input)
            await until(pilot, lambda: field.value == "临科函字〔2024〕7号／临科函字〔2024〕9号")
            assert editor.session.dirty and sheet.read_text(encoding="utf-8") == pulled
            assert app.focused is field
            field.value = "临科函字〔2024〕8号"  # the clerk settles it
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not editor.session.dirty)

    asyncio.run(flow())
    assert data(sheet)["wenhao"] == "临科函字〔2024〕8号"


def test_escape_in_the_conflict_dialog_saves_nothing(examples: Path):
    sheet = examples / LINYI

    async def flow():
        app = make_app(examples, poll=3600)
        async with app.run_test(size=(160, 48)) as pilot:
            editor, pulled = await clash(pilot, app, sheet)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is editor)
            assert editor.session.dirty and editor.session.get(("wenhao",)) == "临科函字〔2024〕7号"
            assert sheet.read_text(encoding="utf-8") == pulled

    asyncio.run(flow())


def test_an_open_editor_reloads_a_pulled_file_when_nothing_is_unsaved(examples: Path):
    sheet = examples / LINYI

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_069(pilot, app)
            pull(sheet, WENHAO, "临科函字〔2024〕9号")
            field = editor.query_one("#f-wenhao", Input)
            await until(pilot, lambda: field.value == "临科函字〔2024〕9号")
            await until(pilot, lambda: "临科函字〔2024〕9号" in editor.paper_text)
            assert not editor.session.dirty  # reloaded, not an edit of the clerk's

    asyncio.run(flow())


def test_an_open_editor_merges_a_pull_into_unsaved_changes_or_says_saving_will_ask(examples: Path):
    sheet = examples / LINYI

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_069(pilot, app)
            await change_wenhao(pilot, editor)
            pull(sheet, 'number: "069"', 'number: "070"')  # another field: carried in at once
            await until(pilot, lambda: editor.query_one("#f-number", Input).value == "070")
            assert editor.query_one("#f-wenhao", Input).value == "临科函字〔2024〕7号" and editor.session.dirty
            pull(sheet, WENHAO, "临科函字〔2024〕9号")  # the field the clerk changed: told, not touched
            await until(pilot, lambda: any("保存时会请你选择" in n.message for n in app._notifications))
            assert editor.query_one("#f-wenhao", Input).value == "临科函字〔2024〕7号"

    asyncio.run(flow())


def test_the_list_notices_changed_added_and_removed_sheets(examples: Path):
    sheet = examples / LINYI
    other = examples / "临沂市科技局/999-新.yaml"

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: app.list_screen() is not None and app.list_screen().rows)
            screen = app.list_screen()
            await until(pilot, lambda: screen._watch is not None)
            pull(sheet, "proposal_title: 关于引育", "proposal_title: 【已改】关于引育")
            other.write_text(sheet.read_text(encoding="utf-8").replace('number: "069"', 'number: "999"'),
                             encoding="utf-8")
            await until(pilot, lambda: any(r.title.startswith("【已改】") for r in screen.rows))
            await until(pilot, lambda: any(r.number == "999" for r in screen.rows))
            other.unlink()
            await until(pilot, lambda: not any(r.number == "999" for r in screen.rows))
            seen.update(numbers=[r.number for r in screen.rows],
                        title=next(r.title for r in screen.rows if r.path.name == sheet.name))

    seen: dict = {}
    asyncio.run(flow())
    assert "999" not in seen["numbers"] and "069" in seen["numbers"]  # the added sheet came and went
    assert seen["title"].startswith("【已改】")  # the pulled change is what the list shows


def test_profile_screen_save_keeps_a_pulled_change(examples: Path):
    profile = examples / "临沂市科技局/profile.yaml"

    async def flow():
        app = make_app(examples, poll=3600)
        async with app.run_test(size=(120, 40)) as pilot:
            await select_row(pilot, app, "069")
            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.query("#f-name"))
            screen = app.screen
            screen.query_one("#f-short_name", Input).value = "科技局"
            await until(pilot, lambda: screen.session.dirty)
            text = profile.read_text(encoding="utf-8")
            city = next(line for line in text.splitlines() if line.startswith("city:"))
            pull(profile, city, "city: 临沂")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.session.dirty)

    asyncio.run(flow())
    saved = data(profile)
    assert saved["short_name"] == "科技局" and saved["city"] == "临沂"


def test_a_recovered_draft_merges_with_a_pull_made_after_the_crash(examples: Path):
    sheet = examples / LINYI
    from drafter.workspace.session import SheetSession

    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    DraftKeeper(sheet).keep(session.text(), session.disk_text)  # then the workbench died
    pull(sheet, 'number: "069"', 'number: "070"')
    assert read_draft(sheet).base is not None

    async def flow():
        app = make_app(examples, poll=3600)
        async with app.run_test(size=(160, 48)) as pilot:
            await select_row(pilot, app, "070")  # the number the pull brought
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#restore"))
            await press_button(pilot, app.screen, "restore")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            editor = app.screen
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not editor.session.dirty)

    asyncio.run(flow())
    saved = data(sheet)
    assert saved["wenhao"] == "临科函字〔2024〕7号" and saved["number"] == "070"


def test_a_sheet_deleted_on_disk_is_written_again_only_when_the_clerk_says_so(examples: Path):
    sheet = examples / LINYI

    async def flow():
        app = make_app(examples, poll=3600)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_069(pilot, app)
            await change_wenhao(pilot, editor)
            sheet.unlink()
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#mine"))
            assert not sheet.exists()
            await press_button(pilot, app.screen, "mine")
            await until(pilot, lambda: not editor.session.dirty)

    asyncio.run(flow())
    assert data(sheet)["wenhao"] == "临科函字〔2024〕7号"


# --- a runaway template (issue 10 item 3): composed off the UI thread, stopped by its budget or Ctrl+Q ---

RUNAWAY = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}@p 到不了这里\n"


def runaway_sheet(examples: Path) -> Path:
    unit = examples / "临沂市科技局"
    (unit / "慢模板.j2").write_text(RUNAWAY, encoding="utf-8")
    sheet = unit / "500-慢.yaml"
    text = (unit / "000-赵洁-专精特新.yaml").read_text(encoding="utf-8")
    sheet.write_text(text.replace('number: "069"', 'number: "500"\ntemplate: 慢模板.j2'), encoding="utf-8")
    return sheet


async def open_500(pilot, app) -> EditorScreen:
    await select_row(pilot, app, "500")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, EditorScreen))
    return app.screen


def test_a_runaway_template_shows_a_chinese_error_in_the_preview(examples: Path):
    runaway_sheet(examples)

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_500(pilot, app)
            paper = editor.query_one("#paper")
            await until(pilot, lambda: "无法生成预览" in paper.text.plain)
            shown = "".join(paper.text.plain.split("\n"))
            assert "慢模板.j2" in shown and "超过 2 秒" in shown
            assert "有错误" in str(editor.query_one("#preview-title").render())

    asyncio.run(flow())


def test_ctrl_q_quits_while_a_runaway_template_is_still_running(examples: Path, monkeypatch):
    runaway_sheet(examples)
    ended: list[str] = []
    original = EditorScreen._analyse

    def recording(self, data, started, budget):
        try:
            original(self, data, started, budget)
        finally:
            ended.append("cancelled" if budget.cancelled else "deadline")

    monkeypatch.setattr(EditorScreen, "_analyse", recording)

    async def flow():
        app = make_app(examples)
        app.render_seconds = 600  # the budget alone would stop it only after ten minutes
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_500(pilot, app)
            await until(pilot, lambda: editor._busy and editor._preview_budget[0] is not None)
            field = editor.query_one("#f-wenhao", Input)
            field.value = "临科函字〔2024〕7号"  # the form answers while the template runs
            await until(pilot, lambda: editor.session.get(("wenhao",)) == "临科函字〔2024〕7号")
            # the keystroke stopped the slow render and started one with the new text, still running
            await until(pilot, lambda: ended == ["cancelled"] and editor._busy)
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#discard"))
            await press_button(pilot, app.screen, "discard")
        return app

    app = asyncio.run(flow())  # returns once every worker thread has ended
    assert app.return_value == 0
    assert ended == ["cancelled", "cancelled"]  # stopped by the quit, not by the ten-minute deadline


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_raw_text_screen_asks_before_overwriting_a_file_changed_meanwhile(examples: Path, choice: str):
    from textual.widgets import TextArea

    from drafter.tui.screens.raw import RawScreen

    broken = examples / "临沂市科技局/600-坏.yaml"
    broken.write_text("kind: 政协提案\nnumber: \"600\"\nproposal_title: [未闭合\n", encoding="utf-8")

    async def flow():
        app = make_app(examples, poll=3600)
        async with app.run_test(size=(160, 48)) as pilot:
            await until(pilot, lambda: app.list_screen() is not None and app.screen is app.list_screen())
            app.open_sheet(broken)
            await until(pilot, lambda: isinstance(app.screen, RawScreen) and app.screen.query("#raw-text"))
            raw = app.screen
            raw.query_one("#raw-text", TextArea).text = "kind: 政协提案\nnumber: \"600\"\nproposal_title: 我改好的\n"
            broken.write_text("kind: 政协提案\nnumber: \"600\"\nproposal_title: 同事改好的\n", encoding="utf-8")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query(f"#{choice}"))
            assert "同事改好的" in broken.read_text(encoding="utf-8")
            await press_button(pilot, app.screen, choice)
            await until(pilot, lambda: app.screen is raw)
            if choice == "theirs":
                assert "同事改好的" in raw.query_one("#raw-text", TextArea).text

    asyncio.run(flow())
    expected = "我改好的" if choice == "mine" else "同事改好的"
    assert data(broken)["proposal_title"] == expected
