"""What the clerk reads: handling-type schemes by their Chinese names (the default once), a new fact
with its 截至 and 来源, and a problem bar that is not cut at 100 columns."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from rich.cells import cell_len  # noqa: E402
from rich.text import Text  # noqa: E402
from textual.widgets import Select  # noqa: E402

from drafter.model.handling_types import DEFAULT_SCHEME, SCHEME_NAMES, SCHEMES  # noqa: E402
from drafter.tui.labels import problem_bar  # noqa: E402
from drafter.tui.screens.profile import ProfileScreen  # noqa: E402
from drafter.workspace.session import Problem, SheetSession  # noqa: E402
from test_tui_facts import FACTS, fact_dialog, open_library  # noqa: E402
from test_tui_flow import LINYI, changed_lines, make_app, open_by_typing, until  # noqa: E402


def test_the_profile_form_names_handling_schemes_in_chinese_with_the_default_once(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_by_typing(pilot, app, "069")
            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.query("#f-name"))
            select = app.screen.query_one("#f-handling_types-scheme", Select)
            assert str(select.prompt) == f"{SCHEME_NAMES[DEFAULT_SCHEME]}（默认）"  # blank means the default
            shown = [str(select.prompt)] + [str(label) for label, value in select._options if value is not Select.NULL]
            assert not any(scheme in label for label in shown for scheme in SCHEMES)  # no national-abcd…
            assert sum(SCHEME_NAMES[DEFAULT_SCHEME] in label for label in shown) == 1
            assert len(shown) == len(SCHEMES)  # every scheme, the default among them once

    asyncio.run(flow())


def test_a_new_fact_gets_its_as_of_and_source_in_the_dialog(examples: Path):
    """n in the facts library: name, 数值, 单位, 截至, 来源, each one Tab from the last; a 截至 that is
    not a month is refused in place."""
    facts = examples / FACTS
    before = facts.read_text(encoding="utf-8")

    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_library(pilot, app)
            screen.query_one("#fact-table").focus()
            dialog = await fact_dialog(pilot, app, "n")
            labels = [str(label.render()) for label in dialog.query(".row-label")]
            assert labels == ["名称", "数值", "单位", "截至", "来源"]
            await pilot.press(*"gxqy", "tab", *"321", "tab")  # the name (ASCII keys), 数值
            dialog.query_one("#fact-unit").value = "家"  # Chinese cannot be typed through pilot.press
            await pilot.press("tab", *"2024-13", "tab")
            assert app.focused.id == "fact-source"
            dialog.query_one("#fact-source").value = "2024年统计公报"
            await pilot.press("enter")
            assert app.screen is dialog and "截至" in str(dialog.query_one("#name-error").render())
            dialog.query_one("#fact-as_of").value = "2024-06"
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is screen and screen.base_key == ("figures", "gxqy"))
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.session.dirty)

    asyncio.run(flow())
    assert changed_lines(before, facts.read_text(encoding="utf-8")) == [
        "+  gxqy:", '+    value: "321"', "+    unit: 家", '+    as_of: "2024-06"', "+    source: 2024年统计公报"]


def test_the_problem_bar_keeps_the_whole_message_and_its_keys_at_100_columns(examples: Path):
    problems = SheetSession(examples / LINYI).analyse().problems
    markup, first = problem_bar(problems, 98)
    plain = Text.from_markup(markup).plain
    assert first.describe() in plain and "建议：" in plain
    assert plain.endswith("F5改正　F4全部")
    assert cell_len(plain) <= 2 * 98 - 1


def test_a_long_problem_gives_way_but_never_the_counts_and_keys():
    problems = [Problem("这一句很长。" * 60, ("opening",), "warning", rule="wording.x", fix="删去“很”",
                        found="很", offset=2, replacement=""), Problem("另一处", ("intro",), "warning", rule="x")]
    plain = Text.from_markup(problem_bar(problems, 78)[0]).plain
    assert plain.startswith("2 处提醒：【开头语】这一句很长。") and plain.endswith("…　F5改正　F4全部")
    assert cell_len(plain) <= 2 * 78 - 1


def test_the_editor_shows_the_whole_problem_at_100_columns(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(100, 30)) as pilot:
            editor = await open_by_typing(pilot, app, "069")
            await until(pilot, lambda: editor.analysis is not None and editor.analysis.findings)
            await pilot.pause(0.2)
            bar = editor.query_one("#problem-bar")
            first = editor._bar_problem
            assert bar.size.height == 2
            text = bar.render()
            assert first.describe() in text.plain and text.plain.endswith("F4全部")
            assert len(text.wrap(app.console, bar.content_size.width)) == 2  # nothing cut off

    asyncio.run(flow())
