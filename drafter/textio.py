"""Reading and writing text files the way clerks' Windows machines produce them.

UTF-8 with or without BOM is accepted; a GBK file is named as such (with how to convert it),
or, for the importer, read with a notice.
"""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from pathlib import Path

from drafter.errors import InputError, Where, os_reason

GBK_HINT = "请用记事本打开后“另存为”，编码选择 UTF-8；或运行 drafter import 导入旧文件"


def decode(data: bytes, path: Path | None = None, *, allow_gbk: bool = False) -> tuple[str, str]:
    """Decode file bytes; return (text, encoding name). Newlines are normalised to \\n."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            text, encoding = data.decode("gb18030"), "gbk"
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError("文件不是 UTF-8 编码的文本，无法读取", Where(path, line)) from None
        if not allow_gbk:
            raise InputError("文件是 GBK（国标）编码，drafter 只读 UTF-8", Where(path), GBK_HINT) from None
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


MAX_TEXT_BYTES = 16 * 1024 * 1024   # a year's facts library is well under 1 MB; a sheet is ~15 KB
MAX_INPUT_BYTES = 64 * 1024 * 1024  # any file drafter hashes or compares (a Word file with pictures)


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them. Raises InputError naming the file when it
    is missing, a folder, a device or pipe (/dev/zero, a FIFO: never read, never waited on), too
    large, or unreadable."""
    path = Path(path)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError("这是一个文件夹，不是文件", Where(path))
        if not stat.S_ISREG(st.st_mode):
            raise InputError("这不是普通文件（可能是设备或管道），未读取", Where(path))
        if st.st_size > limit:
            raise InputError(f"文件太大（{st.st_size // 1024} KB，上限 {limit // 1024} KB），未读取", Where(path))
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError("文件不存在", Where(path)) from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{os_reason(exc)}", Where(path)) from None
    if len(data) > limit:  # it grew while being read
        raise InputError(f"文件太大（上限 {limit // 1024} KB），未读取", Where(path))
    return data


def read_head(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of a regular file; None when it is not one or cannot be read."""
    try:
        if not stat.S_ISREG(Path(path).stat().st_mode):
            return None
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return None


def read_text(path: Path, *, allow_gbk: bool = False) -> str:
    """Read a UTF-8 text file (BOM accepted); a GBK file is an InputError unless allowed."""
    return decode(read_bytes(path), Path(path), allow_gbk=allow_gbk)[0]


def _temp_prefix(name: str) -> str:
    """`.NAME.` for mkstemp, NAME cut (on a character boundary) so that the temporary name, with
    mkstemp's 8 random characters and `.tmp`, is no longer in bytes than the final name (or 40):
    it fits wherever the final name fits (255 bytes on most file systems)."""
    budget = max(len(name.encode("utf-8")), 40) - len("..") - 8 - len(".tmp")
    cut = name.encode("utf-8")[:budget].decode("utf-8", "ignore")
    return f".{cut}."


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to path via a temporary file in the same folder and a rename.

    A crash or a full disk leaves either the old file or the new one, never half of one.
    """
    path = Path(path)
    try:
        _replace_with(path, data)
    except OSError as exc:  # name the file being written, not its temporary twin
        if exc.filename == str(path) or exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def _replace_with(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # mkstemp makes the file private (0600); keep the old file's mode, or the usual 0644
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text (with \\n newlines) atomically."""
    atomic_write(path, text.encode("utf-8"))
