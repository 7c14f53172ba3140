"""`drafter intake`: one new sheet per row of a 交办 list, never one that already exists.

A row already has a sheet when a sheet in the folder has the same kind and number (and the same
session, when both name one), whatever its file is called: running intake twice, or after a clerk
renamed a file, creates nothing new. Existing files are never overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError, Where
from drafter.intake.columns import NoHeader, map_columns, parse_overrides
from drafter.intake.rows import Entry, RowProblem, defaults_for, read_entries
from drafter.intake.table import read_grids
from drafter.model.profile import KIND_ALIASES


@dataclass
class Intake:
    """What intake did (or, with dry_run, would do)."""

    created: list[tuple[Entry, Path]] = field(default_factory=list)
    existing: list[tuple[Entry, Path]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def number_key(number: str) -> str:
    """069, 69 and 第69号 are one proposal (a list or an older sheet may have lost the zeros)."""
    bare = re.sub(r"^第|号$", "", str(number).strip())
    return (bare.lstrip("0") or bare) if bare.isdigit() else bare


@dataclass(frozen=True)
class Known:
    path: Path
    session: str


class Index:
    """The sheets a folder already has, by kind and number."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], list[Known]] = {}
        self.names: set[str] = set()

    def find(self, kind: str, number: str, session: str) -> Path | None:
        for known in self.by_key.get((kind, number_key(number)), []):
            if not known.session or not session or known.session == session:
                return known.path
        return None

    def add(self, kind: str, number: str, session: str, path: Path) -> None:
        self.by_key.setdefault((kind, number_key(number)), []).append(Known(path, session))
        self.names.add(path.name.lower())


def index_folder(folder: Path, notices: list[str]) -> Index:
    from drafter.sheets.load import find_sheets
    from drafter.sheets.yamlio import load_yaml
    from drafter.textio import read_text

    index = Index()
    if not folder.is_dir():
        return index
    for path in find_sheets(folder):
        index.names.add(path.name.lower())
        try:
            data = load_yaml(read_text(path), path).data
        except InputError as exc:
            notices.append(f"{path}: 无法读取（{exc.message}），查重时未计入")
            continue
        if not isinstance(data, dict):
            continue
        kind = str(data.get("kind") or "").strip()
        number = str(data.get("number") or "").strip()
        if number:
            index.add(KIND_ALIASES.get(kind, kind), number, " ".join(str(data.get("session") or "").split()), path)
    return index


def own_names(folder: Path, notices: list[str]) -> tuple[str, ...]:
    """This bureau's names from the folder's profile: who is 主办 when the list names units only."""
    from drafter.sheets.load import PROFILE_NAME, find_upward, load_profile

    found = find_upward(folder, PROFILE_NAME) if folder.is_dir() else None
    if found is None:
        return ()
    try:
        profile = load_profile(found)
    except InputError as exc:
        notices.append(f"单位信息无法读取（{exc.where}: {exc.message}），主办/协办只按清单判断")
        return ()
    names = {profile.name, profile.short_name}
    names |= {n.removeprefix(profile.city) for n in names if profile.city and n.startswith(profile.city)}
    return tuple(sorted((n for n in names if n and len(n) >= 3), key=len, reverse=True))


def sheet_text(entry: Entry) -> str:
    from drafter.sheets.scaffold import new_sheet_text

    return new_sheet_text(entry.kind, proposers=entry.proposers, number=entry.number, proposal_title=entry.title,
                          session=entry.session, proposer_role=entry.proposer_role, handling=entry.handling,
                          lead_unit=entry.lead_unit, co_units=entry.co_units, assigned_date=entry.assigned_date,
                          deadline=entry.deadline)


def _validate(text: str, path: Path) -> str | None:
    """The first schema error of the sheet text about to be written, if any."""
    from drafter.sheets.load import parse_sheet
    from drafter.sheets.yamlio import load_yaml

    try:
        parse_sheet(load_yaml(text, path))
    except InputError as exc:
        return f"{exc.where.field or ''}{'：' if exc.where.field else ''}{exc.message}"
    return None


