"""Reading ZIP packages (.docx) within limits.

A .docx of a megabyte can hold a part that inflates to gigabytes, or a directory of millions of
entries. Before anything is inflated the end-of-directory record is checked (entries, directory
size, no ZIP64: Word never needs it for a letter); each member is then read in small chunks and
given up as soon as it passes its limit, whatever size its header claims.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

MAX_MEMBERS = 2000                  # a reply has ~20 parts; with pictures a few hundred
MAX_DIRECTORY_BYTES = 2 * 1024 * 1024
MAX_MEMBER_BYTES = 32 * 1024 * 1024  # one XML part; a 100-page document.xml is ~5 MB
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # everything read from one package
_CHUNK = 64 * 1024
_EOCD = struct.Struct("<4s4H2LH")


class ZipLimit(Exception):
    """The package is broken or exceeds a limit; the message says which, in Chinese."""


class Package:
    """A ZIP file's members, read on demand within the limits above."""

    def __init__(self, source: Path | bytes):
        fp = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else open(source, "rb")
        try:
            _check_directory(fp)
            self._zip = zipfile.ZipFile(fp)
        except zipfile.BadZipFile as exc:
            fp.close()
            raise ZipLimit(f"不是有效的 ZIP/Word 文件（{exc}）") from None
        except (ZipLimit, OSError, ValueError):
            fp.close()
            raise
        self._fp = fp
        self.read_total = 0
        self._names = set(self._zip.namelist())

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()
        self._fp.close()

    def names(self) -> list[str]:
        return self._zip.namelist()

    def __contains__(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        """The member's bytes; KeyError if absent, ZipLimit if too large or corrupt."""
        info = self._zip.getinfo(name)
        if info.file_size > limit:
            raise ZipLimit(f"“{name}”解压后有 {info.file_size // 1048576} MB，超过上限 {limit // 1048576} MB")
        chunks, size = [], 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self.read_total += len(chunk)
                    if size > limit:
                        raise ZipLimit(f"“{name}”解压后超过上限 {limit // 1048576} MB")
                    if self.read_total > MAX_TOTAL_BYTES:
                        raise ZipLimit(f"“{name}”等部件解压后合计超过上限 {MAX_TOTAL_BYTES // 1048576} MB")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise ZipLimit(f"“{name}”已损坏或无法解压（{exc}）") from None
        return b"".join(chunks)


def _check_directory(fp) -> None:
    """Refuse a directory too large to list, before zipfile reads it all into memory."""
    fp.seek(0, io.SEEK_END)
    size = fp.tell()
    tail = min(size, _EOCD.size + 65535)
    fp.seek(size - tail)
    data = fp.read(tail)
    at = data.rfind(b"PK\x05\x06")
    if at < 0 or len(data) - at < _EOCD.size:
        raise zipfile.BadZipFile("找不到 ZIP 目录")
    _, _, _, _, entries, directory, _, _ = _EOCD.unpack_from(data, at)
    if entries == 0xFFFF or directory == 0xFFFFFFFF:
        raise ZipLimit("文件结构异常（ZIP64 大文件格式，Word 答复不会用到）")
    if entries > MAX_MEMBERS or directory > MAX_DIRECTORY_BYTES:
        raise ZipLimit(f"压缩包里有 {entries} 个部件，超过上限 {MAX_MEMBERS} 个")
    fp.seek(0)
