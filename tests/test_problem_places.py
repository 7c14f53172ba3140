"""Problems as a clerk reads them: where (in the reply's own numbering), what to do (a 建议), and a
checker defect that shows as a problem instead of passing for "no problems"."""

from __future__ import annotations

from pathlib import Path

from drafter.checker.places import place
from drafter.compose.render import compose
from drafter.model.schema import field_at
from drafter.sheets.load import Loader
from drafter.workspace.session import CHECKER_CRASH, SheetSession
from test_check_support import CLEAN_BODY, check_sheet, line_of, sheet

LINYI = "临沂市科技局/000-赵洁-专精特新.yaml"

# What `s` (add a section) leaves in the sheet before the clerk types anything.
NEW_SECTION = '  - heading: ""\n    items:\n      - lead: ""\n        text: ""\n'


# ---- empty items and sections -------------------------------------------------------------------

def test_a_new_empty_section_is_not_printed_and_is_flagged_with_a_suggestion(tmp_path):
    """What `s` creates prints nothing (no bare 一是, no 二、 without a heading) and `drafter check`
    says where it is and what to do."""
    body = CLEAN_BODY.replace("  - heading: 下一步打算\n", NEW_SECTION + "  - heading: 下一步打算\n")
    path = sheet(tmp_path, body)
    reply = Loader().load(path)
    blocks = compose(reply)
    assert [b.prefix for b in blocks if b.kind.value == "heading"] == ["一、", "二、"]  # 下一步打算 stays 二、
    assert not any(b.text.strip() in ("一是", "") and b.kind.value == "item" for b in blocks)
    [empty] = check_sheet(path)
    assert (empty.rule, empty.key, empty.removes) == ("numbering.empty", ("sections", 1), True)
    assert empty.line == line_of(path, 'heading: ""')
    assert "（建议：删去这个空小节" in empty.format()
    assert empty.format().startswith(f"{path}:{empty.line}:")


def test_an_empty_item_in_a_written_section_gets_a_suggestion_and_the_next_item_moves_up(tmp_path):
    body = CLEAN_BODY.replace("      - lead: 深化产学研合作。", '      - lead: ""\n        text: ""\n'
                              "      - lead: 深化产学研合作。")
    path = sheet(tmp_path, body)
    items = [b.prefix for b in compose(Loader().load(path)) if b.kind.value == "item"]
    assert items[:2] == ["一是", "二是"]
    [empty] = check_sheet(path)
    assert empty.key == ("sections", 0, "items", 1) and empty.removes
    assert "建议：删去这个空要点" in empty.format()


def test_check_cli_prints_the_suggestion_for_an_empty_item(tmp_path):
    from conftest import run_drafter

    body = CLEAN_BODY.replace("  - heading: 下一步打算\n", NEW_SECTION + "  - heading: 下一步打算\n")
    path = sheet(tmp_path, body)
    done = run_drafter("check", path)
    line = line_of(path, 'heading: ""')
    assert f"{path}:{line}:" in done.stdout
    assert "numbering.empty" in done.stdout and "建议：删去这个空小节" in done.stdout


# ---- locations ------------------------------------------------------------------------------------

def test_locations_read_in_the_replys_own_numbering(examples: Path):
    data = SheetSession(examples / LINYI).data
    assert place(data, ("sections", 0, "items", 1, "lead")) == "正文·一、工作开展情况·二是深化产学研协同创新。·要点句"
    assert place(data, ("sections", 1, "heading")) == "正文·二、下步工作思路·小节标题"
    assert place(data, ("date",)) == "答复日期"
    assert place(data, ("contact", "phone")) == "联系电话"


def test_locations_skip_what_is_not_printed():
    data = {"sections": [
        {"heading": "", "items": [{"lead": "", "text": ""}]},                      # not printed
        {"heading": "工作情况", "items": [{"lead": ""}, {"lead": "加强投入。"}, {"text": "开展对接活动。"}]},
        {"heading": "附：说明", "numbered": "否"},
        {"heading": "下一步", "sections": [{"heading": "强化培育"}]},
    ]}
    assert place(data, ("sections", 0, "heading")) == "正文·第1个小节（无标题）·小节标题"
    assert place(data, ("sections", 1, "items", 1, "text")) == "正文·一、工作情况·一是加强投入。·展开文字"
    assert place(data, ("sections", 1, "items", 2)) == "正文·一、工作情况·二是开展对接活动。"
    assert place(data, ("sections", 1, "items", 0)) == "正文·一、工作情况·第1个要点（空）"
    assert place(data, ("sections", 2, "heading")) == "正文·附：说明·小节标题"
    assert place(data, ("sections", 3, "sections", 0, "heading")) == "正文·二、下一步·（一）强化培育·小节标题"


