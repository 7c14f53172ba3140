"""`drafter render`, `new` and `check` as a clerk uses them: atomic writes, no lost hand edits."""

from __future__ import annotations

import io
import zipfile

import docx

from tests.conftest import run_drafter
from tests.replies import write_workspace


def test_render_writes_the_docx_beside_the_sheet(tmp_path):
    sheet = write_workspace(tmp_path)
    r = run_drafter("render", sheet)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "reply.docx"
    assert "已生成" in r.stdout and str(out) in r.stdout
    text = [p.text for p in docx.Document(out).paragraphs]
    assert "赵洁委员：" in text


def test_rendering_unchanged_input_again_leaves_the_file_untouched(tmp_path):
    sheet = write_workspace(tmp_path)
    run_drafter("render", sheet)
    out = tmp_path / "reply.docx"
    stamp, data = out.stat().st_mtime_ns, out.read_bytes()
    r = run_drafter("render", sheet)
    assert r.returncode == 0 and "未变化" in r.stdout
    assert out.stat().st_mtime_ns == stamp and out.read_bytes() == data


def test_a_changed_sheet_replaces_drafters_own_file(tmp_path):
    sheet = write_workspace(tmp_path)
    run_drafter("render", sheet)
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("赵洁", "王亮"), encoding="utf-8")
    r = run_drafter("render", sheet)
    assert r.returncode == 0, r.stderr
    assert "王亮委员：" in [p.text for p in docx.Document(tmp_path / "reply.docx").paragraphs]


def _edit_in_word(path):
    """What Word does to a file: rewrite document.xml (here, one word changed)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace("赵洁委员".encode(), "赵洁同志".encode())
            dst.writestr(item, data)
    path.write_bytes(buf.getvalue())


def test_a_docx_edited_in_word_is_not_overwritten_without_force(tmp_path):
    sheet = write_workspace(tmp_path)
    run_drafter("render", sheet)
    out = tmp_path / "reply.docx"
    _edit_in_word(out)
    edited = out.read_bytes()
    r = run_drafter("render", sheet)
    assert r.returncode == 1
    assert "未覆盖" in r.stderr and "Word" in r.stderr and "--force" in r.stderr
    assert out.read_bytes() == edited
    r = run_drafter("render", sheet, "--force")
    assert r.returncode == 0
    assert "赵洁委员：" in [p.text for p in docx.Document(out).paragraphs]


def test_a_foreign_file_in_the_way_is_not_overwritten(tmp_path):
    sheet = write_workspace(tmp_path)
    (tmp_path / "reply.docx").write_bytes(b"somebody's notes")
    r = run_drafter("render", sheet)
    assert r.returncode == 1 and "不是 drafter 生成的文件" in r.stderr
    assert (tmp_path / "reply.docx").read_bytes() == b"somebody's notes"


def test_output_may_be_a_folder_or_a_file_but_must_be_a_docx(tmp_path):
    sheet = write_workspace(tmp_path)
    (tmp_path / "out").mkdir()
    assert run_drafter("render", sheet, "-o", tmp_path / "out").returncode == 0
    assert (tmp_path / "out" / "reply.docx").is_file()
    r = run_drafter("render", sheet, "-o", tmp_path / "reply.txt")
    assert r.returncode == 2 and ".docx" in r.stderr


def test_profile_output_folder_must_stay_inside_the_workspace(tmp_path):
    from tests.replies import PROFILE

    sheet = write_workspace(tmp_path / "ws", profile=PROFILE + "output_dir: ../../elsewhere\n")
    r = run_drafter("render", sheet)
    assert r.returncode == 2 and "output_dir" in r.stderr
    assert not (tmp_path.parent / "elsewhere").exists()


def test_new_scaffolds_a_commented_sheet_and_never_overwrites(tmp_path):
    out = tmp_path / "新答复.yaml"
    r = run_drafter("new", "--kind", "建议", out)
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "kind: 人大建议" in text and "# " in text and "facts." in text
    r = run_drafter("new", out)
    assert r.returncode == 2 and "已存在" in r.stderr
    assert out.read_text(encoding="utf-8") == text


def test_a_filled_in_scaffold_renders(tmp_path):
    write_workspace(tmp_path)
    out = tmp_path / "new.yaml"
    run_drafter("new", out)
    text = out.read_text(encoding="utf-8")
    text = (text.replace('proposal_title: ""', "proposal_title: 关于加强科普工作的建议")
            .replace("proposers: []", "proposers: [李四]").replace('date: ""', "date: 2024-07-01"))
    out.write_text(text, encoding="utf-8")
    r = run_drafter("render", out)
    assert r.returncode == 0, r.stderr
    assert "李四委员：" in [p.text for p in docx.Document(tmp_path / "new.docx").paragraphs]


def test_check_validates_every_sheet_in_a_folder(tmp_path):
    write_workspace(tmp_path)
    r = run_drafter("check", tmp_path)
    assert r.returncode in (0, 1), r.stderr  # 1: proofreading findings, never invalid input
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: 政协提案\nproposal_title: 甲\nproposers: [乙]\ndate: 2024-02-30\n", encoding="utf-8")
    r = run_drafter("check", tmp_path)
    assert r.returncode == 2 and "bad.yaml:4:" in r.stderr


def test_render_pdf_says_clearly_when_libreoffice_is_missing(tmp_path):
    import os
    import subprocess
    import sys

    sheet = write_workspace(tmp_path)
    r = subprocess.run([sys.executable, "-m", "drafter", "render", str(sheet), "--pdf"], capture_output=True,
                       text=True, encoding="utf-8", env=dict(os.environ, PATH=str(tmp_path)))
    assert r.returncode == 0, r.stderr
    assert "LibreOffice" in r.stderr and (tmp_path / "reply.docx").is_file()


def test_render_version_and_usage_errors():
    assert run_drafter("--version").stdout.startswith("drafter ")
    r = run_drafter("render")
    assert r.returncode == 2 and "缺少参数" in r.stderr


def test_write_failures_are_explained_in_chinese(tmp_path, monkeypatch):
    import pytest

    from drafter import output

    def refuse(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output, "atomic_write", refuse)
    with pytest.raises(output.WriteFailed, match="正在 Word 中打开"):
        output.write_reply(tmp_path / "reply.docx", b"data")


def test_written_files_keep_the_usual_permissions(tmp_path):
    import os
    import stat

    from drafter.textio import atomic_write

    target = tmp_path / "a.docx"
    atomic_write(target, b"x")
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's private 0600
        target.chmod(0o664)
        atomic_write(target, b"y")
        assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert target.read_bytes() == b"y" if os.name != "nt" else b"x"
