"""Every command ends with a Chinese message naming the file and exit 1 or 2, never a traceback:
when the folder is read-only or the disk is full (the report of a build is never lost), and when
drafter itself fails (one line saying where the details were logged)."""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

import pytest

from drafter.cli.main import main
from tests.hostile import LETTER, refusing_writes
from tests.replies import write_workspace

DENIED = [pytest.param(errno.EACCES, "没有权限", id="read-only"),
          pytest.param(errno.ENOSPC, "磁盘已满", id="disk-full")]


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# ---- the operating system says no ---------------------------------------------------------------

@pytest.mark.parametrize("error, reason", DENIED)
def test_build_into_a_folder_it_cannot_write_keeps_its_report(tmp_path, capsys, monkeypatch, error, reason):
    write_workspace(tmp_path / "ws")
    write_workspace(tmp_path / "ws", name="second.yaml")
    before = listing(tmp_path / "ws")
    with refusing_writes(monkeypatch, tmp_path / "ws", error):
        code, out, err = run(capsys, "build", tmp_path / "ws")
    assert code == 1
    assert f"{tmp_path / 'ws' / 'reply.docx'}: 无法写入" in err and f"{tmp_path / 'ws' / 'second.docx'}: 无法写入" in err
    assert f"{tmp_path / 'ws' / '.drafter-build.json'}: 错误：无法写入构建记录：{reason}" in err
    assert out.startswith("共 2 份答复：生成 0 份") and "失败 2 份" in out  # the report
    assert listing(tmp_path / "ws") == before  # no temporary file left behind


@pytest.mark.parametrize("error, reason", DENIED)
def test_build_o_into_a_folder_it_cannot_write(tmp_path, capsys, monkeypatch, error, reason):
    write_workspace(tmp_path / "ws")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with refusing_writes(monkeypatch, out_dir, error):
        code, out, err = run(capsys, "build", tmp_path / "ws", "-o", out_dir)
    assert code == 1 and "失败 1 份" in out
    assert f"{out_dir / 'reply.docx'}: 无法写入" in err and f"{out_dir / '.drafter-build.json'}: 错误：" in err
    assert listing(out_dir) == set()


@pytest.mark.parametrize("error, reason", DENIED)
def test_new_into_a_folder_it_cannot_write(tmp_path, capsys, monkeypatch, error, reason):
    with refusing_writes(monkeypatch, tmp_path, error):
        code, out, err = run(capsys, "new", tmp_path / "新答复.yaml")
    assert code == 1 and err.startswith(f"{tmp_path / '新答复.yaml'}: 错误：无法新建文件：{reason}")
    assert len(err.splitlines()) == 1
    assert listing(tmp_path) == set()


@pytest.mark.parametrize("error, reason", DENIED)
def test_render_into_a_folder_it_cannot_write(tmp_path, capsys, monkeypatch, error, reason):
    sheet = write_workspace(tmp_path / "ws")
    with refusing_writes(monkeypatch, tmp_path / "ws", error):
        code, out, err = run(capsys, "render", sheet)
    assert code == 1 and err.startswith(f"{sheet.with_suffix('.docx')}: 无法写入：")
    assert not sheet.with_suffix(".docx").exists()


@pytest.mark.parametrize("error, reason", DENIED)
def test_import_into_a_folder_it_cannot_write(tmp_path, capsys, monkeypatch, error, reason):
    source = tmp_path / "letter.txt"
    source.write_text("\n".join(LETTER), encoding="utf-8")
    (tmp_path / "out").mkdir()
    with refusing_writes(monkeypatch, tmp_path / "out", error):
        code, out, err = run(capsys, "import", source, "--into", tmp_path / "out")
    assert code == 1 and f"{tmp_path / 'out'}" in err and reason in err
    assert out.splitlines()[-1].startswith("共 1 个文件：成功 0 个，有警告 0 个，失败 1 个")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="chmod does not bind root (the tests above cover it by making the OS refuse)")
def test_build_into_a_really_read_only_folder(tmp_path, capsys):
    write_workspace(tmp_path / "ws")
    (tmp_path / "ws").chmod(0o555)
    try:
        code, out, err = run(capsys, "build", tmp_path / "ws")
    finally:
        (tmp_path / "ws").chmod(0o755)
    assert code == 1 and "无法写入构建记录" in err and "失败 1 份" in out


