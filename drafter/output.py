"""Writing replies without destroying a clerk's work.

Every .docx drafter writes records the hash of its document part (docProps/custom.xml). A file
whose document part no longer matches was edited in Word (or was never drafter's) and is not
overwritten unless forced. Writes are atomic; an unchanged file is not touched at all.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from enum import Enum
from pathlib import Path

from drafter.errors import one_line, os_reason
from drafter.layout.parts import CUSTOM_PROPERTY
from drafter.textio import atomic_write

_PROP = re.compile(rf'name="{CUSTOM_PROPERTY}"><vt:lpwstr>([0-9a-f]{{64}})<')


class State(str, Enum):
    MISSING = "missing"    # nothing there yet
    OURS = "ours"          # as drafter last wrote it
    EDITED = "edited"      # drafter wrote it, then it was changed (in Word)
    FOREIGN = "foreign"    # not a drafter file (or not a .docx at all)


class OutputProblem(Exception):
    """A reply could not be written; the message says why, in Chinese."""


class WriteFailed(OutputProblem):
    """The operating system refused the write (file open in Word, no permission, disk full)."""

    def __init__(self, path: Path, error: OSError):
        self.path = path
        if isinstance(error, PermissionError):
            why = "没有写入权限，或文件正在 Word 中打开（请关闭后重试）"
        else:
            why = os_reason(error)
        super().__init__(f"{one_line(path)}: 无法写入：{why}")


class OverwriteRefused(OutputProblem):
    """The target was edited by hand (or is not drafter's); --force overrides."""

    def __init__(self, path: Path, state: State):
        self.path, self.state = path, state
        why = "已在 Word 中修改过" if state is State.EDITED else "不是 drafter 生成的文件"
        super().__init__(f"{one_line(path)}: 未覆盖：该文件{why}。如确需覆盖，请加 --force（TUI 中确认覆盖）")


def docx_state(path: Path) -> State:
    """Whether the .docx at path is missing, untouched since drafter wrote it, edited, or foreign."""
    try:
        return _state_of(Path(path).read_bytes())
    except FileNotFoundError:
        return State.MISSING
    except OSError:
        return State.FOREIGN


def _state_of(data: bytes) -> State:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            custom = z.read("docProps/custom.xml").decode("utf-8", "replace")
            document = z.read("word/document.xml")
    except (KeyError, zipfile.BadZipFile):
        return State.FOREIGN
    m = _PROP.search(custom)
    if not m:
        return State.FOREIGN
    return State.OURS if hashlib.sha256(document).hexdigest() == m.group(1) else State.EDITED


def write_reply(path: Path, data: bytes, *, force: bool = False) -> bool:
    """Write data to path unless that would destroy hand edits. Returns False when the file
    already held exactly these bytes (nothing written). Raises OverwriteRefused or WriteFailed."""
    path = Path(path)
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise WriteFailed(path, exc) from None
    state = State.MISSING if old is None else _state_of(old)
    if state in (State.EDITED, State.FOREIGN) and not force:
        raise OverwriteRefused(path, state)
    if old == data:
        return False
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise WriteFailed(path, exc) from None
    return True
