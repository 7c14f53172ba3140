"""Loading profiles, facts libraries and reply sheets from disk, with every error located."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError, Where, raise_all
from drafter.model import fields as f
from drafter.model.facts import FACTS_FIELDS, Facts, _RawFacts
from drafter.model.profile import PROFILE_FIELDS, Profile, finish
from drafter.model.sheet import SHEET_FIELDS, Sheet
from drafter.sheets.yamlio import Located, load_yaml
from drafter.textio import read_bytes, read_head, read_text

PROFILE_NAME = "profile.yaml"
FACTS_NAME = "facts.yaml"
_SHEET_MARK = re.compile(r"^kind\s*:", re.MULTILINE)


def read_located(path: Path) -> Located:
    """Read and parse a YAML file; an empty file or a non-mapping is an error."""
    path = Path(path)
    located = load_yaml(read_text(path), path)
    if located.data is None:
        raise InputError("文件是空的", Where(path, 1, 1))
    if not isinstance(located.data, dict):
        raise InputError("文件顶层应为“字段: 值”的形式", Where(path, 1, 1))
    return located


def _build(cls, fields_, located: Located):
    ctx = f.Context(located)
    obj = f.build(cls, fields_, located.data, ctx)
    raise_all(ctx.errors)
    return obj


def workspace_root(folder: Path) -> Path:
    """The folder a sheet's own files must stay in (links resolved): the git repository holding
    it, else the nearest folder with a profile.yaml, else the folder itself."""
    folder = Path(folder).resolve()
    nearest_profile = None
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").exists():
            return candidate
        if nearest_profile is None and (candidate / PROFILE_NAME).is_file():
            nearest_profile = candidate
    return nearest_profile or folder


def ensure_inside(path: Path, root: Path, where: Where, what: str) -> None:
    """Refuse a file that is, or links to, a place outside root: a colleague's commit must not make
    drafter read (and print into a reply) a file elsewhere on the clerk's machine."""
    real = Path(path).resolve()
    if not real.is_relative_to(root):
        raise InputError(f"{what}文件在工作区之外，未读取", where,
                         f"{Path(path).name} 指向 {real}；请把文件放在 {root} 之内")


def _own_file(path: Path, what: str) -> None:
    path = Path(path)
    if not path.is_file():  # missing, a device or a pipe: reading it names it more exactly, unread
        return
    ensure_inside(path, workspace_root(path.parent), Where(path), what)


def load_profile(path: Path) -> Profile:
    _own_file(path, "单位信息")
    located = read_located(path)
    profile = finish(_build(Profile, PROFILE_FIELDS, located))
    profile.path = Path(path)
    return profile


def load_facts(path: Path) -> Facts:
    _own_file(path, "事实库")
    located = read_located(path)
    raw = _build(_RawFacts, FACTS_FIELDS, located)
    facts = Facts(path=Path(path), title=raw.title, present=raw.present)
    for name, fact in list(raw.figures.items()) + list(raw.passages.items()):
        if name in facts.items:
            where = located.where(("passages", name))
            raise InputError(f"名称“{name}”在 figures 和 passages 里重复", where)
        facts.items[name] = fact
    return facts


def parse_sheet(located: Located) -> Sheet:
    """Build and validate a Sheet from parsed YAML (no profile or facts needed)."""
    sheet = _build(Sheet, SHEET_FIELDS, located)
    sheet.path = located.path
    return sheet


def is_sheet_text(text: str) -> bool:
    """Cheap test used when scanning folders: reply sheets have a top-level `kind:`."""
    return bool(_SHEET_MARK.search(text))