def _free_name(folder: Path, name: str, taken: set[str]) -> str:
    """name, or name-2.yaml, -3… when a different sheet already has that file name."""
    stem, n = name[:-len(".yaml")], 2
    candidate = name
    while candidate.lower() in taken or (folder / candidate).exists():
        candidate, n = f"{stem}-{n}.yaml", n + 1
    return candidate


def intake(source: Path, into: Path, *, dry_run: bool = False, columns: str | None = None, kind: str | None = None,
           session: str | None = None) -> Intake:
    """Read the list at source and create the missing sheets in into. InputError (nothing written)
    when the list cannot be read or its columns cannot be told; row problems are collected."""
    from drafter.sheets.naming import sheet_file_name
    from drafter.textio import atomic_write_text

    into = Path(into)
    if into.exists() and not into.is_dir():
        raise InputError("--into 应为文件夹", Where(into))
    overrides = parse_overrides(columns)
    kind = KIND_ALIASES.get(kind, kind) if kind else None
    result = Intake()
    mapped = []
    no_header: list[NoHeader] = []
    for grid in read_grids(source):
        try:
            mapped.append(map_columns(grid, overrides))
        except NoHeader as exc:
            no_header.append(exc)
    if not mapped:
        raise no_header[0] if no_header else InputError("清单是空的", Where(source))
    for exc in no_header:
        result.notices.append(f"{exc.where}: 没有找到表头，已跳过这张工作表")
    writes = _Writes()
    own = own_names(into, result.notices)
    index = index_folder(into, result.notices)
    seen: dict[tuple[str, str, str], int] = {}
    try:
        for mapping in mapped:
            if mapping.unused:
                result.notices.append(f"{mapping.grid.where()}: 未使用的列：{'、'.join(mapping.unused)}")
            entries, problems = read_entries(mapping, defaults_for(mapping, kind, session, own))
            result.rows += len(entries) + len({p.row for p in problems})
            result.problems += problems
            for entry in entries:
                key = (entry.kind, number_key(entry.number), entry.session)
                if key in seen:
                    result.problems.append(RowProblem(mapping.grid.path, entry.row, mapping.header_of("number"),
                                                      f"编号 {entry.number} 与第 {seen[key]} 行重复"))
                    continue
                seen[key] = entry.row
                found = index.find(entry.kind, entry.number, entry.session)
                if found is not None:
                    result.existing.append((entry, found))
                    continue
                name = _free_name(into, sheet_file_name(entry.number, entry.proposers, entry.title), index.names)
                path = into / name
                text = sheet_text(entry)
                problem = _validate(text, path)
                if problem:
                    result.problems.append(RowProblem(mapping.grid.path, entry.row, None, problem))
                    continue
                if not dry_run:
                    writes.submit(atomic_write_text, path, text)
                index.add(entry.kind, entry.number, entry.session, path)
                result.created.append((entry, path))
    except BaseException:  # a defect or Ctrl+C: the writes not started yet are dropped
        writes.abandon()
        raise
    writes.finish()
    result.problems.sort(key=lambda p: (str(p.path), p.row))
    return result


class _Writes:
    """The new sheets' files, written by a few threads: each atomic write waits on the disk (its
    fsync) without holding the interpreter, so a 500-row list need not wait 500 times in turn.
    finish() waits for all and raises the first write's OSError, if any (each file is whole or
    absent either way; a second intake finds the ones written)."""

    def __init__(self) -> None:
        self._pool = None
        self._futures: list = []

    def submit(self, fn, *args) -> None:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(4, thread_name_prefix="drafter-intake")
        self._futures.append(self._pool.submit(fn, *args))

    def abandon(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def finish(self) -> None:
        if self._pool is None:
            return
        self._pool.shutdown(wait=True)
        for future in self._futures:
            error = future.exception()
            if error is not None:
                raise error
