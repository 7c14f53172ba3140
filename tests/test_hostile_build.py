"""Writing beside a clerk's work: no-clobber covers every part of the Word file drafter writes,
`drafter build` exits 1 when it left a file alone, and a build killed with SIGKILL takes its
worker processes with it."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from drafter.cli.main import main
from drafter.layout.parts import CUSTOM_PROPERTY
from drafter.output import State, docx_state
from tests.conftest import REPO
from tests.replies import write_workspace


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def rezip(path: Path, change) -> None:
    """Rewrite the .docx at path with change(name, data) -> data | None (None drops the part)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                z.writestr(name, data)
    path.write_bytes(buf.getvalue())


def edit_part(part: str):
    def change(name, data):
        return data.replace(b"</w:", b"<w:p/></w:", 1) if name == part and b"</w:" in data else (
            data + b" " if name == part else data)
    return change


PARTS = ["word/styles.xml", "word/footer1.xml", "word/header1.xml", "word/settings.xml", "word/fontTable.xml",
         "word/_rels/document.xml.rels", "[Content_Types].xml", "docProps/core.xml", "docProps/app.xml"]


@pytest.mark.parametrize("part", PARTS)
def test_an_edit_to_any_part_drafter_wrote_is_not_overwritten(tmp_path, capsys, part):
    sheet = write_workspace(tmp_path)
    assert run(capsys, "render", sheet)[0] == 0
    reply = sheet.with_suffix(".docx")
    rezip(reply, edit_part(part))
    edited = reply.read_bytes()
    assert docx_state(reply) is State.EDITED
    code, out, err = run(capsys, "render", sheet)
    assert code == 1 and "未覆盖：该文件已在 Word 中修改过" in err and reply.read_bytes() == edited
    code, out, err = run(capsys, "build", tmp_path)
    assert code == 1 and "手工修改过未覆盖 1 份" in out and reply.read_bytes() == edited
    assert run(capsys, "render", sheet, "--force")[0] == 0 and docx_state(reply) is State.OURS


def test_a_part_added_or_removed_counts_as_an_edit(tmp_path, capsys):
    sheet = write_workspace(tmp_path)
    run(capsys, "render", sheet)
    reply = sheet.with_suffix(".docx")
    rezip(reply, lambda name, data: None if name == "docProps/app.xml" else data)
    assert docx_state(reply) is State.EDITED
    run(capsys, "render", sheet, "--force")
    with zipfile.ZipFile(reply, "a") as z:
        z.writestr("word/comments.xml", b"<w:comments/>")
    assert docx_state(reply) is State.EDITED


def test_an_untouched_reply_is_still_drafters_own(tmp_path, capsys):
    sheet = write_workspace(tmp_path)
    run(capsys, "render", sheet)
    assert docx_state(sheet.with_suffix(".docx")) is State.OURS
    code, out, _ = run(capsys, "render", sheet)
    assert code == 0 and out.startswith("未变化")


# ---- files written before the whole-package record ------------------------------------------------

def as_old_drafter_wrote_it(path: Path) -> None:
    """Replace the record with the one drafter wrote before: the document part's hash only."""
    import hashlib

    document = zipfile.ZipFile(path).read("word/document.xml")
    old = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxml'
           'formats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
           'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
           f'name="{CUSTOM_PROPERTY}"><vt:lpwstr>{hashlib.sha256(document).hexdigest()}</vt:lpwstr></property>'
           "</Properties>").encode()
    rezip(path, lambda name, data: old if name == "docProps/custom.xml" else data)


def test_an_old_untouched_reply_is_recognised_and_regenerated(tmp_path, capsys):
    sheet = write_workspace(tmp_path)
    run(capsys, "render", sheet)
    reply = sheet.with_suffix(".docx")
    as_old_drafter_wrote_it(reply)
    code, out, err = run(capsys, "render", sheet)
    assert code == 0 and out.startswith("已生成"), err
    assert docx_state(reply) is State.OURS


@pytest.mark.parametrize("part", ["word/footer1.xml", "word/styles.xml"])
def test_an_old_reply_with_an_edited_part_is_left_alone(tmp_path, capsys, part):
    """The old record cannot vouch for the other parts: they must be exactly what drafter writes."""
    sheet = write_workspace(tmp_path)
    run(capsys, "render", sheet)
    reply = sheet.with_suffix(".docx")
    as_old_drafter_wrote_it(reply)
    rezip(reply, edit_part(part))
    edited = reply.read_bytes()
    code, out, err = run(capsys, "render", sheet)
    assert code == 1 and "未覆盖" in err and reply.read_bytes() == edited


def test_a_zip_bomb_where_the_reply_goes_is_not_inflated(tmp_path, capsys):
    from tests.hostile import bomb_docx

    sheet = write_workspace(tmp_path)
    sheet.with_suffix(".docx").write_bytes(bomb_docx(200 << 20))
    code, out, err = run(capsys, "render", sheet)
    assert code == 1 and "不是 drafter 生成的文件" in err


# ---- the build's exit status and its workers ----------------------------------------------------------

def test_build_exits_1_when_it_left_a_hand_edited_reply_alone(tmp_path, capsys):
    sheet = write_workspace(tmp_path)
    assert run(capsys, "build", tmp_path)[0] == 0
    rezip(sheet.with_suffix(".docx"), edit_part("word/styles.xml"))
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("069", "070"), encoding="utf-8")
    code, out, err = run(capsys, "build", tmp_path)
    assert code == 1 and "手工修改过未覆盖 1 份" in out


SLOW = ("{% extends \"政协提案答复.j2\" %}{% block default_closing %}{% for i in range(300) %}"
        "{% for j in range(400) %}{% endfor %}{% endfor %}{{ super() }}{% endblock %}")
BUILD = """
import sys
from pathlib import Path
from drafter.build.run import Options, build
build(Options(folder=Path(sys.argv[1]), jobs=2, start_method=sys.argv[2]))
"""


def children_of(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes through /proc (Linux)")
@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_killing_a_build_kills_its_workers(tmp_path, start_method):
    """SIGKILL leaves the parent no chance to clean up: the workers notice and end themselves."""
    from tests.replies import PROFILE, SHEET

    ws = tmp_path / "ws"
    write_workspace(ws, profile=PROFILE + "templates: {政协提案: 慢.j2}\n")
    (ws / "慢.j2").write_text(SLOW, encoding="utf-8")
    for i in range(120):
        (ws / f"r{i:03d}.yaml").write_text(SHEET.replace('"069"', f'"{i:03d}"'), encoding="utf-8")
    build = subprocess.Popen([sys.executable, "-c", BUILD, ws, start_method], cwd=REPO,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2 and build.poll() is None:
        workers |= children_of(build.pid)
        time.sleep(0.05)
    time.sleep(0.5)  # the workers are rendering now
    assert build.poll() is None, "the build ended before it could be killed: make the template slower"
    assert workers, "no worker process was seen"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if alive(w)]
    for w in left:  # do not leave them behind for the next test
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers {left} outlived the killed build"
