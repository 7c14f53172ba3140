"""The facts library as a clerk keeps it: add, rename and delete facts; drafts of profile and facts."""

from __future__ import annotations

import asyncio
from pathlib import Path



from textual.widgets import Input, Label, Static, TextArea  # noqa: E402

from drafter.tui.screens.ask import Ask  # noqa: E402
from drafter.tui.screens.fact_name import FactName  # noqa: E402
from drafter.tui.screens.facts import FactsScreen  # noqa: E402
from drafter.tui.screens.profile import ProfileScreen  # noqa: E402
from drafter.workspace.drafts import draft_path  # noqa: E402
from tests.test_tui_flow import LINYI, changed_lines, make_app, open_by_typing, until  # noqa: E402

FACTS = "临沂市科技局/facts.yaml"


async def open_library(pilot, app) -> FactsScreen:
    """F9 from the sheet list (the cursor is on a 临沂 sheet after filtering)."""
    await until(pilot, lambda: app.list_screen() is not None and app.screen is app.list_screen())
    for ch in "069":
        await pilot.press(ch)
    await until(pilot, lambda: len(app.list_screen().shown) == 1)
    await pilot.press("f9")
    await until(pilot, lambda: isinstance(app.screen, FactsScreen) and app.screen.query("#f-value"))
    screen = app.screen
    await pilot.pause(0.1)
    return screen


