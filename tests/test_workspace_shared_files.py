"""The workspace finds and checks a sheet's profile and facts library; the TUI only asks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.sheets.load import Loader
from drafter.workspace.paths import linked_file, nearest_file, new_facts_home, office_folders
from drafter.workspace.validate import validate

PROFILE = "name: 临沂市科学技术局\nshort_name: 市科技局\ncity: 临沂市\nwenhao_prefix: 临科函字\n"


def _office(root: Path) -> Path:
    unit = root / "科技局"
    unit.mkdir(parents=True)
    (unit / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (unit / "facts.yaml").write_text("figures: {}\n", encoding="utf-8")
    return unit


def test_a_sheet_uses_the_nearest_profile_and_facts_upward(tmp_path: Path):
    unit = _office(tmp_path)
    sub = unit / "2024"
    sub.mkdir()
    sheet = sub / "069.yaml"
    assert linked_file(sheet, {"kind": "政协提案"}, "profile") == unit / "profile.yaml"
    assert linked_file(sheet, {"kind": "政协提案"}, "facts") == unit / "facts.yaml"


def test_a_sheet_naming_its_files_uses_those(tmp_path: Path):
    unit = _office(tmp_path)
    (unit / "other-facts.yaml").write_text("figures: {}\n", encoding="utf-8")
    sheet = unit / "069.yaml"
    assert linked_file(sheet, {"facts": "other-facts.yaml"}, "facts") == unit / "other-facts.yaml"
    assert linked_file(sheet, {"facts": "missing.yaml"}, "facts") is None  # not there yet: none


def test_no_profile_anywhere_is_none(tmp_path: Path):
    (tmp_path / ".git").mkdir()  # the search stops at the repository's root
    assert linked_file(tmp_path / "069.yaml", {}, "profile") is None
    assert nearest_file("profile", tmp_path, tmp_path) is None


def test_a_named_file_outside_the_workspace_is_refused_naming_the_field(tmp_path: Path):
    root = tmp_path / "work"
    (root / ".git").mkdir(parents=True)
    unit = _office(root)
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("figures: {}\n", encoding="utf-8")
    sheet = unit / "069.yaml"
    with pytest.raises(InputError) as caught:
        linked_file(sheet, {"facts": "../../elsewhere.yaml"}, "facts")
    assert "工作区之外" in caught.value.message
    assert caught.value.where.field == "facts"


def test_the_list_finds_the_library_serving_a_folder_or_the_workspace_top(tmp_path: Path):
    unit = _office(tmp_path)
    assert nearest_file("facts", unit / "2024", tmp_path) == unit / "facts.yaml"
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    other = tmp_path / "其他" / "x"
    other.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    assert nearest_file("profile", other, tmp_path) == tmp_path / "profile.yaml"


def test_a_new_facts_library_goes_beside_the_profile_named_after_the_bureau(tmp_path: Path):
    unit = _office(tmp_path)
    assert new_facts_home(unit, tmp_path, Loader()) == (unit, "临沂市科学技术局事实库")
    (tmp_path / ".git").mkdir()
    bare = tmp_path / "无单位"
    bare.mkdir()
    assert new_facts_home(bare, tmp_path, Loader()) == (tmp_path, "事实库")


def test_new_sheets_may_go_to_the_workspace_or_any_office_folder_but_hidden_ones(tmp_path: Path):
    unit = _office(tmp_path)
    hidden = tmp_path / ".drafts"
    hidden.mkdir()
    (hidden / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    assert office_folders(tmp_path) == [tmp_path, unit]


def test_profile_problems_name_their_field(tmp_path: Path):
    path = tmp_path / "profile.yaml"
    assert validate("profile", PROFILE, path) == []
    problems = validate("profile", PROFILE + "letterhead: 也许\n", path)
    assert [p.key for p in problems] == [("letterhead",)]


def test_facts_problems_name_their_field_and_unreadable_text_is_one_problem(tmp_path: Path):
    path = tmp_path / "facts.yaml"
    assert validate("facts", "figures:\n  企业数: {value: '12', unit: 家}\n", path) == []
    bad = validate("facts", "figures:\n  企业数: {value: '12', as_of: 明年}\n", path)
    assert bad and bad[0].key[:2] == ("figures", "企业数")
    broken = validate("facts", "figures: [\n", path)
    assert len(broken) == 1 and broken[0].blocking and broken[0].line
