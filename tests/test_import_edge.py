"""Forms a reply may take that the corpora show rarely or not at all: each imports without loss,
renders back to its text, and lands in the sheet field a clerk would expect."""

from __future__ import annotations

from pathlib import Path

import yaml

from drafter.importer.convert import compare_key, convert, profile_from_text, render_text
from drafter.importer.source import read_source

HEAD = "关于县政协九届二次会议第12号提案的答复\n张明委员：\n您提出的《关于改善乡村学校供暖条件的提案》收悉，现答复如下：\n"
FOOT = "感谢您对教育工作的关心和支持！\n松溪县教育局\n2024年5月6日\n"


def imported(text: str, tmp_path: Path, profile: str = "name: 松溪县教育局\n"):
    """Import text; assert the round trip; return (sheet data, Converted)."""
    source = tmp_path / "reply.txt"
    source.write_text(text, encoding="utf-8")
    prof = profile_from_text(profile, tmp_path / "profile.yaml")
    conv = convert(read_source(source), tmp_path / "sheet.yaml", prof)
    assert not conv.fallback
    assert compare_key(render_text(conv.yaml_text, tmp_path / "sheet.yaml", prof)) == compare_key(text)
    return yaml.safe_load(conv.yaml_text), conv


def test_greeting_on_the_salutation_line(tmp_path):
    text = HEAD.replace("张明委员：\n", "尊敬的张明委员：您好！\n") + "今年全县改造锅炉12台。\n" + FOOT
    sheet, conv = imported(text, tmp_path)
    assert sheet["salutation"] == "尊敬的张明委员：您好！"
    assert conv.recognised.proposers == ["张明"]


def test_numbering_gap_keeps_the_printed_markers(tmp_path):
    body = "一、基本情况\n全县学校62所。\n二、主要做法\n统筹资金改造。\n四、下一步打算\n继续推进。\n"
    sheet, _ = imported(HEAD + body + FOOT, tmp_path)
    assert [s["heading"] for s in sheet["sections"]] == ["一、基本情况", "二、主要做法", "四、下一步打算"]
    assert all(s["numbered"] == "否" for s in sheet["sections"])


def test_standard_numbering_is_left_to_the_template(tmp_path):
    body = "一、基本情况\n（一）学校\n全县学校62所。\n（二）师生\n在校生1.2万人。\n二、下一步打算\n继续推进。\n"
    sheet, _ = imported(HEAD + body + FOOT, tmp_path)
    first = sheet["sections"][0]
    assert first["heading"] == "基本情况" and "numbered" not in first
    assert [s["heading"] for s in first["sections"]] == ["学校", "师生"]


def test_second_level_without_first_is_numbered_at_its_level(tmp_path):
    """（一）（二） with no 一、 above: a headless first-level section holds them, numbered by the template."""
    body = "（一）学校\n全县学校62所。\n（二）师生\n在校生1.2万人。\n"
    sheet, _ = imported(HEAD + body + FOOT, tmp_path)
    (wrapper,) = sheet["sections"]
    assert "heading" not in wrapper
    assert [s["heading"] for s in wrapper["sections"]] == ["学校", "师生"]


def test_second_level_out_of_sequence_keeps_its_markers(tmp_path):
    body = "（一）学校\n全县学校62所。\n（三）师生\n在校生1.2万人。\n"
    sheet, _ = imported(HEAD + body + FOOT, tmp_path)
    assert [s["heading"] for s in sheet["sections"]] == ["（一）学校", "（三）师生"]


def test_items_interrupted_by_a_paragraph(tmp_path):
    body = "一是改造锅炉。全年改造12台。\n其中，山区学校8台。\n二是补助燃料。发放补助36万元。\n"
    sheet, conv = imported(HEAD + body + FOOT, tmp_path)
    assert conv.recognised.items == 2
    assert sheet["sections"][0]["items"][0] == {"lead": "改造锅炉。", "text": "全年改造12台。"}


def test_one_hand_other_hand_items(tmp_path):
    body = "一方面，加大投入。今年投入80万元。\n另一方面，加强管理。建立巡查制度。\n"
    sheet, _ = imported(HEAD + body + FOOT, tmp_path)
    section = sheet["sections"][0]
    assert section["item_style"] == "一方面" and len(section["items"]) == 2


def test_template_syntax_in_the_text_stays_literal(tmp_path):
    body = "系统提示“{{ 姓名 }}”字段为空，{% 已修复 %}。\n"
    sheet, _ = imported(HEAD + body + FOOT, tmp_path)
    assert "{% raw %}" in sheet["intro"][0]


