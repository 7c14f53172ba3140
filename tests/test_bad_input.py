"""Bad input gets a clear Chinese message naming the file, line and field; exit code 2; no
traceback; and no output file is created or changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_drafter
from tests.replies import SHEET, write_workspace


def render_broken(tmp_path: Path, sheet_text: str | None = None, *, raw: bytes | None = None,
                  template: str | None = None, facts: str | None = None):
    """Write a workspace whose sheet is broken, with an existing reply.docx beside it; render."""
    kwargs = {} if facts is None else {"facts": facts}
    sheet = write_workspace(tmp_path, sheet=sheet_text or SHEET, **kwargs)
    if raw is not None:
        sheet.write_bytes(raw)
    if template is not None:
        (tmp_path / "custom.j2").write_text(template, encoding="utf-8")
    before = b"previous reply"
    out = tmp_path / "reply.docx"
    out.write_bytes(before)
    fresh = tmp_path / "fresh.docx"
    r1 = run_drafter("render", sheet, "-o", out)
    r2 = run_drafter("render", sheet, "-o", fresh)
    assert out.read_bytes() == before, "an existing file was changed"
    assert not fresh.exists(), "a new file was created"
    assert not list(tmp_path.glob(".*.tmp")), "a temporary file was left behind"
    for r in (r1, r2):
        assert r.returncode == 2, r.stderr
        assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    return r1.stderr


def test_broken_yaml_names_the_line(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("proposers: [赵洁]", "proposers: [赵洁"))
    assert "reply.yaml:" in msg and "错误" in msg


def test_a_tab_in_the_indentation_is_named_as_such(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("    items:", "\titems:"))
    assert "reply.yaml:12:" in msg and "制表符" in msg


def test_a_colon_inside_a_value_says_to_quote_it(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("intro: 近年来，", "intro: 近年来: "))
    assert "reply.yaml:9:" in msg and "引号" in msg


def test_unknown_key_suggests_the_right_one(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("proposal_title:", "proposal_titel:"))
    assert "reply.yaml:4:1:" in msg and "未知字段“proposal_titel”" in msg and "proposal_title" in msg


def test_missing_required_field_is_named(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("proposers: [赵洁]\n", ""))
    assert "缺少必填字段“proposers”" in msg and "提出人" in msg


def test_wrong_type_names_the_field_and_what_it_should_be(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("intro: 近年来，市科技局持续优化科技创新环境，汇集科技创新资源。",
                                                "intro: {text: 近年来}"))
    assert "reply.yaml:9:" in msg and "字段“intro”" in msg and "应为一段文字" in msg


def test_a_wrong_choice_lists_the_valid_ones(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("kind: 政协提案", "kind: 政协议案"))
    assert "reply.yaml:1:" in msg and "政协提案、人大建议" in msg


@pytest.mark.parametrize("bad", ["2024-02-30", "2024-13-01", "2024年6月31日", "明天"])
def test_an_impossible_date_is_rejected(tmp_path, bad):
    msg = render_broken(tmp_path, SHEET.replace("date: 2024-06-18", f"date: {bad}"))
    assert "reply.yaml:8:" in msg and "字段“date”" in msg and bad in msg


def test_a_gbk_file_is_named_and_the_fix_explained(tmp_path):
    msg = render_broken(tmp_path, raw=SHEET.encode("gbk"))
    assert "GBK" in msg and "UTF-8" in msg and "另存为" in msg


def test_control_characters_word_cannot_store_are_refused(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace('intro: 近年来，市科技局持续优化科技创新环境，汇集科技创新资源。',
                                                'intro: "近年来\\x07"'))
    assert "控制字符" in msg and "U+0007" in msg and "字段“intro”" in msg


def test_a_raw_control_character_in_the_file_is_refused(tmp_path):
    msg = render_broken(tmp_path, raw=SHEET.replace("近年来", "近年\x08来").encode("utf-8"))
    assert "控制字符" in msg


def test_an_undefined_fact_is_named_with_the_field_it_is_cited_in(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("facts.高新技术企业数", "facts.高企数量"))
    assert "reply.yaml:14:" in msg and "未定义的事实“高企数量”" in msg and "sections[0].items[0].text" in msg


def test_a_sheet_text_reaching_for_python_internals_is_refused(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("{{ facts.高新技术企业数 }}", "{{ facts.__class__.__mro__ }}"))
    assert "内部属性" in msg or "未定义" in msg


def test_a_template_reaching_for_python_internals_is_refused(tmp_path):
    template = '{% extends "_base.j2" %}{% block default_title %}{{ sheet.__class__.__init__.__globals__ }}{% endblock %}'
    msg = render_broken(tmp_path, SHEET + "template: custom.j2\n", template=template)
    assert "custom.j2" in msg and "内部属性" in msg


def test_a_python_tag_is_refused_before_anything_runs(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace('number: "069"', 'number: !!python/object/apply:os.system ["echo pwned"]'))
    assert "reply.yaml:3:" in msg and "标签" in msg


def test_yaml_anchors_and_aliases_are_refused(tmp_path):
    msg = render_broken(tmp_path, SHEET.replace("proposers: [赵洁]", "proposers: &p [赵洁]\ncc: *p"))
    assert "锚点" in msg


def test_a_duplicated_key_is_named(tmp_path):
    msg = render_broken(tmp_path, SHEET + "kind: 人大建议\n")
    assert "重复" in msg


def test_a_broken_facts_library_is_named(tmp_path):
    msg = render_broken(tmp_path, facts="figures:\n  高新技术企业数: {unit: 家}\n")
    assert "facts.yaml:2:" in msg and "value" in msg


def test_an_empty_sheet_is_named(tmp_path):
    msg = render_broken(tmp_path, raw=b"")
    assert "空" in msg


def test_a_missing_sheet_is_named(tmp_path):
    r = run_drafter("render", tmp_path / "nope.yaml")
    assert r.returncode == 2 and "nope.yaml" in r.stderr and "不存在" in r.stderr


def test_utf8_with_bom_is_simply_accepted(tmp_path):
    sheet = write_workspace(tmp_path)
    sheet.write_bytes(b"\xef\xbb\xbf" + sheet.read_bytes().replace(b"\n", b"\r\n"))
    r = run_drafter("render", sheet)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "reply.docx").is_file()
