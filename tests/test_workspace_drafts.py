"""Crash-safe drafts beside the sheet."""

from __future__ import annotations

from pathlib import Path

from drafter.sheets.load import find_sheets
from drafter.workspace.drafts import DraftKeeper, discard_draft, draft_path, find_drafts, read_draft, sheet_of


def _sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "临沂市科技局" / "069-赵洁-专精特新.yaml"
    sheet.parent.mkdir()
    sheet.write_text("kind: 政协提案\nproposal_title: 旧标题\n", encoding="utf-8")
    return sheet


def test_draft_name_is_hidden_beside_the_sheet(tmp_path: Path):
    sheet = _sheet(tmp_path)
    assert draft_path(sheet) == sheet.parent / ".069-赵洁-专精特新.yaml.draft"
    assert sheet_of(draft_path(sheet)) == sheet
    assert sheet_of(sheet) is None


def test_keeper_writes_only_changes_and_removes_on_clean(tmp_path: Path):
    sheet = _sheet(tmp_path)
    keeper = DraftKeeper(sheet)
    assert keeper.keep("kind: 政协提案\nproposal_title: 新标题\n")
    assert not keeper.keep("kind: 政协提案\nproposal_title: 新标题\n")  # same text: no write
    assert draft_path(sheet).read_text(encoding="utf-8").endswith("新标题\n")
    assert find_sheets(tmp_path) == [sheet]  # a draft is never taken for a sheet
    assert keeper.keep(None)  # saved: nothing unsaved any more
    assert not draft_path(sheet).exists()


def test_find_and_read_drafts(tmp_path: Path):
    sheet = _sheet(tmp_path)
    DraftKeeper(sheet).keep("kind: 政协提案\nproposal_title: 新标题\n")
    drafts = find_drafts(tmp_path)
    assert [d.sheet for d in drafts] == [sheet]
    assert "新标题" in drafts[0].text
    assert drafts[0].when[:2] == "20"
    discard_draft(sheet)
    assert find_drafts(tmp_path) == []


def test_a_draft_equal_to_the_file_is_dropped(tmp_path: Path):
    sheet = _sheet(tmp_path)
    draft_path(sheet).write_text(sheet.read_text(encoding="utf-8"), encoding="utf-8")
    assert read_draft(sheet) is None
    assert not draft_path(sheet).exists()


def test_a_draft_without_its_sheet_is_not_offered(tmp_path: Path):
    sheet = _sheet(tmp_path)
    DraftKeeper(sheet).keep("kind: 人大建议\n")
    sheet.unlink()
    assert find_drafts(tmp_path) == []