def test_pipe_inside_a_sentence_is_text(tmp_path):
    body = "平台地址为 A|B 两个入口，已开通。\n"
    _, conv = imported(HEAD + body + FOOT, tmp_path)
    assert "A|B" in conv.yaml_text


def test_unknown_line_above_a_plain_letter_is_kept_not_dropped(tmp_path):
    sheet, conv = imported("特急\n" + HEAD + "今年改造锅炉12台。\n" + FOOT, tmp_path)
    assert sheet["header_lines"] == ["特急"]
    assert any("未能识别的版头文字" in msg for _, msg in conv.warnings)


def test_date_without_signature_and_signature_after_date(tmp_path):
    sheet, _ = imported(HEAD + "今年改造锅炉12台。\n2024年5月6日\n松溪县教育局\n", tmp_path)
    assert sheet["signature"] == "无" and sheet["date"] == "2024-05-06"
    assert sheet["notes"] == ["松溪县教育局"]


def test_class_mark_after_the_date_in_the_profiles_form(tmp_path):
    text = HEAD + "今年改造锅炉12台。\n" + FOOT + "办复类别：B\n（此件公开发布）\n"
    sheet, _ = imported(text, tmp_path, "name: 松溪县教育局\nhandling_types: {label: 办复类别, placement: after_date}\n")
    assert (sheet["handling_type"], sheet["disclosure"]) == ("B", "主动公开")
    assert "handling_type_placement" not in sheet and "notes" not in sheet


def test_profile_defaults_the_letter_lacks_are_turned_off(tmp_path):
    profile = ("name: 松溪县教育局\ncontact: {name: 王五, phone: 0599-1234567}\ndisclosure: 主动公开\n"
               "cc:\n  政协提案: [县政协提案委]\nclosing:\n  政协提案: 谢谢。\n")
    sheet, _ = imported(HEAD + "今年改造锅炉12台。\n松溪县教育局\n2024年5月6日\n", tmp_path, profile)
    assert (sheet["contact"], sheet["disclosure"], sheet["cc"], sheet["closing"]) == ("无", "无", [], [])


def test_title_over_two_lines_with_the_unit_above(tmp_path):
    text = ("松溪县教育局\n关于县政协九届二次会议\n第12号提案的答复\n" + HEAD.split("\n", 1)[1]
            + "今年改造锅炉12台。\n" + FOOT)
    sheet, conv = imported(text, tmp_path)
    assert sheet["title"] == "松溪县教育局关于县政协九届二次会议第12号提案的答复"
    assert (conv.recognised.session, conv.recognised.number) == ("县政协九届二次会议", "12")


def test_arabic_headings_right_under_chinese_ones_are_numbered_at_level_three(tmp_path):
    body = "一、主要做法\n1.改造锅炉\n全年改造12台。\n2.补助燃料\n发放补助36万元。\n二、下一步打算\n继续推进。\n"
    sheet, _ = imported(HEAD + body + FOOT, tmp_path)
    first = sheet["sections"][0]
    assert first["heading"] == "主要做法"
    (wrapper,) = first["sections"]
    assert [s["heading"] for s in wrapper["sections"]] == ["改造锅炉", "补助燃料"]


def test_signature_and_date_on_one_line(tmp_path):
    sheet, conv = imported(HEAD + "今年改造锅炉12台。\n松溪县教育局 2024年5月6日\n", tmp_path)
    assert (conv.recognised.signature, conv.recognised.date) == ("松溪县教育局", "2024年5月6日")
    assert sheet["notes"] == ["松溪县教育局 2024年5月6日"] and sheet["signature"] == "无"


def test_site_chrome_after_the_letter_is_skipped(tmp_path):
    text = HEAD + "今年改造锅炉12台。\n" + FOOT
    page = "首页 > 信息公开 > 建议提案\n发布时间：2024-05-08\n" + text + "【打印】【关闭】\n责任编辑：李四\n附件1：办理情况表.docx\n"
    source = tmp_path / "page.txt"
    source.write_text(page, encoding="utf-8")
    prof = profile_from_text("name: 松溪县教育局\n", tmp_path / "profile.yaml")
    conv = convert(read_source(source), tmp_path / "sheet.yaml", prof)
    assert compare_key(render_text(conv.yaml_text, tmp_path / "sheet.yaml", prof)) == compare_key(text)
    assert [s.no for s in conv.skipped] == [1, 2, 10, 11, 12]
