"""Undo for structural edits: each add, move and delete is one step, undone newest first, without
touching the text typed elsewhere since; the saved file after undo is the file before the edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from drafter.workspace.session import SheetSession

REPO = Path(__file__).resolve().parents[1]
LINYI = "临沂市科技局/000-赵洁-专精特新.yaml"


def test_every_structural_edit_is_one_undo_step(examples: Path):
    session = SheetSession(examples / LINYI)
    original = session.snapshot()
    item = session.add_item(("sections", 0))
    moved = session.move(item, -1)
    section = session.add_section(after=("sections", 0))
    sub = session.add_section(child_of=section)
    session.delete(("sections", 0, "items", 0))
    assert [s.label for s in session.history._undo] == ["加要点", "上移", "加小节", "加小节", "删除要点"]

    step = session.history.undo()
    assert step.label == "删除要点" and step.focus == ("sections", 0, "items", 0)
    session.history.undo()
    assert session.get(sub) is None
    session.history.undo()
    assert session.get(section) == original["sections"][1]
    step = session.history.undo()
    assert step.label == "上移" and step.focus == item  # the moved item goes back, and the cursor with it
    assert session.get(moved) == original["sections"][0]["items"][3]
    session.history.undo()
    assert session.snapshot() == original
    assert not session.dirty
    assert session.history.undo() is None


def test_undoing_a_delete_keeps_what_was_typed_after_it(examples: Path):
    session = SheetSession(examples / LINYI)
    removed = session.get(("sections", 0, "items", 1))
    session.delete(("sections", 0, "items", 1))
    session.set(("sections", 0, "items", 0, "lead"), "新的要点句")  # typing: not an undo step
    session.history.undo()
    assert session.get(("sections", 0, "items", 1)) == removed
    assert session.get(("sections", 0, "items", 0, "lead")) == "新的要点句"


def test_redo_does_the_step_again(examples: Path):
    session = SheetSession(examples / LINYI)
    session.delete(("sections", 1))
    after = session.snapshot()
    session.history.undo()
    step = session.history.redo()
    assert step.label == "删除小节"
    assert session.snapshot() == after
    assert not session.history.can_redo


def test_a_new_step_forgets_what_could_be_redone(examples: Path):
    session = SheetSession(examples / LINYI)
    session.delete(("sections", 1))
    session.history.undo()
    session.add_section()
    assert not session.history.can_redo


def test_undo_after_save_makes_the_file_dirty_again_and_saves_back(examples: Path):
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")
    session = SheetSession(sheet)
    session.delete(("sections", 0, "items", 2))
    assert session.save()
    assert sheet.read_text(encoding="utf-8") != before
    session.history.undo()
    assert session.dirty
    assert session.save()
    assert sheet.read_text(encoding="utf-8") == before


def test_a_quick_fix_inside_a_step_is_undoable(examples: Path):
    session = SheetSession(examples / LINYI)
    key = ("sections", 0, "items", 0, "lead")
    old = session.get(key)
    with session.history.step("应用建议", focus=key):
        session.set(key, "改好的文字")
    session.set(("wenhao",), "临科函字〔2024〕7号")  # outside a step: typing, not recorded
    step = session.history.undo()
    assert (step.label, step.focus) == ("应用建议", key)
    assert session.get(key) == old
    assert session.get(("wenhao",)) == "临科函字〔2024〕7号"


def test_a_step_that_changed_nothing_is_not_kept(examples: Path):
    session = SheetSession(examples / LINYI)
    session.move(("sections", 0), -1)  # already first
    assert not session.history.can_undo


def test_undo_restores_a_shorthand_section(tmp_path: Path):
    shutil.copy(REPO / "examples/临沂市科技局/profile.yaml", tmp_path / "profile.yaml")
    sheet = tmp_path / "a.yaml"
    sheet.write_text("kind: 政协提案\nproposal_title: 标题\nproposers: [赵洁]\nsections:\n  - 工作情况\n", encoding="utf-8")
    session = SheetSession(sheet)
    session.add_item(("sections", 0))
    session.history.undo()
    assert session.get(("sections",)) == ["工作情况"]
    assert not session.dirty


def test_after_a_delete_the_cursor_goes_to_the_previous_sibling_or_the_parent(examples: Path):
    session = SheetSession(examples / LINYI)
    assert session.delete(("sections", 0, "items", 2)) == ("sections", 0, "items", 1)
    assert session.delete(("sections", 0, "items", 0)) == ("sections", 0)
    assert session.delete(("sections", 0)) is None


def test_changes_from_disk_forget_the_history(examples: Path):
    sheet = examples / LINYI
    session = SheetSession(sheet)
    session.delete(("sections", 0, "items", 0))
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("专精特新", "专精特新企业", 1), encoding="utf-8")
    assert session.rebase() == []
    assert not session.history.can_undo
    session.delete(("sections", 0, "items", 0))
    session.discard()
    assert not session.history.can_undo
