"""A reply edited in Word is reported and left alone; --force overwrites it."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_build_support import drafter, set_fact, workspace  # noqa: E402


def edit_in_word(path: Path) -> None:
    """Change the document part, as saving in Word does (the recorded hash no longer matches)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace("我局持续推进相关工作。".encode(), "我局持续推进相关工作（已手工修改）。".encode())
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())


def test_a_hand_edited_reply_is_left_alone_and_reported_even_when_its_facts_change(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    assert drafter(capsys, "build", ws, "-o", out)[0] == 0
    reply = out / "测试局" / "a.docx"
    edit_in_word(reply)
    edited = reply.read_bytes()

    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert code == 1  # the clerk's work is safe, and the reply was not regenerated (README: exit 1)
    assert reply.read_bytes() == edited
    assert f"{reply}: 未覆盖：该文件已在 Word 中修改过" in stderr
    assert "手工修改过未覆盖 1 份" in stdout

    set_fact(ws, "甲", "123")
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert reply.read_bytes() == edited
    assert "已在 Word 中修改过" in stderr and "生成 1 份" in stdout  # ab.yaml, which cites 甲 as well

    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out, "--force")
    assert code == 0 and reply.read_bytes() != edited
    assert "123家" in zipfile.ZipFile(reply).read("word/document.xml").decode()
    code, stdout, _ = drafter(capsys, "build", ws, "-o", out)
    assert "手工修改过未覆盖 0 份" in stdout and "生成 0 份" in stdout


def test_a_file_that_drafter_did_not_make_is_not_overwritten(tmp_path, capsys):
    ws, out = workspace(tmp_path), tmp_path / "out"
    (out / "测试局").mkdir(parents=True)
    (out / "测试局" / "b.docx").write_bytes(b"not a drafter file")
    code, stdout, stderr = drafter(capsys, "build", ws, "-o", out)
    assert code == 1
    assert (out / "测试局" / "b.docx").read_bytes() == b"not a drafter file"
    assert "不是 drafter 生成的文件" in stderr


def test_a_hand_edited_reply_beside_its_sheet_is_left_alone_too(tmp_path, capsys):
    ws = workspace(tmp_path)
    assert drafter(capsys, "build", ws)[0] == 0
    reply = ws / "测试局" / "b.docx"
    edit_in_word(reply)
    edited = reply.read_bytes()
    set_fact(ws, "乙", "7")  # b.yaml is stale now, and its reply was edited: the worker refuses
    code, stdout, stderr = drafter(capsys, "build", ws)
    assert code == 1 and reply.read_bytes() == edited
    assert f"{reply}: 未覆盖" in stderr and "手工修改过未覆盖 1 份" in stdout
