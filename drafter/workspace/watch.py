"""Noticing files that changed on disk (a git pull, another editor): stat first, content second.

A poll costs one stat per file. Only when a file's size, mtime or inode moved is it read and
hashed, and only a different hash counts as a change (a `touch` or a checkout of the same content is
not one). A file whose mtime is within RACY seconds of when it was last read is hashed again on the
next poll: a second write in the same clock tick of the file system (FAT keeps 2 s) leaves the stat
unchanged, and would otherwise go unnoticed.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError
from drafter.textio import decode

RACY = 2.0


def text_hash(text: str) -> str:
    """A file's content as drafter sees it (decoded, newlines normalised), hashed."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_hash(path: Path) -> str | None:
    """text_hash of the file, the hash of its raw bytes if it is not readable text, None if it is gone."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    try:
        return text_hash(decode(data, Path(path))[0])
    except InputError:
        return "bytes:" + hashlib.sha256(data).hexdigest()


def _signature(path: Path) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


@dataclass
class FileWatch:
    """One file's content as last seen; `current()` re-reads it only when its stat changed."""

    path: Path
    _sig: tuple | None = None
    _hash: str | None = None
    _trusted: bool = False  # the stat alone can vouch for the content

    def current(self) -> str | None:
        """The file's content hash now (None: missing)."""
        sig = _signature(self.path)
        if sig is not None and sig == self._sig and self._trusted:
            return self._hash
        before = time.time()
        self._hash = None if sig is None else file_hash(self.path)
        self._sig = sig
        self._trusted = sig is not None and before - sig[1] / 1e9 > RACY
        return self._hash

    def seen(self, digest: str | None) -> None:
        """Forget the stat: the next current() reads the file (after this session wrote it, say)."""
        self._sig, self._hash, self._trusted = None, digest, False


def _yaml_files(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in {"__pycache__", "node_modules"}]
        out += [Path(root) / name for name in files if name.endswith((".yaml", ".yml")) and not name.startswith(".")]
    return out


class FolderWatch:
    """The YAML files under a folder (sheets, profiles, facts libraries), polled for changes."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.files: dict[Path, FileWatch] = {}
        self.hashes: dict[Path, str | None] = {}
        self._started = False
        self.poll()

    def poll(self) -> set[Path]:
        """The files added, removed or changed in content since the last poll (none on the first)."""
        first, self._started = not self._started, True
        changed: set[Path] = set()
        present = set(_yaml_files(self.folder))
        for path in list(self.files):
            if path not in present:
                del self.files[path], self.hashes[path]
                changed.add(path)
        for path in present:
            watch = self.files.setdefault(path, FileWatch(path))
            digest = watch.current()
            if self.hashes.get(path, "") != digest:
                self.hashes[path] = digest
                changed.add(path)
        return set() if first else changed

    def seen(self, path: Path) -> None:
        """The workbench itself just wrote path: take its content as known, not as news."""
        path = Path(path)
        if path.is_file():
            watch = self.files.setdefault(path, FileWatch(path))
            self.hashes[path] = watch.current()
