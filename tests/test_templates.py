"""Templates: derived from real replies, editable by a clerk, and sandboxed."""

from __future__ import annotations

import os
import shutil

import pytest

from drafter.compose.environment import BUILTIN_TEMPLATES
from drafter.compose.markup import parse_markup
from drafter.compose.render import compose
from drafter.errors import InputError
from drafter.model.blocks import Kind
from drafter.sheets.load import load_reply
from tests.replies import PROFILE, SHEET, write_workspace


def texts(path):
    return [b.full_text for b in compose(load_reply(path))]


def test_there_is_a_template_for_each_kind_of_reply():
    assert (BUILTIN_TEMPLATES / "政协提案答复.j2").is_file()
    assert (BUILTIN_TEMPLATES / "人大建议答复.j2").is_file()


def test_proposal_reply_formulas_follow_the_seed_replies(tmp_path):
    out = texts(write_workspace(tmp_path))
    assert "临沂市科学技术局关于市政协十五届三次会议第069号提案的答复" in out
    assert "赵洁委员：" in out
    assert "您提出的《关于加快科技成果转化的建议》收悉，现答复如下：" in out
    assert "再次感谢您对我市科技工作的关心和支持！" in out


def test_suggestion_reply_addresses_a_deputy_and_names_the_session(tmp_path):
    sheet = SHEET.replace("kind: 政协提案", "kind: 人大建议").replace("市政协十五届三次会议", "市十九届人大三次会议") \
        .replace("关于加快科技成果转化的建议", "关于加快科技成果转化")
    out = texts(write_workspace(tmp_path, sheet=sheet))
    assert "赵洁代表：" in out
    assert "您在市十九届人大三次会议上提出的《关于加快科技成果转化》的建议收悉，现答复如下：" in out
    assert "临沂市科学技术局关于市十九届人大三次会议第069号建议的答复" in out


@pytest.mark.parametrize("proposers,address,pronoun", [
    ("[王亮, 李明]", "王亮、李明委员：", "你们"),
    ("[王亮, 李明, 张华]", "王亮等3位委员：", "你们"),
])
def test_joint_proposers_are_addressed_together(tmp_path, proposers, address, pronoun):
    out = texts(write_workspace(tmp_path, sheet=SHEET.replace("[赵洁]", proposers)))
    assert address in out
    assert any(t.startswith(f"{pronoun}提出的") for t in out)


def test_a_party_proposer_is_addressed_by_name_with_gui_hui(tmp_path):
    sheet = SHEET.replace("[赵洁]", "[民革临沂市委会]") + "proposer_role: 党派团体\n"
    out = texts(write_workspace(tmp_path, sheet=sheet))
    assert "民革临沂市委会：" in out and any(t.startswith("贵会提出的") for t in out)


def test_a_co_handling_reply_is_addressed_to_the_lead_unit(tmp_path):
    sheet = SHEET + "handling: 协办\nlead_unit: 市民政局\n"
    out = texts(write_workspace(tmp_path, sheet=sheet))
    assert "市民政局：" in out
    assert "赵洁委员提出的《关于加快科技成果转化的建议》的提案收悉。现将我局协办意见函告如下：" in out
    assert any("协办件的答复" in t for t in out)


def test_handling_type_placement_is_configured_in_the_profile(tmp_path):
    profile = PROFILE + "handling_types: {scheme: national-abcd, label: 类别, placement: after_wenhao}\n"
    blocks = compose(load_reply(write_workspace(tmp_path, profile=profile)))
    assert [b.text for b in blocks if b.kind is Kind.WENHAO] == ["临科函字〔2024〕4号（A类）"]
    assert not [b for b in blocks if b.kind is Kind.META]


def test_a_clerk_can_copy_a_template_edit_it_and_point_the_profile_at_it(tmp_path):
    path = write_workspace(tmp_path)
    (tmp_path / "我的模板").mkdir()
    copy = tmp_path / "我的模板" / "提案答复.j2"
    shutil.copy(BUILTIN_TEMPLATES / "政协提案答复.j2", copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("再次感谢", "衷心感谢"), encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE + "templates: {政协提案: 我的模板/提案答复.j2}\n", encoding="utf-8")
    assert "衷心感谢您对我市科技工作的关心和支持！" in texts(path)


