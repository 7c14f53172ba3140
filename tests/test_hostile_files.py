"""Hostile files in a shared folder: YAML nested thousands deep, sections nested 200 deep, a
`*.yaml` that is a link to /dev/zero or a named pipe, very long and strange file names. Every
command ends promptly with a Chinese message naming the file (exit 1 or 2), never a traceback,
a hang or a crash; a folder's other sheets are still processed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.conftest import run_drafter
from tests.replies import SHEET, write_workspace

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links to devices and FIFOs are POSIX")


def no_traceback(r) -> None:
    assert "Traceback" not in r.stdout + r.stderr, r.stderr
    assert "内部错误" not in r.stdout + r.stderr, r.stderr


def deep_sections(levels: int) -> str:
    text, pad = "kind: 政协提案\nproposal_title: 关于加快科技成果转化的建议\nproposers: [赵洁]\nsections:\n", ""
    for i in range(levels):
        text += f"{pad}  - heading: 第{i}层\n{pad}    sections:\n"
        pad += "    "
    return text + f"{pad}  - heading: 最深处\n"


# ---- nesting -------------------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [10_000, 1_000_000])
def test_yaml_nested_thousands_deep_is_refused_with_its_line(tmp_path, depth):
    """A RecursionError before, and a crash of libyaml's composer at 100,000 levels."""
    sheet = write_workspace(tmp_path, sheet=SHEET + "notes: " + "[" * depth + "]" * depth + "\n")
    for command in ("render", "check"):
        r = run_drafter(command, sheet)
        no_traceback(r)
        assert r.returncode == 2
        assert f"{sheet}:29:" in r.stderr and "嵌套太深" in r.stderr


def test_sections_nested_200_deep_are_refused_in_render_check_and_build(tmp_path):
    sheet = write_workspace(tmp_path, sheet=deep_sections(200))
    for args in (("render", sheet), ("check", sheet), ("build", tmp_path)):
        r = run_drafter(*args)
        no_traceback(r)
        assert r.returncode == (1 if args[0] == "build" else 2)
        assert f"{sheet}:" in r.stderr and "嵌套太深" in r.stderr


def test_sections_nested_as_deep_as_allowed_still_render(tmp_path):
    sheet = write_workspace(tmp_path, sheet=deep_sections(22))
    r = run_drafter("render", sheet)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "reply.docx").is_file()


# ---- files that are not files --------------------------------------------------------------------

@posix_only
@pytest.mark.parametrize("special", ["zero", "fifo"])
def test_a_yaml_that_is_a_device_or_a_pipe_is_named_and_never_read(tmp_path, special):
    """A link to /dev/zero (MemoryError before) and a FIFO (a hang before)."""
    good = write_workspace(tmp_path)
    bad = tmp_path / "坏.yaml"
    if special == "zero":
        bad.symlink_to("/dev/zero")
    else:
        os.mkfifo(bad)
    r = run_drafter("render", bad)
    no_traceback(r)
    assert r.returncode == 2 and f"{bad}: 错误：这不是普通文件" in r.stderr
    for args in (("check", tmp_path), ("build", tmp_path)):  # the folder's real sheet still goes through
        r = run_drafter(*args)
        no_traceback(r)
        assert r.returncode == 0, r.stderr
    assert good.with_suffix(".docx").is_file()


@posix_only
@pytest.mark.parametrize("name", ["profile.yaml", "facts.yaml"])
def test_a_profile_or_facts_library_that_is_a_device_is_named(tmp_path, name):
    sheet = write_workspace(tmp_path)
    (tmp_path / name).unlink()
    (tmp_path / name).symlink_to("/dev/zero")
    for args in (("render", sheet), ("check", sheet)):
        r = run_drafter(*args)
        no_traceback(r)
        assert r.returncode == 2 and f"{tmp_path / name}: 错误：这不是普通文件" in r.stderr
    r = run_drafter("build", tmp_path)
    no_traceback(r)
    assert r.returncode == 1 and f"{tmp_path / name}: 错误：这不是普通文件" in r.stderr


def test_a_huge_yaml_file_is_refused_without_reading_it(tmp_path):
    sheet = write_workspace(tmp_path)
    with open(sheet, "ab") as fh:
        fh.truncate(17 * 1024 * 1024)  # sparse: 17 MB on paper, nothing on disk
    r = run_drafter("render", sheet)
    no_traceback(r)
    assert r.returncode == 2 and f"{sheet}: 错误：文件太大" in r.stderr


# ---- names ---------------------------------------------------------------------------------------

LONG = "关于进一步加快科技成果转化和产业化推动高新技术企业高质量发展的建议" * 3  # 90 characters


