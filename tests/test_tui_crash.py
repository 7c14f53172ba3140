"""Killed mid-edit: the draft survives and is offered back on the next start."""

from __future__ import annotations

import asyncio
import os
import signal
import struct
import sys
import time
from pathlib import Path

import pytest


from drafter.tui.app import DrafterApp  # noqa: E402
from drafter.tui.screens.ask import Ask  # noqa: E402
from drafter.tui.screens.editor import EditorScreen  # noqa: E402
from drafter.workspace.drafts import draft_path  # noqa: E402

LINYI = "临沂市科技局/000-赵洁-专精特新.yaml"

pty = pytest.importorskip("pty")  # POSIX only; Windows clerks are covered by the same code path

RUNNER = """
import sys
from pathlib import Path
from drafter.tui.app import DrafterApp
DrafterApp(Path(sys.argv[1]), pdf=False, git=False, draft_interval=0.3).run()
"""


def _spawn(folder: Path) -> tuple[int, int]:
    import fcntl
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # child: the app in a real (pseudo) terminal
        os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execv(sys.executable, [sys.executable, "-c", RUNNER, str(folder)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    return pid, fd


def _drain(fd: int, seconds: float) -> bytes:
    """Read what the app paints (so it never blocks on a full pty) for a while."""
    import select

    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def test_killed_app_leaves_a_draft_that_is_restored(examples: Path):
    sheet = examples / LINYI
    before = sheet.read_text(encoding="utf-8")
    draft = draft_path(sheet)

    pid, fd = _spawn(examples)
    try:
        _drain(fd, 4.0)  # start-up and first paint
        for ch in "069":
            os.write(fd, ch.encode())
            _drain(fd, 0.2)
        os.write(fd, b"\r")  # open the one sheet left
        _drain(fd, 2.0)
        # The editor starts on the proposal title: type at its end.
        os.write(fd, b"\x1b[F")  # End
        os.write(fd, "ABC".encode())
        deadline = time.monotonic() + 15
        while not draft.exists() and time.monotonic() < deadline:
            _drain(fd, 0.2)
        assert draft.exists(), "no draft was written while the sheet had unsaved changes"
    finally:
        os.kill(pid, signal.SIGKILL)  # kill -9: no clean-up of any kind runs
        os.waitpid(pid, 0)
        os.close(fd)

    assert sheet.read_text(encoding="utf-8") == before  # nothing was saved
    assert "ABC" in draft.read_text(encoding="utf-8")

    async def restart():
        app = DrafterApp(examples, pdf=False, git=False)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(100):
                if isinstance(app.screen, Ask) and app.screen.query("#restore"):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, Ask)
            await pilot.pause(0.2)
            assert "草稿" in app.screen.title_text
            assert "000-赵洁-专精特新.yaml" in app.screen.message
            await pilot.click("#restore")
            for _ in range(100):
                if isinstance(app.screen, EditorScreen) and app.screen.paper_text:
                    break
                await pilot.pause(0.05)
            editor = app.screen
            assert isinstance(editor, EditorScreen)
            assert editor.session.dirty
            assert editor.query_one("#f-proposal_title").value.endswith("ABC")
            assert editor.session.get(("proposal_title",)).endswith("发展的建议ABC")
            await pilot.press("ctrl+s")
            for _ in range(100):
                if not draft.exists():
                    break
                await pilot.pause(0.05)

    asyncio.run(restart())
    assert not draft.exists()  # saved: the draft is gone
    assert "proposal_title: 关于引育“专精特新”，加力提速工业经济高质量发展的建议ABC" in sheet.read_text(encoding="utf-8")
