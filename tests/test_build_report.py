"""A progress bar on a terminal; plain text otherwise."""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_build_support import drafter, workspace  # noqa: E402

from drafter.build.report import ProgressBar  # noqa: E402


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_redraws_one_line_and_is_cleared():
    stream = Terminal()
    bar = ProgressBar(stream, width=10)
    bar(5, 10)
    bar(10, 10)
    bar.close()
    text = stream.getvalue()
    assert "\r生成中 [█████·····] 5/10" in text and "[██████████] 10/10" in text
    assert text.endswith("\r\033[K") and "\n" not in text


def test_without_a_terminal_there_is_only_the_summary(tmp_path, capsys):
    code, stdout, stderr = drafter(capsys, "build", workspace(tmp_path), "-o", tmp_path / "out")
    assert code == 0 and "\r" not in stdout + stderr
    assert stdout.startswith("共 ") and stdout.count("\n") == 1


def test_on_a_terminal_the_bar_is_drawn_on_stderr(tmp_path, capsys, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    from drafter.cli.main import main

    assert main(["build", str(workspace(tmp_path)), "-o", str(tmp_path / "out")]) == 0
    assert "\r生成中 [" in terminal.getvalue()
    assert "生成 " in capsys.readouterr().out
