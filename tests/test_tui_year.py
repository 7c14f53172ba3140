"""The year in the TUI: the list shows each reply's deadline (overdue in red) and status, filters
overdue replies and one status, counts them in its footer; the 交办 list and the 台账 are reached
from the command palette."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from pathlib import Path

from conftest import EXAMPLES
from office_lists import proposal_rows, write_xlsx
from openpyxl import load_workbook
from rich.text import Text
from test_tui_flow import make_app, until
from textual.widgets import Button, DataTable, Input

from drafter.sheets.load import find_sheets
from drafter.sheets.scaffold import new_sheet_text
from drafter.tui.screens.intake import IntakeDialog, list_files, typed_path
from drafter.tui.screens.sheet_list import columns

TODAY = dt.date.today()
BODY = "\nintro: 近年来，我局持续推进科技创新工作。\n"


def office(tmp_path: Path) -> Path:
    folder = tmp_path / "科技局"
    folder.mkdir()
    shutil.copy(EXAMPLES / "临沂市科技局" / "profile.yaml", folder / "profile.yaml")
    return folder


def add_sheet(folder: Path, number: str, assigned: dt.date, *, body: bool = False, submitted: bool = False) -> Path:
    text = new_sheet_text("提案", proposers=["张三"], number=number, proposal_title=f"关于第{number}号的建议",
                          assigned_date=assigned)
    if body:
        text = text.replace('\nintro: ""', BODY)
    if submitted:
        text = text.replace("# submitted: 2024-06-25", f"submitted: {TODAY.isoformat()}")
    path = folder / f"{number}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def a_year(tmp_path: Path) -> Path:
    """001 overdue (assigned four months ago), 002 due in five days, 003 drafted, 004 sent."""
    folder = office(tmp_path)
    add_sheet(folder, "001", TODAY - dt.timedelta(days=125))
    add_sheet(folder, "002", TODAY - dt.timedelta(days=86))
    add_sheet(folder, "003", TODAY - dt.timedelta(days=10), body=True)
    add_sheet(folder, "004", TODAY - dt.timedelta(days=10), body=True, submitted=True)
    return folder


def cells(app, number: str) -> dict[str, Text | str]:
    screen = app.list_screen()
    table = screen.query_one("#sheets", DataTable)
    row = next(r for r in screen.shown if r.number == number)
    return {key: table.get_cell(str(row.path), key) for key, _, _ in screen._cols}


async def list_ready(pilot, app, *, assessed: bool = False) -> None:
    """The list is in front (and, with assessed, every row's Word state and problems are known)."""
    await until(pilot, lambda: app.list_screen() is not None and app.screen is app.list_screen()
                and (not assessed or all(r.problems is not None for r in app.list_screen().rows)))


async def palette(pilot, words: str) -> None:
    """Ctrl+P, type words, Enter: run the command the palette finds first."""
    await pilot.press("ctrl+p")
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")


def footer(app) -> str:
    return str(app.list_screen().query_one("#list-status").render())


def test_the_list_shows_deadlines_statuses_and_counts(tmp_path):
    folder = a_year(tmp_path)

    async def flow():
        app = make_app(folder)
        async with app.run_test(size=(160, 40)) as pilot:
            await list_ready(pilot, app, assessed=True)
            overdue = cells(app, "001")
            assert str(overdue["deadline"]).startswith("逾期") and "red" in str(overdue["deadline"].style)
            soon = cells(app, "002")["deadline"]
            assert str(soon).startswith("剩 ") and "yellow" in str(soon.style)
            assert str(cells(app, "001")["status"]) == "未起草"
            assert str(cells(app, "003")["status"]) == "起草中"
            assert str(cells(app, "004")["status"]) == "已提交" and str(cells(app, "004")["deadline"]) == "按期"
            assert "未起草 2 · 起草中 1 · 已生成 0 · 已提交 1 · 逾期 1" in footer(app)

    asyncio.run(flow())


def test_filters_for_overdue_and_for_a_status(tmp_path):
    folder = a_year(tmp_path)

    async def flow():
        app = make_app(folder)
        async with app.run_test(size=(160, 40)) as pilot:
            await list_ready(pilot, app, assessed=True)
            screen = app.list_screen()
            await pilot.press("ctrl+o")
            assert [r.number for r in screen.shown] == ["001"] and "仅逾期" in footer(app)
            await pilot.press("ctrl+o")
            await pilot.press("ctrl+t")                       # 未起草
            assert [r.number for r in screen.shown] == ["001", "002"] and "未起草" in footer(app)
            await pilot.press("ctrl+t")                       # 起草中
            assert [r.number for r in screen.shown] == ["003"]
            await pilot.press("escape")
            assert len(screen.shown) == 4

    asyncio.run(flow())


def test_narrow_terminals_keep_the_deadline_and_status():
    keys = [k for k, _, _ in columns(80, False)]
    assert "deadline" in keys and "status" in keys and "date" not in keys
    assert sum(w for _, _, w in columns(80, False)) + 2 * len(keys) + 2 <= 80


def test_intake_from_the_command_palette(tmp_path):
    folder = office(tmp_path)
    source = write_xlsx(proposal_rows(6), folder / "交办清单.xlsx")

    async def flow():
        app = make_app(folder)
        async with app.run_test(size=(160, 40)) as pilot:
            await list_ready(pilot, app)
            await palette(pilot, "导入交办清单")
            await until(pilot, lambda: isinstance(app.screen, IntakeDialog))
            dialog = app.screen
            assert dialog.query_one("#intake-path", Input).value == str(source)   # the one list here
            await pilot.click("#preview")
            await until(pilot, lambda: not dialog.query_one("#create", Button).disabled)
            preview = str(dialog.query_one("#intake-preview").render())
            assert "将新建 6 份" in preview and find_sheets(folder) == []      # a preview writes nothing
            await pilot.click("#create")
            await until(pilot, lambda: app.screen is app.list_screen() and len(app.list_screen().rows) == 6)

    asyncio.run(flow())
    assert len(find_sheets(folder)) == 6


def test_a_bad_list_is_named_in_the_dialog(tmp_path):
    folder = office(tmp_path)
    (folder / "清单.csv").write_text("甲,乙\n1,2\n", encoding="utf-8")

    async def flow():
        app = make_app(folder)
        async with app.run_test(size=(160, 40)) as pilot:
            await list_ready(pilot, app)
            app.list_screen().action_intake()
            await until(pilot, lambda: isinstance(app.screen, IntakeDialog))
            dialog = app.screen
            await pilot.press("enter")
            await until(pilot, lambda: "找不到表头行" in str(dialog.query_one("#intake-preview").render()))
            assert dialog.query_one("#create", Button).disabled

    asyncio.run(flow())


def test_the_ledger_from_the_command_palette(tmp_path):
    folder = a_year(tmp_path)

    async def flow():
        app = make_app(folder)
        async with app.run_test(size=(160, 40)) as pilot:
            await list_ready(pilot, app)
            await palette(pilot, "生成办理台账")
            await until(pilot, lambda: (folder / "办理台账.xlsx").is_file(), timeout=20)

    asyncio.run(flow())
    ws = load_workbook(folder / "办理台账.xlsx")["办理台账"]
    assert [ws.cell(r, 3).value for r in range(4, 8)] == ["001", "002", "003", "004"]


def test_a_pasted_path_loses_its_quotes(tmp_path):
    assert typed_path('"C:\\下载\\交办清单.xlsx"', tmp_path).name.endswith("交办清单.xlsx")
    assert '"' not in str(typed_path('"/下载/交办清单.xlsx"', tmp_path))
    assert typed_path("清单.xlsx", tmp_path) == tmp_path / "清单.xlsx"


def test_the_report_itself_is_not_offered_as_a_list(tmp_path):
    folder = office(tmp_path)
    (folder / "办理台账.xlsx").write_bytes(b"")
    (tmp_path / "2024交办清单.xlsx").write_bytes(b"")
    assert list_files(folder) == [tmp_path / "2024交办清单.xlsx"]
