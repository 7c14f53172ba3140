"""Finding the sheets to build and where their Word files go.

Paths recorded in the manifest are relative (POSIX, so a manifest made on Windows reads on
Linux) when they lie under the folder they belong to; built-in templates are `builtin:NAME`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError, Where

BUILTIN = "builtin:"


class PathCodec:
    """Manifest path strings for one root: relative inside it, absolute outside it."""

    def __init__(self, root: Path):
        from drafter.compose.environment import BUILTIN_TEMPLATES

        self.root = Path(root).resolve()
        self.builtin = BUILTIN_TEMPLATES.resolve()
        self._folders: dict[Path, Path] = {}

    def encode(self, path: Path | None) -> str | None:
        if path is None:
            return None
        # Links are followed in the folders, once per folder (a build encodes thousands of paths
        # in a few folders; a link at the file's own name is not followed).
        path = Path(path)
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        path = folder / path.name
        if path.is_relative_to(self.builtin):
            return BUILTIN + path.relative_to(self.builtin).as_posix()
        if path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        return path.as_posix()

    def decode(self, text: str | None) -> Path | None:
        if text is None:
            return None
        if text.startswith(BUILTIN):
            return self.builtin / text[len(BUILTIN):]
        path = Path(text)
        return path if path.is_absolute() else self.root / path


@dataclass(frozen=True)
class Sheet:
    """One sheet found under the build folder."""

    key: str             # its path relative to the folder, POSIX: the manifest key
    path: Path           # as found (relative to the working folder when FOLDER was): used in messages
    target: Path | None  # its .docx under OUTDIR; None: the sheet's default output (needs its profile)


def discover(folder: Path, outdir: Path | None) -> list[Sheet]:
    """Every reply sheet under folder, sorted, with its OUTDIR target when OUTDIR is given.
    OUTDIR mirrors the folders of the sheets relative to folder."""
    from drafter.sheets.load import find_sheets

    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("文件夹不存在" if not folder.exists() else "这不是文件夹", Where(folder))
    if outdir is not None and Path(outdir).exists() and not Path(outdir).is_dir():
        raise InputError("输出位置已有同名文件，应为文件夹", Where(Path(outdir)))
    paths = find_sheets(folder)
    if not paths:
        raise InputError("文件夹里没有答复事实单", Where(folder))
    out = []
    for path in paths:
        rel = Path(os.path.relpath(path, folder))
        target = None if outdir is None else Path(outdir) / rel.with_suffix(".docx")
        out.append(Sheet(rel.as_posix(), path, target))
    return out

