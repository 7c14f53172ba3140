"""A minimal, deterministic ZIP writer that reuses compressed parts.

A .docx is a ZIP of XML parts, most of them identical for every reply. Each part is deflated
once and kept (Entry); a document is then the concatenation of ready-made entries plus the few
that changed. Timestamps are fixed (1980-01-01) and the order is the caller's, so the same
input always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass

_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


@dataclass(frozen=True)
class Entry:
    """One compressed part, ready to be written."""

    name: bytes
    payload: bytes
    crc: int
    size: int
    method: int  # 8 deflate, 0 stored
    sha256: str = ""  # of the uncompressed data: drafter's no-clobber record (layout.parts.package_digest)


def make_entry(name: str, data: bytes, level: int = 6) -> Entry:
    """Deflate data once; tiny parts are stored when deflate would not help."""
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    payload = comp.compress(data) + comp.flush()
    digest = hashlib.sha256(data).hexdigest()
    if len(payload) >= len(data):
        return Entry(name.encode("utf-8"), data, zlib.crc32(data), len(data), 0, digest)
    return Entry(name.encode("utf-8"), payload, zlib.crc32(data), len(data), 8, digest)


def write_zip(entries: list[Entry]) -> bytes:
    """The ZIP archive of entries, in the given order."""
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        header = _LOCAL.pack(0x04034B50, 20, 0, e.method, _DOS_TIME, _DOS_DATE, e.crc, len(e.payload), e.size,
                             len(e.name), 0)
        central.append(_CENTRAL.pack(0x02014B50, 20, 20, 0, e.method, _DOS_TIME, _DOS_DATE, e.crc,
                                     len(e.payload), e.size, len(e.name), 0, 0, 0, 0, 0, offset) + e.name)
        out += (header, e.name, e.payload)
        offset += len(header) + len(e.name) + len(e.payload)
    cd = b"".join(central)
    out.append(cd)
    out.append(_END.pack(0x06054B50, 0, 0, len(entries), len(entries), len(cd), offset, 0))
    return b"".join(out)
