"""The editor's keyboard model: every documented key works from every focusable widget; Enter goes
down into a node's editor and Esc comes back up; tabs switch by key and focus lands in their first
field; no focus stop swallows typing; the footer keeps the essential keys at 80×24; the body boxes
use the width there is."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual import events  # noqa: E402
from textual.widgets import Input, Select, TabbedContent, TextArea  # noqa: E402
from textual.widgets._footer import FooterKey  # noqa: E402

from drafter.tui.app import DrafterApp  # noqa: E402
from drafter.tui.screens.editor import EditorScreen  # noqa: E402
from drafter.tui.widgets.outline import Outline  # noqa: E402
from tests.test_tui_flow import make_app, open_by_typing, until  # noqa: E402

TEXT_WIDGETS = (Input, TextArea, Select)


def documented_keys() -> list[tuple[str, str, str]]:
    """(key, where the action lives, action name) for each key of the help table's 全局 and 编辑 rows."""
    out = []
    for owner, bindings in (("editor", EditorScreen.BINDINGS), ("app", DrafterApp.BINDINGS)):
        for b in bindings:
            if not b.description:
                continue
            for key in b.key.split(","):
                out.append((key, owner, b.action.partition("(")[0]))
    return out


def send_keys(app, keys: list[str]) -> None:
    """Key presses through the driver, as the terminal sends them (pilot.press, without waiting for
    the app to settle after each: hundreds of keys in a second)."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


async def views(pilot, editor):
    """Show each tab in turn (the body twice: a section's editor, then an item's) and yield the
    widgets that can take focus there."""
    for tab in editor.TABS:
        nodes = [("sections", 0), ("sections", 0, "items", 1)] if tab == "tab-body" else [None]
        for node in nodes:
            editor.switch_tab(tab)
            await pilot.pause(0.1)
            if node is not None:
                editor._focus_key(node + (("heading",) if len(node) == 2 else ("lead",)))
                await until(pilot, lambda: editor._detail_shown == node)
                await pilot.pause(0.05)
            yield list(editor.focus_chain)


async def focusables(pilot, editor) -> list:
    """Every widget that can take focus in the editor, over all its views."""
    seen = []
    async for chain in views(pilot, editor):
        seen += [w for w in chain if w not in seen]
    return seen


def test_every_documented_key_works_from_every_focusable_widget(examples: Path):
    calls: list[str] = []
    checked: list[tuple[str, str]] = []

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            kinds = set()
            for owner, name in {(o, n) for _, o, n in documented_keys()}:
                target = editor if owner == "editor" else app
                setattr(target, f"action_{name}", lambda *a, _n=name: calls.append(_n))
            async for widgets in views(pilot, editor):
                for widget in widgets:
                    kinds.add(type(widget).__name__)
                    widget.focus()  # the actions are stand-ins: focus stays where it is
                    await pilot.pause()
                    keys, names = [], []
                    for key, _, name in documented_keys():
                        printable = len(key) == 1 or key == "question_mark"
                        if printable and isinstance(widget, TEXT_WIDGETS):
                            continue  # typing: a text box takes "?" as a character
                        if key in ("ctrl+z", "ctrl+y") and isinstance(widget, TextArea):
                            continue  # a text box undoes its own typing (documented in the help)
                        keys.append(key)
                        names.append(name)
                        checked.append((key, type(widget).__name__))
                    before = widget.text if isinstance(widget, TextArea) else None
                    if isinstance(widget, TextArea):
                        widget.move_cursor((0, 0))
                        keys.append("x")  # after F6 and F7 a key types, and wipes nothing
                    calls.clear()
                    send_keys(app, keys)
                    await pilot.pause()
                    # (priority keys act at once, the others once the key has passed the widgets: the
                    # order of the calls differs from the keys', every key still acts exactly once)
                    assert sorted(calls) == sorted(names), (widget, keys, calls)
                    assert app.screen is editor and app.focused is widget, widget
                    if isinstance(widget, TextArea):
                        assert widget.text == "x" + before, widget
                        widget.text = before

        assert {"Outline", "FieldTextArea", "FieldInput", "Select", "Paper"} <= kinds, kinds

    asyncio.run(flow())
    assert ("f7", "FieldTextArea") in checked and ("f6", "FieldTextArea") in checked
    assert len({k for k, _ in checked}) == len({k for k, _, _ in documented_keys()})


def test_enter_goes_into_the_node_and_esc_comes_back_up_to_the_tree(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(100, 30)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await pilot.press("alt+2")
            outline = editor.query_one("#outline", Outline)
            await until(pilot, lambda: app.focused is outline)
            await pilot.press("down", "down")  # 一、工作开展情况 › 一是…
            await pilot.press("enter")
            await until(pilot, lambda: getattr(app.focused, "id", "") == "f-sections-0-items-0-lead")
            await pilot.press("escape")
            await until(pilot, lambda: app.focused is outline)
            assert app.screen is editor and outline.cursor_node.data == ("sections", 0, "items", 0)
            await pilot.press("up", "enter")  # a section: into its heading
            await until(pilot, lambda: getattr(app.focused, "id", "") == "f-sections-0-heading")
            await pilot.press("escape", "escape")  # up to the tree, then back to the list
            await until(pilot, lambda: app.screen is app.list_screen())

    asyncio.run(flow())


def test_tabs_switch_by_key_and_the_cursor_lands_in_the_first_field(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(100, 30)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            tabs = editor.query_one("#form", TabbedContent)
            expected = {"tab-basic": "f-kind", "tab-body": "outline", "tab-opening": "f-salutation",
                        "tab-other": "f-notes"}
            first = {tab: next(w for w in editor.query_one(f"#{tab}").query("Outline, Input, TextArea, Select")).id
                     for tab in editor.TABS}
            assert first["tab-body"] == "outline"
            editor.query_one("#f-wenhao").focus()  # deep in 基本信息
            for n, tab in enumerate(editor.TABS, 1):
                await pilot.press(f"alt+{n}")
                await until(pilot, lambda: tabs.active == tab and getattr(app.focused, "id", "") == first[tab])
            for tab in ("tab-basic", "tab-body", "tab-opening"):  # round the end
                await pilot.press("ctrl+pagedown")
                await until(pilot, lambda: tabs.active == tab and getattr(app.focused, "id", "") == first[tab])
            for tab in ("tab-body", "tab-basic", "tab-other"):
                await pilot.press("ctrl+pageup")
                await until(pilot, lambda: tabs.active == tab and getattr(app.focused, "id", "") == first[tab])
            # the command palette's 切换到：正文 lands in the tree too
            command = next(c for c in app.get_system_commands(editor) if c.title == "切换到：正文")
            command.callback()
            await until(pilot, lambda: tabs.active == "tab-body" and app.focused is editor.query_one("#outline"))
            assert expected  # the ids above are the clerk's first fields

    asyncio.run(flow())


def test_from_the_tree_the_lead_box_is_one_tab_away_and_one_shift_tab_back(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(100, 30)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await pilot.press("alt+2", "down", "down")
            await until(pilot, lambda: editor._detail_shown == ("sections", 0, "items", 0))
            await pilot.press("tab")
            assert app.focused.id == "f-sections-0-items-0-lead"
            await pilot.press("shift+tab")
            assert isinstance(app.focused, Outline)

    asyncio.run(flow())


def test_no_focus_stop_swallows_typing(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(160, 48)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            widgets = await focusables(pilot, editor)
            # Every stop in the Tab chain takes typing (fields), or is the tree (its keys edit the
            # body) or the preview; buttons, the tab bar and scroll areas are no stops.
            assert {type(w).__name__ for w in widgets} <= {"Outline", "FieldTextArea", "FieldInput", "Select", "Paper"}
            # Typing on the preview goes to the box the clerk last typed in.
            box = editor.query_one("#f-wenhao", Input)
            await pilot.press("alt+1")
            box.focus()
            await pilot.press("end")
            editor.query_one("#paper").focus()
            await pilot.press("5", "号")
            await until(pilot, lambda: box.value.endswith("4号5号"))
            assert app.focused is box

    asyncio.run(flow())


@pytest.mark.parametrize("place", ["field", "tree", "text"])
def test_at_80x24_the_footer_keeps_f3_f4_esc_and_ctrl_q(examples: Path, place: str):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(80, 24)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            if place != "field":
                await pilot.press("alt+2", "down", "down")
            if place == "text":
                await pilot.press("enter")
            await pilot.pause(0.3)
            keys = {k.key: k for k in editor.query(FooterKey)}
            for key in ("f3", "f4", "escape", "ctrl+q"):
                assert key in keys, key
                region = keys[key].region
                assert region.width > 0 and region.right <= 80, (key, region)

    asyncio.run(flow())


def test_body_boxes_use_the_width_there_is(examples: Path):
    widths = {}

    async def flow():
        for size in ((160, 48), (100, 30)):
            app = make_app(examples)
            async with app.run_test(size=size) as pilot:
                editor = await open_by_typing(pilot, app, "069")
                await pilot.press("alt+2", "down", "down")
                await until(pilot, lambda: editor.query("#f-sections-0-items-0-lead"))
                await pilot.pause(0.2)
                widths[size[0]] = editor.query_one("#f-sections-0-items-0-lead").size.width

    asyncio.run(flow())
    assert widths[160] >= 50, widths  # it was 34 columns beside a 14-column label
    assert widths[100] >= 55, widths  # narrow: no preview beside it


def test_the_readme_names_each_key_as_the_help_screen_does():
    from drafter.tui.app import help_sections
    from drafter.tui.keys import help_rows, key_label

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = {line.split("|")[1].strip(): line for line in readme.splitlines() if line.startswith("| ")}
    for where, bindings in (("编辑", EditorScreen.BINDINGS), ("正文结构", Outline.BINDINGS)):
        for b in bindings:
            if b.description:
                assert f"{key_label(b.key)} {b.description}" in table[where], (where, b.key, b.description)
    rows = {(key, what) for _, key, what in help_rows(help_sections())}
    assert ("s", "加小节") in rows and ("c", "加下级小节") in rows and ("a", "加要点") in rows
    assert "加部分" not in readme


def test_closing_the_editor_puts_the_list_cursor_back_on_the_reply_that_was_open(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 30)) as pilot:
            await until(pilot, lambda: app.list_screen() is not None and len(app.list_screen().shown) > 3)
            listing = app.list_screen()
            await pilot.press("down", "down", "down")
            chosen = listing.current_row().path
            assert chosen != listing.shown[0].path
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
            editor = app.screen
            await until(pilot, lambda: editor.paper_text)
            await pilot.press("escape")  # closing re-reads the reply's row
            await until(pilot, lambda: app.screen is listing)
            await pilot.pause(0.3)
            assert listing.current_row().path == chosen

    asyncio.run(flow())
