"""Saving beside git: a file that changed on disk while it was open is merged into, never overwritten.

Each test opens a file, changes it "on disk" the way `git pull` would (a new file put in its place),
and saves the clerk's edits.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from drafter.sheets.merge import BOTH, MINE, THEIRS
from drafter.sheets.yamlio import load_yaml
from drafter.workspace.drafts import DraftKeeper, base_path, draft_path, read_draft
from drafter.workspace.session import SheetSession
from drafter.workspace.watch import FileWatch, FolderWatch

REPO = Path(__file__).resolve().parents[1]
LINYI = "临沂市科技局/000-赵洁-专精特新.yaml"


def pull(path: Path, old: str, new: str) -> str:
    """Replace old by new in the file, as a checkout does (a new file renamed over the old one)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text.replace(old, new), encoding="utf-8")
    os.replace(tmp, path)
    return path.read_text(encoding="utf-8")


@pytest.fixture
def sheet(examples: Path) -> Path:
    return examples / LINYI


def test_save_keeps_a_change_that_arrived_on_disk(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    pulled = pull(sheet, 'number: "069"', 'number: "070"')
    assert session.disk_changed()
    result = session.save()
    assert result.written and result.merged and not result.conflicts
    assert sheet.read_text(encoding="utf-8") == pulled.replace("〔2024〕4号", "〔2024〕7号")
    assert not session.dirty and not session.disk_changed()


def test_same_field_on_both_sides_writes_nothing_until_the_clerk_decides(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    pulled = pull(sheet, "〔2024〕4号", "〔2024〕9号")
    result = session.save()
    assert not result.written and [(c.path, c.mine, c.theirs) for c in result.conflicts] == [
        (("wenhao",), "临科函字〔2024〕7号", "临科函字〔2024〕9号")]
    assert sheet.read_text(encoding="utf-8") == pulled and session.dirty
    assert session.resolve({result.conflicts[0].id: THEIRS}).written is False  # the disk already says so
    assert sheet.read_text(encoding="utf-8") == pulled and not session.dirty


@pytest.mark.parametrize("choice, expected", [(MINE, "临科函字〔2024〕7号"), (THEIRS, "临科函字〔2024〕9号"),
                                              (BOTH, "临科函字〔2024〕7号\n临科函字〔2024〕9号")])
def test_each_choice_is_what_gets_saved(sheet: Path, choice: str, expected: str):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    session.set(("number",), "071")
    pull(sheet, "〔2024〕4号", "〔2024〕9号")
    [conflict] = session.save().conflicts
    assert session.resolve({conflict.id: choice}).conflicts == []
    saved = load_yaml(sheet.read_text(encoding="utf-8")).data
    assert saved["wenhao"] == expected and saved["number"] == "071"


def test_a_change_keeping_size_and_mtime_is_still_found_at_save(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    st = sheet.stat()
    text = sheet.read_text(encoding="utf-8").replace('"069"', '"070"')  # same length
    sheet.write_text(text, encoding="utf-8")
    os.utime(sheet, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert sheet.stat().st_size == st.st_size
    assert session.save().merged
    assert load_yaml(sheet.read_text(encoding="utf-8")).data["number"] == "070"


def test_a_file_deleted_on_disk_is_written_again_only_if_the_clerk_says_so(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    sheet.unlink()
    result = session.save()
    assert result.gone and [c.path for c in result.conflicts] == [()] and not sheet.exists()
    assert not session.resolve({(): THEIRS}).written and not sheet.exists()
    assert session.resolve({(): MINE}).written
    assert load_yaml(sheet.read_text(encoding="utf-8")).data["wenhao"] == "临科函字〔2024〕7号"


def test_a_file_left_unreadable_on_disk_is_not_overwritten_without_asking(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    broken = pull(sheet, 'number: "069"', '<<<<<<< HEAD\nnumber: "069"\n=======\nnumber: "070"\n>>>>>>> origin')
    result = session.save()
    assert result.unreadable and [c.path for c in result.conflicts] == [()]
    assert sheet.read_text(encoding="utf-8") == broken
    assert session.resolve({(): MINE}).written
    assert load_yaml(sheet.read_text(encoding="utf-8")).data["wenhao"] == "临科函字〔2024〕7号"


def test_rebase_takes_the_disks_changes_into_the_open_session_without_writing(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    pulled = pull(sheet, 'number: "069"', 'number: "070"')
    assert session.rebase() == []
    assert session.get(("number",)) == "070" and session.get(("wenhao",)) == "临科函字〔2024〕7号"
    assert session.disk_text == pulled and sheet.read_text(encoding="utf-8") == pulled
    assert not session.disk_changed() and session.dirty


def test_facts_library_rename_and_a_value_changed_on_disk_are_both_kept(examples: Path):
    facts = examples / "临沂市科技局/facts.yaml"
    session = SheetSession(facts)
    session.rename_key(("figures", "高新技术企业数"), "高企数")
    session.set(("figures", "产业服务团数", "unit"), "个")
    pulled = pull(facts, 'value: "2104"', 'value: "2200"')
    result = session.save()
    assert result.written and not result.conflicts
    assert facts.read_text(encoding="utf-8") == pulled.replace("  高新技术企业数:", "  高企数:").replace(
        "    value: \"77\"\n    unit: 支", "    value: \"77\"\n    unit: 个")


def test_profile_edit_and_a_pull_are_both_kept(examples: Path):
    profile = examples / "临沂市科技局/profile.yaml"
    session = SheetSession(profile)
    session.set(("short_name",), "科技局")
    text = profile.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.startswith("city:"))
    pulled = pull(profile, line, "city: 临沂")
    assert session.save().merged
    assert load_yaml(profile.read_text(encoding="utf-8")).data["city"] == "临沂"
    assert load_yaml(profile.read_text(encoding="utf-8")).data["short_name"] == "科技局"
    assert len(pulled.splitlines()) == len(profile.read_text(encoding="utf-8").splitlines())


# --- drafts -------------------------------------------------------------------------------------

def test_a_draft_keeps_the_text_it_was_edited_from(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    keeper = DraftKeeper(sheet)
    keeper.keep(session.text(), session.disk_text)
    assert base_path(sheet).read_text(encoding="utf-8") == session.disk_text
    assert read_draft(sheet).base == session.disk_text
    keeper.keep(None)
    assert not draft_path(sheet).exists() and not base_path(sheet).exists()


def test_a_recovered_draft_merges_with_what_arrived_on_disk_after_the_crash(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    DraftKeeper(sheet).keep(session.text(), session.disk_text)
    del session  # the workbench crashed
    pulled = pull(sheet, 'number: "069"', 'number: "070"')
    draft = read_draft(sheet)
    recovered = SheetSession(sheet)
    recovered.restore(draft.text, draft.base)
    assert recovered.dirty and recovered.disk_changed()
    assert recovered.save().merged
    assert sheet.read_text(encoding="utf-8") == pulled.replace("〔2024〕4号", "〔2024〕7号")


def test_a_draft_without_its_base_asks_about_every_difference(sheet: Path):
    session = SheetSession(sheet)
    session.set(("wenhao",), "临科函字〔2024〕7号")
    draft_path(sheet).write_text(session.text(), encoding="utf-8")  # as an older drafter wrote it
    pull(sheet, 'number: "069"', 'number: "070"')
    draft = read_draft(sheet)
    assert draft.base is None
    recovered = SheetSession(sheet)
    recovered.restore(draft.text, draft.base)
    result = recovered.save()
    assert {c.path for c in result.conflicts} == {("wenhao",), ("number",)}


# --- noticing changes ---------------------------------------------------------------------------

def test_file_watch_reads_only_when_the_stat_moves_and_counts_content_only(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_text("kind: 政协提案\n", encoding="utf-8")
    old = time.time() - 3600
    os.utime(path, (old, old))
    watch = FileWatch(path)
    first = watch.current()
    path.write_text("kind: 人大建议\n", encoding="utf-8")
    assert watch.current() != first
    os.utime(path, (old + 5, old + 5))  # touched: the stat moved, the content did not
    second = watch.current()
    assert watch.current() == second
    path.write_bytes("kind: 人大建议\r\n".encode("utf-8"))  # newlines only: same text
    assert watch.current() == second


def test_a_second_write_within_the_same_clock_tick_is_noticed(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_text("kind: 政协提案\n", encoding="utf-8")
    watch = FileWatch(path)
    first = watch.current()
    st = path.stat()
    path.write_text("kind: 人大建议\n", encoding="utf-8")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime: only the content tells
    assert watch.current() != first


def test_folder_watch_reports_changed_added_and_removed_files(examples: Path):
    watch = FolderWatch(examples)
    assert watch.poll() == set()
    sheet = examples / LINYI
    pull(sheet, 'number: "069"', 'number: "070"')
    new = examples / "临沂市科技局/001-新.yaml"
    shutil.copy(sheet, new)
    (examples / "临沂市科技局/facts.yaml").unlink()
    assert watch.poll() == {sheet, new, examples / "临沂市科技局/facts.yaml"}
    os.utime(sheet)
    assert watch.poll() == set()
