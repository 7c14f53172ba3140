"""`drafter check` as a clerk runs it: one line per finding, JSON for tools, exit codes
0 (no errors), 1 (errors found), 2 (a sheet cannot be read or composed)."""

from __future__ import annotations

import json
import re

from test_check_support import CLEAN_BODY, SHEET_HEAD, line_of, sheet

LINE = re.compile(r"^(?P<path>.+\.yaml):(?P<line>\d+):(?P<col>\d+): (?P<level>错误|警告|提示) (?P<rule>[a-z-]+\.[a-z-]+) (?P<msg>.+)$")

WARNING_ONLY = CLEAN_BODY.replace("签订合作项目120项。", "签订合作项目120项，全年引育引育人才。")
ERROR = "salutation: 张三代表：\n" + CLEAN_BODY


def test_a_clean_sheet_passes_with_exit_0(tmp_path, drafter_cli):
    path = sheet(tmp_path)
    result = drafter_cli("check", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{path}: 通过"


def test_each_finding_is_one_line_file_line_column_level_rule_message(tmp_path, drafter_cli):
    path = sheet(tmp_path, WARNING_ONLY)
    result = drafter_cli("check", path)
    lines = result.stdout.strip().splitlines()
    m = LINE.match(lines[0])
    assert m, lines[0]
    assert (m["level"], m["rule"], int(m["line"])) == ("警告", "doubled-word.repeat", line_of(path, "引育引育"))
    assert "（建议：删去“引育”）" in m["msg"]
    assert lines[-1] == "共检查 1 份：0 个错误，1 个警告，0 个提示"


def test_warnings_alone_exit_0(tmp_path, drafter_cli):
    assert drafter_cli("check", sheet(tmp_path, WARNING_ONLY)).returncode == 0


def test_an_error_finding_exits_1(tmp_path, drafter_cli):
    result = drafter_cli("check", sheet(tmp_path, ERROR))
    assert result.returncode == 1
    assert " 错误 formal.salutation " in result.stdout


def test_an_invalid_sheet_exits_2_with_the_message_it_always_had(tmp_path, drafter_cli):
    path = sheet(tmp_path, "salutaton: 张三委员：\n" + CLEAN_BODY)
    result = drafter_cli("check", path)
    assert result.returncode == 2
    assert f"{path}:{line_of(path, 'salutaton')}:1: 错误：字段“salutaton”未知字段“salutaton”" in result.stderr


def test_an_undefined_fact_exits_2(tmp_path, drafter_cli):
    path = sheet(tmp_path, "intro: 企业达到{{ facts.没有这个 }}。\n" + CLEAN_BODY)
    result = drafter_cli("check", path)
    assert result.returncode == 2 and "没有这个" in result.stderr


def test_unreadable_input_wins_over_findings(tmp_path, drafter_cli):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    sheet(tmp_path / "a", ERROR)
    sheet(tmp_path / "b", "salutaton: 张三委员：\n" + CLEAN_BODY)
    result = drafter_cli("check", tmp_path)
    assert result.returncode == 2
    assert "formal.salutation" in result.stdout


def test_json_for_tools(tmp_path, drafter_cli):
    path = sheet(tmp_path, ERROR)
    result = drafter_cli("check", path, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["checked"] == 1 and data["counts"] == {"error": 1, "warning": 0, "hint": 0}
    [f] = data["findings"]
    assert f["path"] == str(path) and f["rule"] == "formal.salutation" and f["severity"] == "error"
    assert (f["found"], f["fix"], f["key"]) == ("代表", "委员", ["salutation"])
    assert f["line"] == line_of(path, "salutation:") and f["column"] == len("salutation: 张三") + 1


def test_json_lists_unreadable_sheets_as_errors(tmp_path, drafter_cli):
    path = sheet(tmp_path, "salutaton: 张三委员：\n" + CLEAN_BODY)
    result = drafter_cli("check", path, "--format", "json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data["unreadable"] == 1 and data["findings"] == []
    assert data["errors"][0]["field"] == "salutaton" and data["errors"][0]["line"] == line_of(path, "salutaton")


def test_today_decides_what_is_overdue(tmp_path, drafter_cli):
    head = SHEET_HEAD.replace("date: 2024-06-18\n", "")
    path = sheet(tmp_path, "assigned_date: 2024-03-01\n" + CLEAN_BODY, head=head)
    assert "deadline.unanswered" in drafter_cli("check", path, "--today", "2024-07-01").stdout
    early = drafter_cli("check", path, "--today", "2024-04-01").stdout
    assert "deadline.unanswered" not in early and "formal.date" in early  # not overdue yet; undated all the same


def test_the_rules_are_listed(drafter_cli):
    result = drafter_cli("check", "--rules")
    assert result.returncode == 0
    assert "numbering.gap" in result.stdout and "doubled-word.repeat" in result.stdout