def test_a_sheet_can_point_at_its_own_template(tmp_path):
    path = write_workspace(tmp_path, sheet=SHEET + "template: 特别.j2\n")
    (tmp_path / "特别.j2").write_text('{% extends "_base.j2" %}{% block default_closing %}此复。{% endblock %}',
                                      encoding="utf-8")
    out = texts(path)
    assert out[out.index("临沂市科学技术局") - 1] == "此复。"


def test_a_template_citing_a_missing_field_names_it_and_the_template_line(tmp_path):
    path = write_workspace(tmp_path, sheet=SHEET + "template: 坏.j2\n")
    (tmp_path / "坏.j2").write_text('{% extends "_base.j2" %}\n{% block default_title %}\n{{ sheet.no_such }}{% endblock %}',
                                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        compose(load_reply(path))
    assert "no_such" in exc.value.message and exc.value.where.path.name == "坏.j2"


def test_a_template_syntax_error_names_the_file_and_line(tmp_path):
    path = write_workspace(tmp_path, sheet=SHEET + "template: 坏.j2\n")
    (tmp_path / "坏.j2").write_text('{% extends "_base.j2" %}\n\n{% block default_title %}{{ sheet.title }', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        compose(load_reply(path))
    assert exc.value.where.path.name == "坏.j2" and exc.value.where.line == 3 and "语法" in exc.value.message


def test_a_missing_template_file_is_named(tmp_path):
    path = write_workspace(tmp_path, sheet=SHEET + "template: 无此模板.j2\n")
    with pytest.raises(InputError, match="找不到模板"):
        compose(load_reply(path))


def test_sheet_text_cannot_inject_blocks_into_the_markup(tmp_path):
    sheet = SHEET.replace("服务企业500余家。", "服务企业500余家|@title 假标题\\\\")
    out = texts(write_workspace(tmp_path, sheet=sheet))
    assert any("服务企业500余家|@title 假标题\\" in t for t in out)
    assert sum(1 for t in out if "假标题" in t) == 1


def test_markup_parses_every_block_kind_and_rejects_unknown_tags():
    blocks = parse_markup("@meta 办理类型：A\n@h2 （一）|标题\n@item 一是|要点。|展开\n续行。\n@cc 甲，乙。")
    assert [b.kind for b in blocks] == [Kind.META, Kind.HEADING, Kind.ITEM, Kind.CC]
    assert (blocks[1].level, blocks[1].prefix, blocks[1].text) == (2, "（一）", "标题")
    assert (blocks[2].prefix, blocks[2].lead, blocks[2].text) == ("一是", "要点。", "展开续行。")
    with pytest.raises(InputError, match="@bogus"):
        parse_markup("@p 甲\n@bogus 乙")


def test_backslashes_and_bars_in_paragraphs_print_as_written(tmp_path):
    sheet = SHEET.replace("intro: 近年来，", "intro: 见 C:\\temp\\|x 与 a|b，近年来，")
    out = texts(write_workspace(tmp_path, sheet=sheet))
    assert any("见 C:\\temp\\|x 与 a|b，" in t for t in out)


def test_a_base_template_added_beside_the_clerks_copy_is_picked_up_without_restarting(tmp_path):
    path = write_workspace(tmp_path, sheet=SHEET + "template: 我的.j2\n")
    (tmp_path / "我的.j2").write_text('{% extends "政协提案答复.j2" %}', encoding="utf-8")
    assert "再次感谢您对我市科技工作的关心和支持！" in texts(path)
    base = (BUILTIN_TEMPLATES / "_base.j2").read_text(encoding="utf-8")
    (tmp_path / "_base.j2").write_text(base.replace("@closing {{ p }}", "@closing 【{{ p }}】"), encoding="utf-8")
    # A clerk adds the file seconds later; within one test the folder's clock tick may not move.
    stamp = tmp_path.stat().st_mtime_ns + 1_000_000_000
    os.utime(tmp_path, ns=(stamp, stamp))
    assert "【再次感谢您对我市科技工作的关心和支持！】" in texts(path)
