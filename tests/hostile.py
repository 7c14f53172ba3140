"""Hostile and unusual inputs, made on the fly for tests/test_hostile_*.py (nothing hostile is
kept in the repository): hand-built .docx packages, ZIP members that inflate to gigabytes, and
a way to run drafter's CLI in this process with the operating system made to refuse writes."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

# A reply short enough to read at a glance, long enough to be recognised as one.
LETTER = [
    "桐农函〔2023〕069号",
    "关于县十八届人大二次会议第069号建议的复函",
    "王大河代表：",
    "您提出的《关于扶持桐溪茶叶品牌建设的建议》收悉，现答复如下：",
    "全县现有茶园3.6万亩，年产干茶1404吨。",
    "一、工作开展情况",
    "一是扶持龙头企业。全年兑现奖补资金268万元。",
    "二是打造区域品牌。组织参加农产品展会6场。",
    "二、下一步打算",
    "我局将继续加大支持力度。",
    "感谢您对农业农村工作的关心和支持！",
    "桐溪县农业农村局",
    "2023年8月7日",
]


def p(text: str, extra_runs: str = "") -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>{extra_runs}</w:p>"


def docx_bytes(body: str, *, parts: dict[str, bytes] | None = None, rels: list[tuple[str, str, str]] = (),
               document: bytes | None = None) -> bytes:
    """A minimal .docx: body XML inside w:body, extra parts, extra document relationships
    (id, type's last segment, target)."""
    rel_xml = "".join(f'<Relationship Id="{i}" Type="{TYPE}{t}" Target="{target}"/>' for i, t, target in rels)
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>').encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
            f'Type="{TYPE}officeDocument" Target="word/document.xml"/></Relationships>').encode(),
        "word/_rels/document.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">{rel_xml}</Relationships>'
        ).encode(),
        "word/document.xml": document if document is not None else (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}'
            "</w:body></w:document>").encode("utf-8"),
    }
    files.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def story(root_tag: str, item_tag: str, texts: list[str]) -> bytes:
    """footnotes.xml / endnotes.xml / comments.xml holding one item per text (ids from 1), after
    the separator notes Word always writes."""
    seps = "" if item_tag == "comment" else (
        f'<w:{item_tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{item_tag}>')
    items = "".join(f'<w:{item_tag} w:id="{i}">{p(t)}</w:{item_tag}>' for i, t in enumerate(texts, 1))
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:{root_tag} xmlns:w="{W_NS}">{seps}{items}</w:{root_tag}>'
            ).encode("utf-8")


# ---- ZIP members that inflate far beyond their size ---------------------------------------------

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


def inflating_member(size: int, *, chunk: int = 1 << 20) -> tuple[bytes, int, int]:
    """(raw deflate data, crc32, size) of `size` spaces, made in a moment: one chunk is deflated
    with a full flush (which restarts the stream's history), so its bytes can simply be repeated."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b" " * chunk
    segment = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    count = size // chunk
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    return segment * count + b"\x03\x00", crc, count * chunk


def zip_with_raw_members(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP of (name, payload, crc, declared size, method) written as given (a lying size too)."""
    out, central, offset = [], [], 0
    for name, payload, crc, size, method in members:
        raw = name.encode()
        header = _LOCAL.pack(0x04034B50, 20, 0, method, 0, 33, crc, len(payload), size, len(raw), 0)
        central.append(_CENTRAL.pack(0x02014B50, 20, 20, 0, method, 0, 33, crc, len(payload), size, len(raw),
                                     0, 0, 0, 0, 0, offset) + raw)
        out += [header, raw, payload]
        offset += len(header) + len(raw) + len(payload)
    cd = b"".join(central)
    return b"".join(out) + cd + _END.pack(0x06054B50, 0, 0, len(members), len(members), len(cd), offset, 0)


def bomb_docx(inflated: int, *, declared: int | None = None) -> bytes:
    """A small .docx whose word/document.xml inflates to `inflated` bytes; its header claims
    `declared` bytes (default: the truth)."""
    plain = zipfile.ZipFile(io.BytesIO(docx_bytes(p("x"))))
    members = []
    for info in plain.infolist():
        data = plain.read(info.filename)
        if info.filename == "word/document.xml":
            payload, crc, size = inflating_member(inflated)
            members.append((info.filename, payload, crc, size if declared is None else declared, 8))
        else:
            members.append((info.filename, data, zlib.crc32(data), len(data), 0))
    return zip_with_raw_members(members)


# ---- the operating system saying no --------------------------------------------------------------

@contextlib.contextmanager
def refusing_writes(monkeypatch, folder: Path, error: int = errno.EACCES):
    """Every atomic write into `folder` fails as the OS would fail it: EACCES/EROFS when creating
    the temporary file (a read-only folder; works as root, where chmod does not bind), ENOSPC
    while writing it (a full disk: the bytes really go to /dev/full where there is one)."""
    folder = Path(folder).resolve()
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        inside = dir is not None and Path(dir).resolve().is_relative_to(folder)
        if not inside:
            return real(*args, dir=dir, **kwargs)
        if error != errno.ENOSPC:
            raise OSError(error, os.strerror(error), str(Path(dir) / "tmp"))
        fd, name = real(*args, dir=dir, **kwargs)
        if os.path.exists("/dev/full"):
            os.close(fd)
            fd = os.open("/dev/full", os.O_WRONLY)
        else:  # no /dev/full (Windows): fail the write the same way
            os.close(fd)
            os.unlink(name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    yield
