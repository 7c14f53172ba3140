"""`drafter import` as a clerk runs it: one line per file and a total, warnings with file:line,
GBK read with a notice, a file that is not a reply refused (exit 2, nothing written), no sheet
or profile ever overwritten, the YAML commented and loadable, --suggest-facts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from drafter.model.sheet import SHEET_FIELDS
from drafter.sheets.load import load_reply

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

LETTER = """类别：B
桐溪县农业农村局文件
签发人：冯卫
桐农函〔2023〕069号
关于县十八届人大二次会议第069号建议的复函
王大河代表：
您提出的《关于扶持桐溪茶叶品牌建设的建议》收悉，现答复如下：
全县现有茶园3.6万亩，年产干茶1404吨。
一、工作开展情况
一是扶持龙头企业。全年兑现奖补资金268万元。
二是打造区域品牌。组织参加农产品展会6场。
二、下一步打算
我局将继续加大支持力度。
感谢您对农业农村工作的关心和支持！
桐溪县农业农村局
2023年08月07日
联系人：何青，联系电话：0571-6012345
（本件另附办理情况征询意见表一份）
"""


def sheet_of(folder: Path) -> Path:
    found = [p for p in folder.glob("*.yaml") if p.name != "profile.yaml"]
    assert len(found) == 1, found
    return found[0]


def test_not_a_reply_is_refused_with_exit_2_and_nothing_written(tmp_path, drafter_cli):
    page = shutil.copy(next(SEEDS.glob("002_*.txt")), tmp_path / "page.txt")
    result = drafter_cli("import", page)
    assert result.returncode == 2
    assert "不是提案或建议的答复" in result.stderr and "page.txt" in result.stderr
    assert "失败" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


def test_gbk_text_is_read_with_a_notice(tmp_path, drafter_cli):
    source = tmp_path / "gbk.txt"
    source.write_bytes(LETTER.encode("gbk"))
    result = drafter_cli("import", source)
    assert result.returncode == 0, result.stderr
    assert "GBK" in result.stdout and "已按 GBK 读取" in result.stdout
    reply = load_reply(sheet_of(tmp_path))
    assert reply.sheet.proposers == ["王大河"]


def test_an_existing_sheet_is_never_overwritten(tmp_path, drafter_cli):
    source = tmp_path / "a.txt"
    source.write_text(LETTER, encoding="utf-8")
    assert drafter_cli("import", source).returncode == 0
    sheet = sheet_of(tmp_path)
    sheet.write_text(sheet.read_text(encoding="utf-8") + "# 手工修改\n", encoding="utf-8")
    before = sheet.read_bytes()
    again = drafter_cli("import", source)
    assert again.returncode == 1
    assert "未覆盖" in again.stderr and sheet.name in again.stderr
    assert sheet.read_bytes() == before


def test_folder_import_prints_one_line_per_file_and_a_total(tmp_path, drafter_cli):
    inbox = tmp_path / "旧答复"
    inbox.mkdir()
    for name in ("000", "001", "002", "003"):
        shutil.copy(next(SEEDS.glob(f"{name}_*.txt")), inbox / f"{name}.txt")
    out = tmp_path / "sheets"
    result = drafter_cli("import", inbox, "--into", out)
    lines = result.stdout.splitlines()
    status = [line.split()[0] for line in lines if re.match(r"^(成功|有警告|失败)\s", line)]
    assert status == ["成功", "成功", "失败", "有警告"]
    assert lines[-1].startswith("共 4 个文件：成功 2 个，有警告 1 个，失败 1 个")
    assert result.returncode == 2  # one file was not a reply
    assert len(list(out.glob("*.yaml"))) == 4  # three sheets and the profile written for them
    assert "003.txt:1: 已跳过网页表格残留的“|”，第1–6行" in result.stdout


def test_unclassified_text_is_kept_and_reported_with_its_line(tmp_path, drafter_cli):
    source = tmp_path / "letter.txt"
    source.write_text(LETTER, encoding="utf-8")
    result = drafter_cli("import", source)
    assert result.returncode == 0
    assert f"{source}:18: 未能识别的落款后文字" in result.stdout
    assert result.stdout.splitlines()[0].startswith("有警告")
    sheet = yaml.safe_load(sheet_of(tmp_path).read_text(encoding="utf-8"))
    assert sheet["notes"][-1] == "（本件另附办理情况征询意见表一份）"


def test_sheet_yaml_is_ordered_commented_quoted_and_loads(tmp_path, drafter_cli):
    source = tmp_path / "letter.txt"
    source.write_text(LETTER, encoding="utf-8")
    assert drafter_cli("import", source, "-o", tmp_path / "out.yaml").returncode == 0
    text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    keys = [m.group(1) for m in re.finditer(r"^([a-z_]+):", text, re.MULTILINE)]
    order = list(SHEET_FIELDS)
    assert keys == sorted(keys, key=order.index)
    assert re.search(r'^number: "069"', text, re.MULTILINE)          # not the integer 69
    assert "# 提案/建议编号" in text                                    # schema labels as comments
    reply = load_reply(tmp_path / "out.yaml")
    assert (reply.sheet.number, reply.sheet.kind, reply.sheet.signer) == ("069", "人大建议", "冯卫")
    assert reply.sheet.date is None and "2023年08月07日" in reply.sheet.notes  # leading zeros kept as printed
    assert "2023-08-07" in text                                       # the date itself, in a comment
    rendered = drafter_cli("render", tmp_path / "out.yaml")
    assert rendered.returncode == 0, rendered.stderr


def test_output_option_takes_one_file_only(tmp_path, drafter_cli):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(LETTER, encoding="utf-8")
    b.write_text(LETTER, encoding="utf-8")
    result = drafter_cli("import", a, b, "-o", tmp_path / "x.yaml")
    assert result.returncode == 2 and "-o" in result.stderr and "--into" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_an_existing_profile_is_used_and_never_rewritten(tmp_path, drafter_cli):
    profile = tmp_path / "profile.yaml"
    profile.write_text("name: 桐溪县农业农村局\ncontact: {name: 李明, phone: 0571-6000000}\ndisclosure: 主动公开\n"
                       "cc:\n  人大建议: [县人大常委会人代工委]\nhandling_types: {label: 类别}\n", encoding="utf-8")
    before = profile.read_bytes()
    source = tmp_path / "in" / "letter.txt"
    source.parent.mkdir()
    source.write_text(LETTER, encoding="utf-8")
    result = drafter_cli("import", source, "--into", tmp_path)
    assert result.returncode == 0, result.stderr
    assert profile.read_bytes() == before and "已新建单位信息" not in result.stdout
    sheet = yaml.safe_load(sheet_of(tmp_path).read_text(encoding="utf-8"))
    assert sheet["handling_type"] == "B" and "header_lines" in sheet  # 类别：B printed by the profile's label
    assert sheet["header_lines"][0] == "桐溪县农业农村局文件"
    # the profile's defaults would add text the letter does not have: the sheet turns them off
    assert (sheet["contact"], sheet["disclosure"], sheet["cc"]) == ("无", "无", [])
    assert "signature" not in sheet  # same as the profile's


def test_a_new_profile_is_written_once_beside_the_sheets(tmp_path, drafter_cli):
    out = tmp_path / "sheets"
    for name in ("000", "001"):
        drafter_cli("import", next(SEEDS.glob(f"{name}_*.txt")), "--into", out)
    profile = (out / "profile.yaml").read_text(encoding="utf-8")
    assert re.search(r"^name: 临沂市科学技术局", profile, re.MULTILINE)  # from seed 000's signature


def test_suggest_facts_lists_numbers_and_existing_facts(tmp_path, drafter_cli):
    (tmp_path / "facts.yaml").write_text("figures:\n  干茶年产量: {value: \"1404\", unit: 吨}\n", encoding="utf-8")
    source = tmp_path / "letter.txt"
    source.write_text(LETTER, encoding="utf-8")
    result = drafter_cli("import", source, "--suggest-facts")
    assert result.returncode == 0, result.stderr
    assert "3.6万亩" in result.stdout and "268万元" in result.stdout
    assert "干茶年产量" in result.stdout and "{{ facts.干茶年产量 }}" in result.stdout
    assert "069" not in re.sub(r".*文号.*", "", result.stdout.split("数字：")[1].split("\n")[0])


def test_new_folder_inside_a_workspace_uses_the_workspace_profile(tmp_path, drafter_cli):
    (tmp_path / "profile.yaml").write_text("name: 桐溪县农业农村局\n", encoding="utf-8")
    source = tmp_path / "letter.txt"
    source.write_text(LETTER, encoding="utf-8")
    result = drafter_cli("import", source, "--into", tmp_path / "2023" / "建议")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "2023" / "建议" / "profile.yaml").exists()
    assert load_reply(sheet_of(tmp_path / "2023" / "建议")).profile.name == "桐溪县农业农村局"
