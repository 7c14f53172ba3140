"""`drafter build --pdf`: a PDF beside each reply, made again only when its reply changed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_build_support import drafter, set_fact, workspace  # noqa: E402

pytestmark = pytest.mark.needs("libreoffice")  # skipped locally without it; a failure under CI


def test_pdfs_are_made_for_built_replies_and_only_again_when_needed(tmp_path, capsys):
    bureau, out = workspace(tmp_path) / "测试局", tmp_path / "out"
    code, stdout, stderr = drafter(capsys, "build", bureau, "-o", out, "--pdf")
    assert code == 0, stderr
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert pdfs == ["a.pdf", "ab.pdf", "b.pdf", "none.pdf", "二组/tpl.pdf"]
    assert (out / "a.pdf").read_bytes().startswith(b"%PDF")
    stamps = {p: (out / p).stat().st_mtime_ns for p in pdfs}

    (out / "b.pdf").unlink()
    set_fact(bureau.parent, "甲", "42")
    code, stdout, _ = drafter(capsys, "build", bureau, "-o", out, "--pdf", "--dry-run")
    assert "b.yaml：PDF 未生成或已过期" in stdout and "a.yaml：事实“甲”已修改" in stdout
    code, stdout, _ = drafter(capsys, "build", bureau, "-o", out, "--pdf")
    assert code == 0 and "生成 3 份" in stdout
    assert (out / "b.pdf").is_file()
    assert {p for p in pdfs if p != "b.pdf" and (out / p).stat().st_mtime_ns != stamps[p]} == {"a.pdf", "ab.pdf"}


def test_the_substituted_fonts_are_named_once_for_the_whole_build(tmp_path, capsys, monkeypatch):
    from drafter.layout import fonts

    # A machine with only the free faces: every official font is substituted.
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC"}))
    bureau, out = workspace(tmp_path) / "测试局", tmp_path / "out"
    code, _stdout, stderr = drafter(capsys, "build", bureau, "-o", out, "--pdf")
    assert code == 0, stderr
    assert stderr.count("PDF 中本机未安装的字体已替代") == 1
    assert "正文 仿宋_GB2312→Noto Serif CJK SC" in stderr and "一级标题 黑体→Noto Sans CJK SC" in stderr


def test_render_pdf_names_the_substituted_fonts(tmp_path):
    from tests.conftest import run_drafter
    from tests.replies import write_workspace

    r = run_drafter("render", write_workspace(tmp_path), "--pdf")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "reply.pdf").is_file()
    from drafter.layout.fonts import installed_families

    if "仿宋_GB2312" not in (installed_families() or ()):  # as on CI: the official body font is missing
        assert r.stderr.count("PDF 中本机未安装的字体已替代") == 1 and "仿宋_GB2312→" in r.stderr
    else:
        assert "仿宋_GB2312→" not in r.stderr