async def fact_dialog(pilot, app, key: str) -> FactName:
    """In the open facts library, press key (n new, p 常用段落, r rename) and wait for the dialog."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, FactName))
    return app.screen


async def click(pilot, selector: str) -> None:
    """Click a button of the dialog in front, once it has been laid out."""
    await until(pilot, lambda: pilot.app.screen.query(selector) and pilot.app.screen.query_one(selector).region)
    await pilot.pause(0.2)
    assert await pilot.click(selector)


def select(screen: FactsScreen, group: str, name: str) -> None:
    table = screen.query_one("#fact-table")
    table.move_cursor(row=screen.names.index((group, name)), animate=False)
    table.focus()


def test_add_a_figure_pick_it_and_see_it_in_the_preview(examples: Path):
    facts = examples / FACTS
    before = facts.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            editor.switch_tab("tab-opening")
            await pilot.pause()
            field = editor.query_one("#f-intro", TextArea)
            field.focus()
            field.text = "今年新认定高新技术企业"
            field.move_cursor(field.document.end)
            await pilot.pause()
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, FactsScreen) and app.screen.query("#f-value"))
            screen = app.screen
            screen.query_one("#fact-table").focus()
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, FactName))
            dialog = app.screen
            dialog.query_one("#fact-name", Input).value = "新认定高新技术企业数"
            dialog.query_one("#fact-value", Input).value = "321"
            dialog.query_one("#fact-unit", Input).value = "家"
            await pilot.pause()
            assert "{{ facts.新认定高新技术企业数 }}" in str(dialog.query_one("#fact-ref", Static).render())
            await click(pilot, "#ok")
            await until(pilot, lambda: app.screen is screen and screen.base_key == ("figures", "新认定高新技术企业数"))
            assert screen.session.dirty
            await until(pilot, lambda: screen.query("#f-as_of"))
            screen.query_one("#f-as_of", Input).value = "2024-06"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.session.dirty)
            # it is in the picker: filter for it and press Enter to insert it
            screen.query_one("#fact-filter", Input).value = "新认定"
            await until(pilot, lambda: screen.names == [("figures", "新认定高新技术企业数")])
            screen.query_one("#fact-table").focus()
            await pilot.press("enter")
            # the library closes first, then its answer is typed in: wait for both (a busy machine
            # showed the editor a moment before the reference arrived)
            await until(pilot, lambda: app.screen is editor and field.text != "今年新认定高新技术企业")
            assert field.text == "今年新认定高新技术企业{{ facts.新认定高新技术企业数 }}"
            await until(pilot, lambda: "今年新认定高新技术企业321家" in "".join(editor.paper_text.split()))

    asyncio.run(flow())
    assert changed_lines(before, facts.read_text(encoding="utf-8")) == [
        "+  新认定高新技术企业数:", '+    value: "321"', "+    unit: 家", '+    as_of: "2024-06"']
    assert not draft_path(facts).exists()


def test_rename_changes_only_the_name_line(examples: Path):
    facts = examples / FACTS
    before = facts.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_library(pilot, app)
            select(screen, "figures", "科技型中小企业入库数")
            await until(pilot, lambda: screen.base_key == ("figures", "科技型中小企业入库数"))
            dialog = await fact_dialog(pilot, app, "r")
            assert LINYI in dialog.note  # the sheet that cites it is named before renaming
            assert dialog.query_one("#fact-name", Input).value == "科技型中小企业入库数"
            dialog.query_one("#fact-name", Input).value = "入库科技型中小企业数"
            await click(pilot, "#ok")
            await until(pilot, lambda: app.screen is screen)
            assert ("figures", "入库科技型中小企业数") in screen.names
            assert ("figures", "科技型中小企业入库数") not in screen.names
            assert screen.names.index(("figures", "入库科技型中小企业数")) == 0  # keeps its place
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.session.dirty)

    asyncio.run(flow())
    after = facts.read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["-  科技型中小企业入库数:", "+  入库科技型中小企业数:"]
    assert "# ---- 2024年上半年工作情况" in after  # the comment above it stays


def test_delete_an_unused_fact_removes_exactly_its_lines(examples: Path):
    facts = examples / FACTS
    before = facts.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_library(pilot, app)
            select(screen, "figures", "高层次创新创业人才目标")
            await until(pilot, lambda: screen.base_key == ("figures", "高层次创新创业人才目标"))
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#delete"))
            assert "没有答复引用它" in app.screen.message
            await click(pilot, "#delete")
            await until(pilot, lambda: app.screen is screen)
            assert ("figures", "高层次创新创业人才目标") not in screen.names
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.session.dirty)

    asyncio.run(flow())
    lines = before.splitlines()
    i = lines.index("  高层次创新创业人才目标:")
    assert changed_lines(before, facts.read_text(encoding="utf-8")) == ["-" + line for line in lines[i:i + 6]]
    assert lines[i + 6].startswith("  青年优秀人才目标")


def test_deleting_a_cited_fact_warns_and_names_the_sheet(examples: Path):
    facts = examples / FACTS
    before = facts.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_library(pilot, app)
            select(screen, "figures", "贷款贴息")
            await until(pilot, lambda: screen.base_key == ("figures", "贷款贴息"))
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#delete"))
            ask = app.screen
            assert "仍有答复在引用" in ask.title_text
            assert LINYI in ask.message and "{{ facts.贷款贴息 }}" in ask.message
            await pilot.pause(0.1)
            assert app.focused is ask.query_one("#cancel")  # Enter keeps it
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is screen)
            assert ("figures", "贷款贴息") in screen.names and not screen.session.dirty
            # deleting anyway is possible after the warning
            await pilot.press("delete")
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#delete"))
            await click(pilot, "#delete")
            await until(pilot, lambda: app.screen is screen)
            assert ("figures", "贷款贴息") not in screen.names and screen.session.dirty

    asyncio.run(flow())
    assert facts.read_text(encoding="utf-8") == before  # not saved


def test_invalid_or_duplicate_name_shows_an_inline_error(examples: Path):
    facts = examples / FACTS
    before = facts.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_library(pilot, app)
            screen.query_one("#fact-table").focus()
            dialog = await fact_dialog(pilot, app, "p")
            error = dialog.query_one("#name-error", Label)
            dialog.query_one("#fact-name", Input).value = "2024年 总述"
            dialog.query_one("#fact-text", Input).value = "一段话。"
            await pilot.pause()
            assert "只能含汉字、字母、数字和下划线" in str(error.render()) and error.has_class("-shown")
            await click(pilot, "#ok")
            await pilot.pause()
            assert app.screen is dialog  # refused
            dialog.query_one("#fact-name", Input).value = "贷款贴息"  # a figure already has this name
            await pilot.pause()
            assert "已有同名的数据“贷款贴息”" in str(error.render())
            dialog.query_one("#fact-name", Input).value = "科技创新总述"
            await pilot.pause()
            assert not error.has_class("-shown")
            await click(pilot, "#ok")
            await until(pilot, lambda: app.screen is screen)
            assert screen.base_key == ("passages", "科技创新总述")
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, Ask))
            await click(pilot, "#discard")
            await until(pilot, lambda: app.screen is app.list_screen())

    asyncio.run(flow())
    assert facts.read_text(encoding="utf-8") == before
    assert not draft_path(facts).exists()


def test_unsaved_profile_leaves_a_draft_that_is_offered_back(examples: Path):
    profile = examples / "临沂市科技局" / "profile.yaml"
    before = profile.read_text(encoding="utf-8")
    draft = draft_path(profile)

    async def edit_and_crash():
        app = make_app(examples, draft_interval=0.1)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.list_screen() is not None and app.screen is app.list_screen())
            for ch in "069":
                await pilot.press(ch)
            await until(pilot, lambda: len(app.list_screen().shown) == 1)
            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.query("#f-name"))
            app.screen.query_one("#f-name", Input).value = "临沂市科学技术局（草稿）"
            await until(pilot, draft.exists)
        # leaving run_test is like a closed terminal: nothing is saved or cleaned up

    async def reopen():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            # offered at start-up, naming the profile
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#later"))
            assert "profile.yaml" in app.screen.message
            await click(pilot, "#later")
            await until(pilot, lambda: app.screen is app.list_screen())
            for ch in "069":
                await pilot.press(ch)
            await until(pilot, lambda: len(app.list_screen().shown) == 1)
            await pilot.press("f8")  # offered again when the profile is opened
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#restore"))
            await click(pilot, "#restore")
            await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.query("#f-name"))
            screen = app.screen
            assert screen.query_one("#f-name", Input).value == "临沂市科学技术局（草稿）"
            assert screen.session.dirty
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.session.dirty)

    asyncio.run(edit_and_crash())
    assert profile.read_text(encoding="utf-8") == before
    assert "临沂市科学技术局（草稿）" in draft.read_text(encoding="utf-8")
    asyncio.run(reopen())
    assert not draft.exists()
    assert "name: 临沂市科学技术局（草稿）" in profile.read_text(encoding="utf-8")


def test_startup_draft_of_the_facts_library_opens_the_library(examples: Path):
    facts = examples / FACTS
    text = facts.read_text(encoding="utf-8").replace('value: "2104"', 'value: "2222"')
    draft_path(facts).write_text(text, encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#restore"))
            await click(pilot, "#restore")
            await until(pilot, lambda: isinstance(app.screen, FactsScreen))
            screen = app.screen
            assert screen.session.dirty
            assert screen.session.get(("figures", "高新技术企业数", "value")) == "2222"
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen.query("#discard"))
            await click(pilot, "#discard")
            await until(pilot, lambda: app.screen is app.list_screen())

    asyncio.run(flow())
    assert not draft_path(facts).exists()
    assert 'value: "2104"' in facts.read_text(encoding="utf-8")
