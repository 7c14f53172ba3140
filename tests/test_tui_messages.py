"""Screens ask the app and tell it news with Textual messages; the app passes the news on."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Input  # noqa: E402

from drafter.tui.screens.profile import ProfileScreen  # noqa: E402
from tests.test_tui_flow import make_app, until  # noqa: E402


def test_a_saved_profile_is_news_for_the_list_and_a_closed_unsaved_one_is_not(examples: Path):
    async def flow():
        app = make_app(examples)
        async with app.run_test(size=(120, 40)) as pilot:
            listing = app.list_screen()
            await until(pilot, lambda: listing.rows and all(r.problems is not None for r in listing.rows))
            reloads = []
            listing.reload = lambda: reloads.append(1)  # what the app does with the news

            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.query("#f-name"))
            await pilot.press("escape")  # nothing changed: nothing to redo
            await until(pilot, lambda: app.screen is listing)
            await pilot.pause(0.2)
            assert reloads == []

            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, ProfileScreen) and app.screen.query("#f-name"))
            form = app.screen
            form.query_one("#f-name", Input).value = "临沂市科学技术局（试）"
            await pilot.press("ctrl+s")
            await until(pilot, lambda: reloads)  # ProfileChanged reached the app, which told the list

    asyncio.run(flow())