def test_a_sheet_with_an_80_character_name_renders_and_saves(tmp_path):
    """The temporary file beside it used to pass the 255-byte limit on names."""
    name = LONG[:80] + ".yaml"
    assert len(name.encode("utf-8")) == 245
    sheet = write_workspace(tmp_path, name=name)
    r = run_drafter("render", sheet)
    assert r.returncode == 0, r.stderr
    assert sheet.with_suffix(".docx").is_file()
    from drafter.sheets.edit import save_sheet

    from drafter.sheets.yamlio import load_yaml

    data = load_yaml(sheet.read_text(encoding="utf-8")).data
    data["number"] = "070"
    save_sheet(sheet, data)
    assert 'number: "070"' in sheet.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["profile.yaml", "facts.yaml", name,
                                                                  sheet.with_suffix(".docx").name])


@pytest.mark.parametrize("length", [1, 40, 60, 84])
def test_temporary_names_are_never_longer_than_the_final_one(tmp_path, length):
    from drafter.textio import _temp_prefix

    name = ("答" * length)[:length] + ".yaml"
    temp = _temp_prefix(name) + "x" * 8 + ".tmp"
    assert len(temp.encode("utf-8")) <= max(len(name.encode("utf-8")), 40)
    assert temp.startswith("." + name[:1])


@posix_only
def test_a_file_name_with_a_newline_stays_on_one_line_in_check(tmp_path):
    sheet = write_workspace(tmp_path, sheet=SHEET.replace("proposers: [赵洁]", "proposers: [赵洁"),
                            name="a\ncheck: {disable: [all]}.yaml")
    r = run_drafter("check", sheet)
    no_traceback(r)
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert lines == [f"{tmp_path}/a\\ncheck: {{disable: [all]}}.yaml:6:14: 错误：YAML 格式错误（expected ',' or ']', but got ':'）"]


QUOTED_INTRO = 'intro: "近年来，\u2028市科技局持续优化科技创新环境，汇集科技创新资源。"'


def test_a_line_separator_in_a_value_does_not_shift_the_lines_reported(tmp_path):
    """U+2028 is a line break to YAML 1.1 but not to the clerk's editor: lines count \\n only."""
    sheet = write_workspace(tmp_path, sheet=SHEET.replace(SHEET.split("\n")[8], QUOTED_INTRO).replace(
        "disclosure: 主动公开", "disclosure: 公开吧"))
    r = run_drafter("render", sheet)
    assert r.returncode == 2 and f"{sheet}:27:13: 错误：字段“disclosure”" in r.stderr, r.stderr
    from drafter.sheets.yamlio import load_yaml

    located = load_yaml(sheet.read_text(encoding="utf-8"))
    assert located.data["intro"].startswith("近年来，\u2028市科技局")
    assert located.spans[("sections",)].line == 11 and located.key_spans[("cc",)].line == 28


def test_a_line_separator_in_a_plain_value_is_named_where_it_is(tmp_path):
    sheet = write_workspace(tmp_path, sheet=SHEET.replace("近年来，", "近年来，\u2028"))
    r = run_drafter("render", sheet)
    assert r.returncode == 2
    assert f"{sheet}:9:12: 错误：这一行有不可见的分行符 U+2028" in r.stderr and "引号" in r.stderr


def test_values_with_line_separators_are_written_quoted_and_escaped():
    from drafter.sheets.scaffold import yaml_scalar
    from drafter.sheets.yamlio import load_yaml

    for value in ("近年来\u2028持续", "甲\x85乙", "丙\u2029丁"):
        written = yaml_scalar(value)
        assert "\u2028" not in written and "\x85" not in written and "\u2029" not in written
        assert load_yaml(f"intro: {written}\n").data["intro"] == value


def test_a_duplicated_key_names_the_field_once(tmp_path):
    sheet = write_workspace(tmp_path, sheet=SHEET + 'number: "070"\n')
    r = run_drafter("render", sheet)
    assert r.returncode == 2
    assert f"{sheet}:29:1: 错误：字段“number”重复出现，请删掉其中一个" in r.stderr


def test_names_with_commas_and_brackets_stay_whole_in_a_new_sheet():
    """`drafter intake` writes names from a 交办 list into flow lists: [a, b]."""
    from drafter.sheets.scaffold import new_sheet_text
    from drafter.sheets.yamlio import load_yaml

    names, units = ["张三,李四", "王]五", "赵{六}"], ["市民政局,市财政局", "[市]教育局"]
    data = load_yaml(new_sheet_text("提案", proposers=names, co_units=units, handling="协办",
                                    lead_unit="市发改委")).data
    assert data["proposers"] == names and data["co_units"] == units


def test_an_unclosed_bracket_at_the_end_of_the_file_is_said_in_chinese(tmp_path):
    sheet = write_workspace(tmp_path)
    sheet.write_text("kind: 政协提案\nnumber: [\n", encoding="utf-8")
    r = run_drafter("check", sheet)
    no_traceback(r)
    assert r.returncode == 2 and f"{sheet}:3:1: 错误：文件在这里意外结束" in r.stdout + r.stderr
    assert "stream end" not in r.stdout + r.stderr
