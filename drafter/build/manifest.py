"""The build manifest: what each reply was last built from, by content hash.

It lives in OUTDIR (or in FOLDER when replies go beside their sheets) as `.drafter-build.json`:
JSON with sorted keys, one line per sheet and no timestamps, so building unchanged input writes the same bytes (and
the file is not rewritten at all). One entry per sheet, keyed by its path under FOLDER:

    {"sheet": h, "drafter": "0.1.0+…",
     "profile": {"path", "explicit", "file": h(bytes), "content": h(normalised)},
     "facts": {"path" | null, "explicit", "file": h | null, "used": {name: h, …}},
     "template": {"entry": path, "files": {path: h, …}},
     "output": {"path", "hash": h(docx bytes)}, "pdf": h(docx the PDF was made from)?}

A sheet whose last build failed is recorded as {"sheet": h, "failed": true}: always retried.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from drafter.textio import atomic_write

MANIFEST_NAME = ".drafter-build.json"
FORMAT = 1


@dataclass
class Manifest:
    source: str = "."                       # FOLDER relative to the manifest's folder
    sheets: dict[str, dict] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """Sorted keys, one line per sheet: a rebuild changes only the lines of the sheets it
        rebuilt (readable diffs), and the C encoder stays fast (indent= would not use it)."""
        def dumps(value) -> bytes:
            return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

        head = b'{"format":%d,\n"source":%s,\n"sheets":{' % (FORMAT, dumps(self.source))
        lines = [b" " + dumps(key) + b":" + dumps(self.sheets[key]) for key in sorted(self.sheets)]
        body = b"\n" + b",\n".join(lines) + b"\n }" if lines else b"}"
        return b"".join((head, body, b"}\n"))


def source_of(folder: Path, manifest_dir: Path) -> str:
    return Path(os.path.relpath(Path(folder).resolve(), Path(manifest_dir).resolve())).as_posix()


def load(path: Path, source: str) -> tuple[Manifest, str | None]:
    """The manifest at path, or an empty one and why (None: there was simply none yet)."""
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return Manifest(source), None
    except (OSError, ValueError):
        return Manifest(source), "构建记录无法读取"
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("sheets"), dict):
        return Manifest(source), "构建记录格式不同"
    if data.get("source") != source:
        # The same OUTDIR used for another folder: its records say nothing about these sheets.
        return Manifest(source), f"构建记录属于另一个文件夹（{data.get('source')}）"
    return Manifest(source, data["sheets"]), None


def save(path: Path, manifest: Manifest, loaded: Manifest | None = None) -> bool:
    """Write the manifest unless the file already holds exactly these bytes (or, cheaper, it
    equals `loaded`, the manifest as read from that file)."""
    if loaded is not None and loaded.source == manifest.source and loaded.sheets == manifest.sheets \
            and Path(path).is_file():
        return False
    data = manifest.to_bytes()
    try:
        if Path(path).read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(Path(path), data)
    return True