def find_sheets(folder: Path) -> list[Path]:
    """Every reply sheet under folder (recursively), sorted; hidden folders are skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in {"__pycache__", "node_modules"})
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and name not in (PROFILE_NAME, FACTS_NAME) and not name.startswith("."):
                path = Path(root) / name
                head = read_head(path, 65536)
                if head is None:  # a pipe, a device, a dangling link: nothing to read (or to wait on)
                    continue
                if is_sheet_text(head.decode("utf-8", "replace")):
                    found.append(path)
    return found


def expand_sheets(paths, *, require_found: bool = False) -> list[Path]:
    """The sheets named, and every sheet under the folders named (in order). With require_found,
    a folder without sheets is an InputError."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        found = find_sheets(p)
        if not found and require_found:
            raise InputError("文件夹里没有答复事实单", Where(p))
        out += found
    return out


def find_upward(start: Path, name: str) -> Path | None:
    """The nearest file called name in start or its parents (stops at a git root)."""
    folder = Path(start).resolve()
    for candidate in [folder, *folder.parents]:
        found = candidate / name
        if found.exists() and not found.is_dir():  # a pipe or a device too: reading it names it
            return found
        if (candidate / ".git").exists():
            return None
    return None


@dataclass
class Reply:
    """A sheet with the profile and facts it uses: everything a reply is composed from."""

    sheet: Sheet
    located: Located
    profile: Profile
    facts: Facts

    @property
    def path(self) -> Path:
        return self.sheet.path


class Loader:
    """Loads replies, keeping profiles and facts libraries cached by path and content."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, Path], tuple[bytes, object]] = {}

    def _cached(self, kind: str, path: Path, load):
        # Keyed by the file's bytes, not its mtime: two saves within one clock tick of the file
        # system (the TUI saves facts and re-renders at once) must not leave a stale copy.
        named, path = Path(path), Path(path).resolve()
        _own_file(named, {"profile": "单位信息", "facts": "事实库"}[kind])
        try:
            content = read_bytes(path)
        except InputError as exc:  # named as the sheet names it, not as the link it may be
            raise InputError(exc.message, Where(named), exc.hint) from None
        hit = self._cache.get((kind, path))
        if hit and hit[0] == content:
            return hit[1]
        value = load(path)
        self._cache[(kind, path)] = (content, value)
        return value

    @staticmethod
    def _linked(sheet: Sheet, located: Located, field_name: str, default_name: str, what: str) -> Path | None:
        """The file a sheet names in field_name (relative to it), else the nearest default_name."""
        base = Path(sheet.path).parent
        named = getattr(sheet, field_name)
        if not named:
            return find_upward(base, default_name)
        path = base / named
        ensure_inside(path, workspace_root(base), located.where((field_name,)), what)
        if not path.is_file():
            raise InputError(f"找不到{what}文件 {named}", located.where((field_name,)))
        return path

    def profile_path(self, sheet: Sheet, located: Located) -> Path:
        path = self._linked(sheet, located, "profile", PROFILE_NAME, "单位信息")
        if path is None:
            raise InputError(f"找不到单位信息文件：请在本文件夹或上级文件夹放一个 {PROFILE_NAME}，"
                             "或用 profile 字段指明", located.where(("kind",), "profile"))
        return path

    def facts_path(self, sheet: Sheet, located: Located) -> Path | None:
        return self._linked(sheet, located, "facts", FACTS_NAME, "事实库")

    def load_profile(self, path: Path) -> Profile:
        return self._cached("profile", path, load_profile)

    def load_facts(self, path: Path | None) -> Facts:
        if path is None:
            return Facts()
        return self._cached("facts", path, load_facts)

    def from_located(self, located: Located) -> Reply:
        if located.path is not None:
            _own_file(located.path, "答复")
        sheet = parse_sheet(located)
        profile = self.load_profile(self.profile_path(sheet, located))
        facts = self.load_facts(self.facts_path(sheet, located))
        return Reply(sheet, located, profile, facts)

    def load(self, path: Path) -> Reply:
        _own_file(path, "答复")  # before reading it: a link out is never opened
        return self.from_located(read_located(path))


def load_reply(path: Path) -> Reply:
    """Load a sheet with its profile and facts (no caching)."""
    return Loader().load(path)