# ---- drafter's own defects -----------------------------------------------------------------------

def explode(args):
    raise ValueError("a defect in drafter")


def test_an_internal_error_is_one_line_naming_the_log(tmp_path, capsys, monkeypatch):
    import drafter.cli.cmd_check as cmd

    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(cmd, "run", explode)
    code, out, err = run(capsys, "check", tmp_path)
    logs = list((tmp_path / "logs").glob("drafter-*.log"))
    assert code == 1 and out == "" and len(logs) == 1
    assert err == f"错误：drafter 内部错误（ValueError），详细信息已记录在 {logs[0]}，请把该文件发给维护人员\n"
    log = logs[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "ValueError: a defect in drafter" in log
    assert "drafter: 0." in log and "command: " in log


def test_when_the_log_cannot_be_written_the_line_still_says_what_happened(tmp_path, capsys, monkeypatch):
    import drafter.cli.cmd_check as cmd

    (tmp_path / "not-a-folder").write_text("x")
    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path / "not-a-folder" / "logs"))
    monkeypatch.setattr(cmd, "run", explode)
    code, out, err = run(capsys, "check", tmp_path)
    assert code == 1 and len(err.splitlines()) == 1
    assert err.startswith("错误：drafter 内部错误（ValueError），无法写入日志 ")


def test_the_log_folder_is_per_user_and_can_be_moved(monkeypatch, tmp_path):
    from drafter.crashlog import log_dir

    monkeypatch.delenv("DRAFTER_LOG_DIR", raising=False)
    if sys.platform == "win32":
        monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
        assert log_dir() == tmp_path / "drafter" / "logs"
    else:
        monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
        assert log_dir() == tmp_path / "drafter" / "logs"
        monkeypatch.delenv("XDG_STATE_HOME")
        assert log_dir() == Path.home() / ".local" / "state" / "drafter" / "logs"
    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path / "x"))
    assert log_dir() == tmp_path / "x"


def test_only_the_newest_logs_are_kept(monkeypatch, tmp_path):
    from drafter import crashlog

    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path))
    for i in range(crashlog.KEEP + 5):
        (tmp_path / f"drafter-20000101-0000{i:02d}-1-000000.log").write_text("old")
    crashlog.write_log(ValueError("x"))
    assert len(list(tmp_path.glob("drafter-*.log"))) == crashlog.KEEP


def test_a_defect_in_one_sheet_of_a_build_is_logged_and_the_others_build(tmp_path, capsys, monkeypatch):
    import drafter.build.worker as worker

    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path / "logs"))
    write_workspace(tmp_path / "ws")
    write_workspace(tmp_path / "ws", name="second.yaml")
    real = worker.Worker._render

    def flaky(self, job):
        if job.path.endswith("reply.yaml"):
            raise KeyError("defect")
        return real(self, job)

    monkeypatch.setattr(worker.Worker, "_render", flaky)
    code, out, err = run(capsys, "build", tmp_path / "ws")
    assert code == 1 and "生成 1 份" in out and "失败 1 份" in out
    assert re.fullmatch(rf"{re.escape(str(tmp_path / 'ws' / 'reply.yaml'))}: 错误：drafter 内部错误（KeyError），"
                        r"详细信息已记录在 .+\.log，请把该文件发给维护人员\n", err)


def test_a_defect_in_one_sheet_of_a_check_is_logged_and_the_others_are_checked(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DRAFTER_LOG_DIR", str(tmp_path / "logs"))
    write_workspace(tmp_path)
    write_workspace(tmp_path, name="second.yaml")
    import drafter.checker as checker

    original = checker.check_reply

    def flaky(reply, blocks, today=None):
        if reply.path.name == "reply.yaml":
            raise IndexError("defect")
        return original(reply, blocks, today=today)

    monkeypatch.setattr(checker, "check_reply", flaky)
    code, out, err = run(capsys, "check", tmp_path)
    assert code == 2
    assert f"{tmp_path / 'reply.yaml'}: 错误：drafter 内部错误（IndexError），详细信息已记录在 " in err
    assert "second.yaml" in out  # checked: its findings or 通过
