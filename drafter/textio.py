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

from drafter.errors import InputError, Where

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


def read_text(path: Path, *, allow_gbk: bool = False) -> str:
    """Read a UTF-8 text file (BOM accepted); a GBK file is an InputError unless allowed."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("文件不存在", Where(Path(path))) from None
    except IsADirectoryError:
        raise InputError("这是一个文件夹，不是文件", Where(Path(path))) from None
    except OSError as exc:
        raise InputError(f"无法读取文件：{exc.strerror}", Where(Path(path))) from None
    return decode(data, Path(path), allow_gbk=allow_gbk)[0]


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes to path via a temporary file in the same folder and a rename.

    A crash or a full disk leaves either the old file or the new one, never half of one.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # mkstemp makes the file private (0600); keep the old file's mode, or the usual 0644
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
