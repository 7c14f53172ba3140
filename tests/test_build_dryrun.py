"""`drafter build --dry-run` lists what would be rebuilt and why, and writes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_build_support import changed, drafter, files, set_fact, workspace  # noqa: E402


def test_a_dry_run_before_any_build_creates_nothing(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    before = files(ws)
    code, stdout, _ = drafter(capsys, "build", ws, "-o", out, "--dry-run")
    assert code == 0
    assert not out.exists() and changed(before, files(ws)) == set()
    assert f"{ws / '测试局' / 'a.yaml'}：尚未生成过" in stdout
    assert "试运行，未写入任何文件" in stdout


def test_a_dry_run_names_the_fact_and_the_template_that_changed(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    assert drafter(capsys, "build", ws, "-o", out)[0] == 0
    set_fact(ws, "甲", "5")
    template = ws / "测试局" / "二组" / "自定义.j2"
    template.write_text(template.read_text("utf-8") + "\n", "utf-8")
    sheet = ws / "测试局" / "none.yaml"
    sheet.write_text(sheet.read_text("utf-8") + "# 注释\n", "utf-8")
    before_ws, before_out = files(ws), files(out)

    code, stdout, _ = drafter(capsys, "build", ws, "-o", out, "--dry-run")
    assert code == 0
    assert changed(before_out, files(out)) == set() and changed(before_ws, files(ws)) == set()
    lines = {line.split("：", 1)[0].strip(): line.split("：", 1)[1] for line in stdout.splitlines()
             if line.startswith("  ")}
    bureau = ws / "测试局"
    assert lines == {
        str(bureau / "a.yaml"): "事实“甲”已修改",
        str(bureau / "ab.yaml"): "事实“甲”已修改",
        str(bureau / "none.yaml"): "事实单已修改",
        str(bureau / "二组" / "tpl.yaml"): "模板 测试局/二组/自定义.j2 已修改",
    }
    assert "需要重新生成 4 份" in stdout


def test_a_dry_run_reports_a_missing_reply_and_a_hand_edited_one(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    assert drafter(capsys, "build", ws, "-o", out)[0] == 0
    (out / "测试局" / "a.docx").unlink()
    (out / "测试局" / "b.docx").write_bytes(b"edited")
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out, "--dry-run")
    assert f"{ws / '测试局' / 'a.yaml'}：Word 文件不存在" in stdout
    assert f"{out / '测试局' / 'b.docx'}: 未覆盖" in stderr
    assert not (out / "测试局" / "a.docx").exists()
