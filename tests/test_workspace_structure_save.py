"""Saving after adding, moving and deleting sections and items: every entry of the file keeps its own
lines and comments (the template's guidance stays on the item it explains), a new entry is written
fresh, and nothing else in the file moves."""

from __future__ import annotations

import shutil
from pathlib import Path

from drafter.sheets.scaffold import new_sheet_text
from drafter.sheets.yamlio import load_yaml
from drafter.workspace.session import SheetSession
from tests.test_tui_flow import changed_lines

REPO = Path(__file__).resolve().parents[1]
GUIDE_ITEMS = "# 一是……二是……"
GUIDE_LEAD = "# 要点句，如“完善企业梯度培育体系。”"


def new_sheet(tmp_path: Path) -> Path:
    shutil.copy(REPO / "examples/临沂市科技局/profile.yaml", tmp_path / "profile.yaml")
    sheet = tmp_path / "a.yaml"
    sheet.write_text(new_sheet_text("政协提案", proposers=["赵洁"], number="001", proposal_title="关于X的建议"),
                     encoding="utf-8")
    return sheet


def block_of(text: str, heading: str) -> str:
    """The lines of the section headed `heading`, up to the next section."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- heading: {heading}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - heading:")
                or lines[i] and not lines[i].startswith(" ")), len(lines))
    return "\n".join(lines[start:end])


def test_a_new_section_after_the_first_leaves_the_guidance_on_the_first(tmp_path: Path):
    sheet = new_sheet(tmp_path)
    session = SheetSession(sheet)
    item = session.add_item(("sections", 0), 0)
    session.set(item + ("lead",), "新要点。")
    new = session.add_section(after=("sections", 0))
    session.set(new + ("heading",), "新小节")
    session.set(("sections", 0, "items", 0, "lead"), "第一要点。")
    assert session.save()
    text = sheet.read_text(encoding="utf-8")
    first = block_of(text, "工作开展情况")
    assert GUIDE_ITEMS in first and GUIDE_LEAD in first and "第一要点。" in first
    assert "#" not in block_of(text, "新小节")
    assert load_yaml(text).data["sections"][1]["heading"] == "新小节"


def test_a_section_moved_down_takes_its_guidance_with_it(tmp_path: Path):
    sheet = new_sheet(tmp_path)
    session = SheetSession(sheet)
    session.set(("sections", 0, "items", 0, "lead"), "第一要点。")
    session.move(("sections", 0), 1)
    assert session.save()
    text = sheet.read_text(encoding="utf-8")
    assert GUIDE_ITEMS in block_of(text, "工作开展情况") and "第一要点。" in block_of(text, "工作开展情况")
    assert "#" not in block_of(text, "下一步工作打算")
    assert text.index("下一步工作打算") < text.index("工作开展情况")


def test_deleting_the_first_item_does_not_give_its_guidance_to_the_next(tmp_path: Path):
    sheet = new_sheet(tmp_path)
    session = SheetSession(sheet)
    second = session.add_item(("sections", 0), 0)
    session.set(second + ("lead",), "第二要点。")
    session.set(second + ("text",), "展开。")
    assert session.save()
    session.delete(("sections", 0, "items", 0))
    assert session.save()
    first = block_of(sheet.read_text(encoding="utf-8"), "工作开展情况")
    assert "第二要点。" in first and GUIDE_LEAD not in first


def test_undoing_a_delete_puts_the_entry_back_with_its_comments(tmp_path: Path):
    sheet = new_sheet(tmp_path)
    before = sheet.read_text(encoding="utf-8")
    session = SheetSession(sheet)
    session.delete(("sections", 0))
    session.set(("sections", 0, "heading"), "下一步工作计划")  # typing after the delete stays
    session.history.undo()
    assert session.save()
    assert changed_lines(before, sheet.read_text(encoding="utf-8")) == [
        "-  - heading: 下一步工作打算", "+  - heading: 下一步工作计划"]


def test_an_entry_brought_back_by_undo_is_still_the_files_own_however_it_is_edited(tmp_path: Path):
    sheet = new_sheet(tmp_path)
    session = SheetSession(sheet)
    session.delete(("sections", 0))
    session.history.undo()
    session.set(("sections", 0, "heading"), "完全改写的小节标题")
    session.set(("sections", 0, "items", 0, "lead"), "完全改写的要点句。")
    session.set(("sections", 0, "items", 0, "text"), "完全改写的展开文字。")
    assert session.save()
    first = block_of(sheet.read_text(encoding="utf-8"), "完全改写的小节标题")
    assert GUIDE_ITEMS in first and GUIDE_LEAD in first


def test_typing_in_a_new_item_survives_undo_and_redo(tmp_path: Path):
    sheet = new_sheet(tmp_path)
    session = SheetSession(sheet)
    item = session.add_item(("sections", 0))
    session.set(item + ("lead",), "新要点。")
    session.history.undo()
    assert session.get(item) is None
    session.history.redo()
    assert session.get(item + ("lead",)) == "新要点。"
