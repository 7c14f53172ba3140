"""One bad sheet never stops the others: it is reported (file:line, in Chinese) and the build
exits 1; it is retried on the next build."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_build_support import docx_files, drafter, manifest, sheet, workspace  # noqa: E402

from drafter.build.run import Options, build  # noqa: E402


def test_a_failing_sheet_is_reported_and_the_rest_are_built(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    bad = ws / "测试局" / "坏.yaml"
    bad.write_text(sheet("引用了{{ facts.没有这个 }}。", "201"), "utf-8")
    broken = ws / "测试局" / "残.yaml"
    broken.write_text("kind: 政协提案\nproposal_title: [未闭合\n", "utf-8")

    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert code == 1
    assert f"{bad}:7:" in stderr and "未定义的事实“没有这个”" in stderr
    assert f"{broken}:" in stderr
    assert "失败 2 份" in stdout
    built = docx_files(out)
    assert "测试局/a.docx" in built and "测试局/坏.docx" not in built
    assert manifest(out)["sheets"]["测试局/坏.yaml"]["failed"] is True

    # The next build retries it (still failing), and builds it once fixed.
    report = build(Options(ws, out, dry_run=True))
    assert {o.key: o.reasons for o in report.outcomes if o.status == "pending"} == {
        "测试局/坏.yaml": ["上次生成失败"], "测试局/残.yaml": ["上次生成失败"]}
    bad.write_text(sheet("引用了{{ facts.甲 }}。", "201"), "utf-8")
    broken.unlink()
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert code == 0, stderr
    assert "生成 1 份" in stdout and (out / "测试局" / "坏.docx").is_file()


def test_a_broken_facts_library_fails_its_sheets_and_no_other(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    assert drafter(capsys, "build", ws, "-o", out)[0] == 0
    facts = ws / "测试局" / "facts.yaml"
    facts.write_text(facts.read_text("utf-8") + "  坏: [\n", "utf-8")
    report = build(Options(ws, out, dry_run=True))
    assert {o.key for o in report.outcomes if o.status == "pending"} == {
        "测试局/a.yaml", "测试局/b.yaml", "测试局/ab.yaml", "测试局/none.yaml", "测试局/二组/tpl.yaml"}
    assert all(o.reasons == ["事实库 测试局/facts.yaml 有错误"] for o in report.outcomes if o.status == "pending")
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert code == 1 and "失败 5 份" in stdout and f"{facts}:" in stderr


def test_two_sheets_that_would_write_the_same_reply_are_both_named(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    (ws / "测试局" / "a.yml").write_text(sheet("另一份。", "301"), "utf-8")
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert code == 1
    assert "与 测试局/a.yaml 输出到同一个 Word 文件" in stderr


def test_an_output_path_leaving_outdir_through_a_link_is_refused(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "测试局").symlink_to(elsewhere, target_is_directory=True)
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert code == 1 and "超出了输出文件夹" in stderr
    assert list(elsewhere.iterdir()) == []


def test_a_missing_folder_or_a_bad_job_count_is_a_usage_error(tmp_path, capsys):
    assert drafter(capsys, "build", tmp_path / "没有")[0] == 2
    empty = tmp_path / "空"
    empty.mkdir()
    code, _, stderr = drafter(capsys, "build", empty)
    assert code == 2 and "没有答复事实单" in stderr
    try:
        drafter(capsys, "build", empty, "-j", "0")
    except SystemExit as exc:
        assert exc.code == 2
    assert "并行数应为正整数" in capsys.readouterr().err


def test_a_write_the_system_refuses_is_a_failure_of_that_sheet_only(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    (out / "测试局" / "b.docx").mkdir(parents=True)  # not a file: the write cannot replace it
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out, "--force")
    assert code == 1
    assert f"{out / '测试局' / 'b.docx'}: 无法写入" in stderr and "内部错误" not in stderr
    assert "失败 1 份" in stdout and (out / "测试局" / "a.docx").is_file()


def test_sheets_of_two_folders_sharing_an_output_dir_and_a_name_are_both_failures(tmp_path, capsys):
    ws = workspace(tmp_path)
    profile = ws / "测试局" / "profile.yaml"
    profile.write_text(profile.read_text("utf-8") + "output_dir: 答复\n", "utf-8")
    (ws / "测试局" / "二组" / "a.yaml").write_text(sheet("同名的另一份。", "302"), "utf-8")
    code, stdout, stderr = drafter(capsys, "build", ws)
    assert code == 1 and "失败 2 份" in stdout
    assert "输出到同一个 Word 文件" in stderr and str(ws / "测试局" / "二组" / "a.yaml") in stderr
    # still reported on the next build, until one of them is renamed
    assert drafter(capsys, "build", ws)[0] == 1
    (ws / "测试局" / "二组" / "a.yaml").rename(ws / "测试局" / "二组" / "a2.yaml")
    code, stdout, stderr = drafter(capsys, "build", ws)
    assert code == 0, stderr