def test_problems_of_a_session_carry_their_location(examples: Path):
    session = SheetSession(examples / LINYI)
    analysis = session.analyse()
    doubled = next(p for p in analysis.findings if p.rule == "doubled-word.repeat")
    assert doubled.place == "正文·二、下步工作思路·二是引育集聚高水平科技人才。·展开文字"
    session.set(("date",), "2024-02-30")
    [error] = session.analyse().errors
    assert error.place == "答复日期"


# ---- one place for a field's words -----------------------------------------------------------------

def test_a_fields_words_come_from_the_schema(examples: Path):
    """The form row, the error message and the location use the schema's label."""
    from drafter.tui import fields as F

    for spec in F.BASIC + F.OPENING + F.OTHER:
        assert spec.label == field_at(spec.key).label
    for spec in F.item_specs(("sections", 0, "items", 0)) + F.section_specs(("sections", 0)):
        assert spec.label == field_at(spec.key).label
    session = SheetSession(examples / LINYI)
    session.remove(("proposers",))
    [error] = session.analyse().errors
    assert f"（{field_at(('proposers',)).label}）" in error.message
    assert F.PROFILE[0].label == field_at(("name",), "profile").label


def test_handling_schemes_show_chinese_names_and_the_default_once():
    from drafter.model.handling_types import DEFAULT_SCHEME, SCHEME_NAMES
    from drafter.tui import fields as F

    [scheme] = [s for s in F.PROFILE if s.key == ("handling_types", "scheme")]
    shown = [label for label, _ in scheme.choices] + [scheme.blank]
    assert not any("-" in label for label in shown)  # no national-abcd, zj-abc…
    assert scheme.blank == f"{SCHEME_NAMES[DEFAULT_SCHEME]}（默认）"
    assert sum(SCHEME_NAMES[DEFAULT_SCHEME] in label for label in shown) == 1


# ---- a checker defect ------------------------------------------------------------------------------

def test_a_checker_crash_is_a_problem_naming_the_log(examples: Path, tmp_path, monkeypatch):
    import drafter.checker as checker

    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path / "logs"))

    def broken(reply, blocks=None, **kw):
        raise ZeroDivisionError("a defect")

    monkeypatch.setattr(checker, "check_reply", broken)
    session = SheetSession(examples / LINYI)
    analysis = session.analyse()
    [crash] = analysis.findings
    assert crash.rule == CHECKER_CRASH and crash.message.startswith("检查器出错")
    [log] = (tmp_path / "logs").glob("*.log")
    assert str(log) in crash.message and "ZeroDivisionError" in log.read_text(encoding="utf-8")
    assert analysis.ok  # the Word file can still be made: only the proofreading failed
    session.analyse()  # the editor checks again at every pause in typing: the same failure, the same log
    assert list((tmp_path / "logs").glob("*.log")) == [log]


def test_the_readme_lists_the_sheet_fields_as_the_schema_names_them():
    from drafter.model.schema import field_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- fields:sheet -->\n", 1)[1].split("\n<!-- /fields:sheet -->", 1)[0]
    assert block == field_table(), "README's field table is stale: python -m drafter.model.schema"


def test_check_json_carries_the_suggestion_and_whether_it_removes_the_field(tmp_path):
    import json

    from conftest import run_drafter

    body = CLEAN_BODY.replace("  - heading: 下一步打算\n", NEW_SECTION + "  - heading: 下一步打算\n")
    path = sheet(tmp_path, body)
    [empty] = json.loads(run_drafter("check", "--format", "json", path).stdout)["findings"]
    assert (empty["rule"], empty["key"], empty["removes"]) == ("numbering.empty", ["sections", 1], True)
    assert empty["advice"].startswith("删去这个空小节")
