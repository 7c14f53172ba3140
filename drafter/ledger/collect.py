"""The 办理台账's rows: one per reply sheet in a folder, with its status and deadline.

Status and deadline come from workspace.progress (the TUI's list uses the same). Most of a row is
the sheet's YAML; only 已生成 versus 起草中 needs more, and only for sheets that have body text and
are not yet submitted. For those, in order of cost:

1. the .docx's no-clobber state (drafter.output): missing, edited in Word, or not drafter's is
   known without composing;
2. the `drafter build` record (.drafter-build.json): a reply built by `drafter build` whose inputs
   and Word file are unchanged is up to date — build's own dry-run check says so, no composing;
3. otherwise the reply is composed again and compared byte for byte with its .docx (the TUI's
   freshness check), over several processes when there are many.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError
from drafter.workspace.freshness import Freshness
from drafter.workspace.progress import Progress, progress_of

PARALLEL_FROM = 60    # replies to compose before starting processes pays
CHUNK = 25


@dataclass
class LedgerRow:
    """One reply as the 台账 lists it."""

    path: Path
    rel: str
    kind: str = ""                 # 政协提案 / 人大建议 ('' when the sheet does not say)
    session: str = ""
    number: str = ""
    title: str = ""
    proposers: str = ""
    handling: str = "主办"
    lead_unit: str = ""
    handling_type: str = ""
    wenhao: str = ""
    disclosure: str = ""           # the sheet's, else its profile's; '' when neither says
    progress: Progress = field(default_factory=lambda: progress_of({}))
    docx: Freshness | None = None  # workspace.generate.freshness; None: not looked at
    problem: str | None = None     # why the sheet (or its profile) could not be read

    @property
    def status(self) -> str:
        return self.progress.status(self.docx)

    @property
    def needs_docx(self) -> bool:
        """Whether the status hangs on the .docx's freshness (see workspace.progress)."""
        return self.progress.submitted is None and self.progress.body and self.problem is None


class _Profiles:
    """Each sheet's profile (explicit `profile:` or the nearest profile.yaml), looked up once per
    folder and loaded once per file."""

    def __init__(self) -> None:
        self._nearest: dict[Path, Path | None] = {}
        self._loaded: dict[Path, object] = {}

    def for_sheet(self, path: Path, data: dict):
        """The Profile, or an InputError saying why there is none."""
        from drafter.errors import Where
        from drafter.sheets.load import PROFILE_NAME, find_upward, load_profile

        named = data.get("profile")
        if isinstance(named, str) and named.strip():
            found = path.parent / named.strip()
        else:
            folder = path.parent
            if folder not in self._nearest:
                self._nearest[folder] = find_upward(folder, PROFILE_NAME)
            found = self._nearest[folder]
            if found is None:
                return InputError(f"找不到单位信息文件 {PROFILE_NAME}", Where(path))
        if found not in self._loaded:
            try:
                self._loaded[found] = load_profile(found)
            except InputError as exc:
                self._loaded[found] = exc
        return self._loaded[found]


def _plain(value) -> str:
    from drafter.workspace.listing import plain_text

    return plain_text(value)


def read_row(path: Path, folder: Path, profiles: _Profiles):
    """(row, located) for one sheet: the row from its YAML and its profile's disclosure (the .docx
    is not looked at), and the parsed YAML (None when it does not parse)."""
    from drafter.model.profile import KIND_ALIASES
    from drafter.model.sheet import HANDLING_ALIASES
    from drafter.sheets.load import read_located
    from drafter.workspace.listing import relative

    path = Path(path)
    row = LedgerRow(path, relative(path, folder))
    try:
        located = read_located(path)
        data = located.data
    except InputError as exc:
        row.problem = str(exc)
        return row, None
    kind = _plain(data.get("kind"))
    row.kind = KIND_ALIASES.get(kind, kind)
    row.session = _plain(data.get("session"))
    row.number = _plain(data.get("number")).removeprefix("第").removesuffix("号")
    row.title = _plain(data.get("proposal_title"))
    row.proposers = _plain(data.get("proposers"))
    handling = _plain(data.get("handling"))
    row.handling = HANDLING_ALIASES.get(handling, handling) or "主办"
    row.lead_unit = _plain(data.get("lead_unit"))
    row.handling_type = _plain(data.get("handling_type"))
    row.wenhao = _plain(data.get("wenhao"))
    row.progress = progress_of(data)
    profile = profiles.for_sheet(path, data)
    if "disclosure" in data:
        row.disclosure = _plain(data.get("disclosure"))
    elif not isinstance(profile, InputError):
        row.disclosure = profile.disclosure or ""
    return row, located


