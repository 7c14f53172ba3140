"""Facts library helpers: names, citing sheets, renames that touch only the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.sheets.edit import EditError, rename_key
from drafter.sheets.yamlio import load_yaml
from drafter.workspace.facts import check_name, cites, citing_sheets
from drafter.workspace.session import SheetSession

LIB = """title: 事实库
figures:
  # 上半年
  企业数:
    value: "12"
    unit: 家
passages:
  总述:
    text: 一段话。
"""


def test_names_follow_the_facts_schema_and_are_unique():
    data = load_yaml(LIB).data
    assert check_name("新认定企业数", data) is None
    assert "只能含汉字" in check_name("2024年数", data)
    assert "只能含汉字" in check_name("企业 数", data)
    assert "只能含汉字" in check_name("_私有", data)
    assert "保留字" in check_name("if", data)
    assert "已有同名的段落" in check_name("总述", data)  # unique across figures and passages
    assert check_name("企业数", data, old="企业数") is None


def test_cites_looks_inside_template_expressions_only():
    assert cites("text: 共{{ facts.企业数 }}。", "企业数")
    assert cites("text: '{{ facts[\"企业数\"] }}'", "企业数")
    assert not cites("text: 共{{ facts.企业数目 }}。", "企业数")
    assert not cites("facts: facts.yaml", "yaml")


def test_citing_sheets_only_counts_sheets_on_this_library(tmp_path: Path):
    for unit in ("a", "b"):
        (tmp_path / unit).mkdir()
        (tmp_path / unit / "facts.yaml").write_text(LIB, encoding="utf-8")
        (tmp_path / unit / "001.yaml").write_text(
            "kind: 政协提案\nproposers: [赵洁]\nintro: 共{{ facts.企业数 }}。\n", encoding="utf-8")
    found = citing_sheets(tmp_path / "a" / "facts.yaml", "企业数", tmp_path)
    assert found == [tmp_path / "a" / "001.yaml"]
    unsaved = {tmp_path / "a" / "001.yaml": "kind: 政协提案\nproposers: [赵洁]\nintro: 没有引用。\n"}
    assert citing_sheets(tmp_path / "a" / "facts.yaml", "企业数", tmp_path, texts=unsaved) == []


def test_rename_in_text_and_session_save(tmp_path: Path):
    assert rename_key(LIB, ("figures", "企业数"), "入库企业数") == LIB.replace("  企业数:", "  入库企业数:")
    with pytest.raises(EditError):
        rename_key(LIB, ("figures", "没有"), "x")
    path = tmp_path / "facts.yaml"
    path.write_text(LIB, encoding="utf-8")
    session = SheetSession(path)
    key = session.rename_key(("figures", "企业数"), "入库企业数")
    session.set(key + ("value",), "13")
    session.set(("passages", "新段"), {"text": "又一段。"})
    assert session.save()
    assert path.read_text(encoding="utf-8") == LIB.replace("  企业数:", "  入库企业数:").replace(
        'value: "12"', 'value: "13"') + "  新段:\n    text: 又一段。\n"
    assert session.renames == [] and not session.dirty
