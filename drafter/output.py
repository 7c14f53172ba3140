"""Writing replies without destroying a clerk's work.

Every .docx drafter writes records, in docProps/custom.xml, the hash of its document part and the
hash of every part it wrote (package_digest: styles, footers, header, settings, properties…). A
file whose parts no longer match was edited (in Word, or by hand in any part) or was never
drafter's, and is not overwritten unless forced. Files written before the whole-package record
are recognised by their document part when every other part is exactly what drafter writes now.
Writes are atomic; an unchanged file is not touched at all.
"""

from __future__ import annotations

import hashlib
import re
import stat
from enum import Enum
from pathlib import Path

from drafter.errors import one_line, os_reason
from drafter.layout.parts import CUSTOM_PART, CUSTOM_PROPERTY, INPUTS_PROPERTY, PACKAGE_PROPERTY, package_digest
from drafter.safezip import Package, ZipLimit
from drafter.textio import MAX_INPUT_BYTES, atomic_write

_PROP = re.compile(rf'name="{CUSTOM_PROPERTY}"><vt:lpwstr>([0-9a-f]{{64}})<')
_PACKAGE = re.compile(rf'name="{PACKAGE_PROPERTY}"><vt:lpwstr>([0-9a-f]{{64}})<')
_INPUTS = re.compile(rf'name="{INPUTS_PROPERTY}"><vt:lpwstr>([0-9a-f]{{32}})<')
_CUSTOM_LIMIT = 64 * 1024   # drafter's own custom part is well under 1 KB


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
    """Whether the .docx at path is missing, untouched since drafter wrote it, edited, or foreign.
    An old file (document part recorded only) whose document part is untouched counts as OURS
    here; write_reply decides for it against the bytes it is about to write."""
    try:
        old = _existing(Path(path))
    except OSError:
        return State.FOREIGN
    return State.MISSING if old is None else _state_of(old)


def recorded_inputs(path: Path) -> str | None:
    """The input record (drafter.record) in the .docx at path: what it was made from. None when
    there is none (an older drafter's file, not drafter's, not a .docx) or it cannot be read.
    The record says nothing about edits since: docx_state tells those."""
    try:
        data = _existing(Path(path))
    except OSError:
        return None
    if not data:
        return None
    try:
        with Package(data) as package:
            found = _INPUTS.search(package.read(CUSTOM_PART, _CUSTOM_LIMIT).decode("utf-8", "replace"))
    except (KeyError, ZipLimit):
        return None
    return found.group(1) if found else None


def same_parts(old: bytes, new: bytes) -> bool:
    """Whether old holds, byte for byte and at the same places, every part of new but the
    records (docProps/custom.xml, which drafter writes last): the same document as drafter
    writes it now, whatever either records of its inputs (an older drafter wrote none). No part
    is unzipped: drafter's archives are byte-stable, so this is the common case made cheap."""
    import io
    import zipfile

    try:
        with Package(old):  # within the limits before zipfile reads its directory
            pass
        with zipfile.ZipFile(io.BytesIO(new)) as a, zipfile.ZipFile(io.BytesIO(old)) as b:
            mine, theirs = a.infolist(), b.infolist()
    except (ZipLimit, zipfile.BadZipFile, OSError, ValueError):
        return False
    if not mine or mine[-1].filename != CUSTOM_PART or len(theirs) != len(mine) \
            or theirs[-1].filename != CUSTOM_PART:
        return False
    placed = [(i.filename, i.header_offset, i.CRC, i.compress_size, i.file_size) for i in mine[:-1]]
    if placed != [(i.filename, i.header_offset, i.CRC, i.compress_size, i.file_size) for i in theirs[:-1]]:
        return False
    end = mine[-1].header_offset
    return theirs[-1].header_offset == end and old[:end] == new[:end]


def same_document(old: bytes, new: bytes) -> bool:
    """Whether two drafter .docx files hold the same document — every part but the records
    (their whole-package records agree) — though what they were made from may be recorded
    differently (an older drafter wrote no input record; a field the reply does not print changed).
    Says nothing about edits: ask docx_state first."""
    try:
        with Package(old) as a, Package(new) as b:
            records = [_PACKAGE.search(p.read(CUSTOM_PART, _CUSTOM_LIMIT).decode("utf-8", "replace")) for p in (a, b)]
    except (KeyError, ZipLimit):
        return False
    return all(records) and records[0].group(1) == records[1].group(1)


def _existing(path: Path) -> bytes | None:
    """The bytes at path (None: nothing there); b"" for what cannot be drafter's (a device, a
    pipe, a folder, a file too large to be a reply). Raises OSError when it cannot be read."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_INPUT_BYTES:
        return b""
    return path.read_bytes()


# Parts an old drafter file (document part recorded only) may differ in from what drafter writes
# now without any sign of an edit: the document part (checked against its own record), the
# title in the core properties, and the record itself.
_LEGACY_FREE = {"word/document.xml", "docProps/core.xml", CUSTOM_PART}


def _state_of(data: bytes, new: bytes | None = None) -> State:
    """The state of a .docx's bytes. Every part drafter writes is covered: its record is a hash
    of all parts (package_digest). A file from before that record (the document part's hash only)
    is OURS only when its document part is untouched and every other part is exactly what drafter
    writes now (`new`); otherwise it is EDITED, and --force is needed."""
    try:
        with Package(data) as package:
            custom = package.read(CUSTOM_PART).decode("utf-8", "replace")
            whole, document = _PACKAGE.search(custom), _PROP.search(custom)
            if whole:
                digest = package_digest((name, hashlib.sha256(package.read(name)).hexdigest())
                                        for name in package.names() if name != CUSTOM_PART)
                return State.OURS if digest == whole.group(1) else State.EDITED
            if not document:
                return State.FOREIGN
            if hashlib.sha256(package.read("word/document.xml")).hexdigest() != document.group(1):
                return State.EDITED
            if new is None:
                return State.OURS
            with Package(new) as fresh:
                names = [n for n in package.names() if n not in _LEGACY_FREE]
                if names != [n for n in fresh.names() if n not in _LEGACY_FREE]:
                    return State.EDITED
                return State.OURS if all(package.read(n) == fresh.read(n) for n in names) else State.EDITED
    except (KeyError, ZipLimit):
        return State.FOREIGN


def write_reply(path: Path, data: bytes, *, force: bool = False) -> bool:
    """Write data to path unless that would destroy hand edits. Returns False when the file
    already held exactly these bytes (nothing written). Raises OverwriteRefused or WriteFailed."""
    path = Path(path)
    try:
        old = _existing(path)
    except OSError as exc:
        raise WriteFailed(path, exc) from None
    state = State.MISSING if old is None else _state_of(old, data)
    if state in (State.EDITED, State.FOREIGN) and not force:
        raise OverwriteRefused(path, state)
    if old == data:
        return False
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise WriteFailed(path, exc) from None
    return True