def _built_current(folder: Path) -> frozenset[Path]:
    """Sheets whose .docx `drafter build` made and which are unchanged since (its dry run)."""
    from drafter.build.manifest import MANIFEST_NAME
    from drafter.build.run import UPTODATE, Options, build

    if not (folder / MANIFEST_NAME).is_file():
        return frozenset()
    try:
        report = build(Options(folder=folder, dry_run=True))
    except InputError:
        return frozenset()
    return frozenset(Path(o.path).resolve() for o in report.outcomes if o.status == UPTODATE)


_worker_state: dict = {}


def _rows_with_docx(paths: list[Path], folder: Path, current: frozenset[Path]) -> list[LedgerRow]:
    """Rows for sheets that may have a .docx, their freshness included: from the build record when
    it vouches for the file, else by composing the reply again (runs in a worker process)."""
    from drafter.sheets.load import Loader
    from drafter.workspace.generate import reply_freshness

    loader = _worker_state.setdefault("loader", Loader())
    profiles = _worker_state.setdefault("profiles", _Profiles())
    out = []
    for path in paths:
        row, located = read_row(path, folder, profiles)
        if row.needs_docx:
            if path.resolve() in current:
                row.docx = Freshness.CURRENT
            else:
                try:
                    row.docx = reply_freshness(loader.from_located(located))
                except InputError:
                    row.docx = Freshness.FAILED
        out.append(row)
    return out


_EXPLICIT_PROFILE = re.compile(r"^profile\s*:", re.MULTILINE)


def _may_have_docx(path: Path, profiles: _Profiles) -> bool:
    """Cheap, without parsing the sheet: is there a Word file where its reply would be written?
    (A sheet naming its own profile is assumed to have one; the worker finds out.)"""
    from drafter.pipeline import output_for

    try:
        if _EXPLICIT_PROFILE.search(path.read_text(encoding="utf-8", errors="replace")):
            return True
    except OSError:
        return False
    profile = profiles.for_sheet(path, {})
    if isinstance(profile, InputError):
        return False
    try:
        return output_for(path, profile).exists()
    except InputError:
        return False


def collect(folder: Path, *, jobs: int | None = None) -> list[LedgerRow]:
    """Every sheet under folder as a LedgerRow, sorted by kind and number (natural order).

    Sheets with a Word file go to worker processes (when there are many) while this process reads
    the others: a year's end, when every reply has its .docx, composes a thousand replies."""
    from drafter.sheets.load import find_sheets

    folder = Path(folder)
    profiles = _Profiles()
    paths = find_sheets(folder)
    with_docx = [p for p in paths if _may_have_docx(p, profiles)]
    current = _built_current(folder) if with_docx else frozenset()
    to_compose = [p for p in with_docx if p.resolve() not in current]
    jobs = jobs or os.cpu_count() or 1
    pool = None
    if jobs > 1 and len(to_compose) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor

        import drafter.pipeline  # noqa: F401 - imported once here, not in each forked worker
        import drafter.workspace.generate  # noqa: F401

        pool = ProcessPoolExecutor(max_workers=jobs)
        chunks = [to_compose[i:i + CHUNK] for i in range(0, len(to_compose), CHUNK)]
        futures = [pool.submit(_rows_with_docx, chunk, folder, current) for chunk in chunks]
    try:
        in_pool = set(to_compose) if pool is not None else set()
        has_docx = set(with_docx)
        rows = [read_row(p, folder, profiles)[0] for p in paths if p not in has_docx]
        for row in rows:
            if row.needs_docx:
                row.docx = Freshness.MISSING
        rows += _rows_with_docx([p for p in with_docx if p not in in_pool], folder, current)
        if pool is not None:
            rows += [row for future in futures for row in future.result()]
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return sort_rows(rows)


KIND_ORDER = {"政协提案": 0, "人大建议": 1}


def sort_rows(rows: list[LedgerRow]) -> list[LedgerRow]:
    from drafter.workspace.listing import natural_key

    return sorted(rows, key=lambda r: (KIND_ORDER.get(r.kind, 2), r.session, natural_key(r.number), r.rel))
