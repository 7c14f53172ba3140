"""Editing sessions: plain data in, minimal-diff text out, problems keyed by field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.workspace.datapath import get_at, parse_dotted, set_at
from drafter.workspace.freshness import Freshness
from drafter.workspace.listing import assess, scan, sort_rows
from drafter.workspace.session import SheetSession, analyse_text

REPO = Path(__file__).resolve().parents[1]
LINYI = "临沂市科技局/000-赵洁-专精特新.yaml"


def test_dotted_paths():
    assert parse_dotted("sections[0].items[1].text") == ("sections", 0, "items", 1, "text")
    assert parse_dotted("") == ()
    data = {"sections": [{"items": ["一", {"text": "二"}]}]}
    assert get_at(data, ("sections", 0, "items", 1, "text")) == "二"
    assert get_at(data, ("sections", 5), "无") == "无"
    set_at(data, ("contact", "name"), "李明")
    assert data["contact"] == {"name": "李明"}


def test_session_change_and_save_changes_one_line(examples: Path):
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")
    session = SheetSession(sheet)
    assert not session.dirty
    assert session.text() == before  # nothing changed: the file's own text
    session.set(("wenhao",), "临科函字〔2024〕7号")
    assert session.dirty
    analysis = session.analyse()
    assert analysis.ok
    assert any("临科函字〔2024〕7号" in b.text for b in analysis.blocks)
    assert session.save()
    after = sheet.read_text(encoding="utf-8")
    assert [a for a, b in zip(before.splitlines(), after.splitlines()) if a != b] == ["wenhao: 临科函字〔2024〕4号"]
    assert not session.dirty


def test_problems_carry_the_field_path(examples: Path):
    session = SheetSession(examples / LINYI)
    session.set(("date",), "2024-02-30")
    session.set(("sections", 0, "items", 1, "text"), "引用了不存在的数据{{ facts.没有这个 }}")
    analysis = session.analyse(check=False)
    assert not analysis.ok
    keys = {p.key for p in analysis.errors}
    assert ("date",) in keys
    date_error = next(p for p in analysis.errors if p.key == ("date",))
    assert "不存在" in date_error.message
    session.set(("date",), "2024-06-18")
    analysis = session.analyse(check=False)
    assert [p.key for p in analysis.errors] == [("sections", 0, "items", 1, "text")]


def test_missing_required_field_is_keyed_to_it(tmp_path: Path):
    shutil.copy(REPO / "examples/临沂市科技局/profile.yaml", tmp_path / "profile.yaml")
    sheet = tmp_path / "a.yaml"
    sheet.write_text("kind: 政协提案\nproposers: [赵洁]\n", encoding="utf-8")
    analysis = SheetSession(sheet).analyse(check=False)
    assert ("proposal_title",) in {p.key for p in analysis.errors}


def test_outline_add_move_remove(examples: Path):
    session = SheetSession(examples / LINYI)
    outline = session.outline()
    assert outline[0] == (("sections", 0), "section")
    assert (("sections", 0, "items", 3), "item") in outline
    key = session.add_item(("sections", 0))
    assert key == ("sections", 0, "items", 4)
    assert session.get(key) == {"lead": "", "text": ""}
    moved = session.move(key, -1)
    assert moved == ("sections", 0, "items", 3)
    assert session.move(("sections", 0), -1) == ("sections", 0)  # already first
    new = session.add_section(after=("sections", 0))
    assert new == ("sections", 1)
    sub = session.add_section(child_of=("sections", 1))
    assert sub == ("sections", 1, "sections", 0)
    session.remove(("sections", 1))
    assert session.get(("sections", 1, "heading")) == "下步工作思路"


def test_shorthand_entries_expand_when_edited(tmp_path: Path):
    shutil.copy(REPO / "examples/临沂市科技局/profile.yaml", tmp_path / "profile.yaml")
    sheet = tmp_path / "a.yaml"
    sheet.write_text("kind: 政协提案\nproposal_title: 标题\nproposers: [赵洁]\nsections:\n  - 工作情况\n", encoding="utf-8")
    session = SheetSession(sheet)
    session.add_item(("sections", 0))
    assert session.get(("sections", 0)) == {"heading": "工作情况", "items": [{"lead": "", "text": ""}]}




def test_list_rows_and_assessment(examples: Path):
    rows = scan(examples)
    by_number = {r.number: r for r in rows}
    row = by_number["069"]
    assert row.proposers == "赵洁" and row.kind == "提案" and row.date == "2024-06-18"
    assert row.matches("赵洁 069") and not row.matches("王亮")
    from drafter.sheets.load import Loader

    assess(row, Loader())
    assert row.errors == 0 and row.docx is Freshness.MISSING
    numbers = [r.number for r in sort_rows(rows, "number")]
    assert numbers.index("069") < numbers.index("203") < numbers.index("313")
    dated = [r.date for r in sort_rows(rows, "date") if r.date]
    assert dated == sorted(dated, reverse=True)


def test_broken_sheet_row(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("kind: 政协提案\nproposal_title: [未闭合\n", encoding="utf-8")
    rows = scan(tmp_path)
    assert rows[0].broken and "无法读取" in rows[0].title


def test_freshness_follows_generation(examples: Path):
    from drafter.sheets.load import Loader
    from drafter.workspace.generate import freshness, generate

    sheet = examples / LINYI
    loader = Loader()
    analysis = analyse_text(sheet.read_text(encoding="utf-8"), sheet, loader, check=False)
    assert freshness(analysis) is Freshness.MISSING
    done = generate(analysis)
    assert done.written and done.path == sheet.with_suffix(".docx")
    assert freshness(analysis) is Freshness.CURRENT
    assert not generate(analysis).written  # same bytes: untouched
    session = SheetSession(sheet, loader)
    session.set(("wenhao",), "临科函字〔2024〕8号")
    assert freshness(session.analyse(check=False)) is Freshness.STALE


def test_generate_refuses_with_errors(examples: Path):
    from drafter.workspace.generate import NotReady, generate

    session = SheetSession(examples / LINYI)
    session.set(("date",), "2024-13-01")
    with pytest.raises(NotReady):
        generate(session.analyse(check=False))


def test_only_a_current_or_word_finished_docx_makes_a_reply_generated():
    from drafter.workspace.progress import DRAFTING, GENERATED, Progress

    drafted = Progress(assigned=None, due=None, answered=None, submitted=None, body=True)
    assert {f: drafted.status(f) for f in Freshness} == {
        Freshness.CURRENT: GENERATED, Freshness.EDITED: GENERATED, Freshness.STALE: DRAFTING,
        Freshness.FOREIGN: DRAFTING, Freshness.MISSING: DRAFTING, Freshness.FAILED: DRAFTING}
    assert drafted.status(None) == DRAFTING  # not looked at yet
    assert [f.label for f in Freshness] == ["最新", "待更新", "Word改过", "非本工具", "未生成", "无法生成"]
