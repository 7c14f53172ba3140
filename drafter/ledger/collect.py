"""The 办理台账's rows: one per reply sheet in a folder, with its status and deadline.

Status and deadline come from workspace.progress (the TUI's list uses the same). Most of a row is
the sheet's YAML; only 已生成 versus 起草中 needs more, and only for sheets that have body text and
are not yet submitted. For those, in order of cost:

1. no Word file where the reply would be written (or a sheet that does not load): known at once;
2. the input record drafter keeps in every .docx it writes (drafter.record): when it matches what
   the sheet is made from now, the file is current (or was finished in Word since) — one small zip
   member and a hash, no composing;
3. otherwise (an older drafter's file without the record, or inputs changed since) the reply is
   composed again and compared with its .docx (the TUI's freshness check), over several
   processes when there are many.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError
from drafter.sheets.load import Loader
from drafter.workspace.freshness import Freshness
from drafter.workspace.progress import Progress, progress_of

PARALLEL_FROM = 60    # replies to compose before starting processes pays
CHUNK = 25
READ_PARALLEL_FROM = 150   # sheets to read before reading them in (forked) worker processes pays
READ_CHUNK_LEAST = 25


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
    docx: Freshness | None = None  # workspace.generate.freshness (see _docx_by_record); None: not looked at
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


class _ReportLoader(Loader):
    """A Loader for one report: each profile and facts file is found and read once (a report is
    short: as in a build, files are taken as stable while it runs), where a Loader reads them
    again for every sheet to catch a save in between."""

    def __init__(self) -> None:
        super().__init__()
        self._found: dict[tuple[Path, str], Path | None] = {}
        self._once: dict[tuple[str, Path], object] = {}

    def _linked(self, sheet, located, field_name, default_name, what):
        if getattr(sheet, field_name):
            return Loader._linked(sheet, located, field_name, default_name, what)
        key = (Path(sheet.path).parent, default_name)
        if key not in self._found:
            self._found[key] = Loader._linked(sheet, located, field_name, default_name, what)
        return self._found[key]

    def _cached(self, kind, path, load):
        key = (kind, Path(path))
        if key not in self._once:
            try:
                self._once[key] = super()._cached(kind, path, load)
            except InputError as exc:
                self._once[key] = exc
        if isinstance(self._once[key], InputError):
            raise self._once[key]
        return self._once[key]


@dataclass(frozen=True)
class _Seen:
    """A sheet's .docx as seen before the sheet is parsed."""

    exists: bool
    record: str | None   # its input record (drafter.record); None: none there


_EXPLICIT_PROFILE = re.compile(r"^profile\s*:", re.MULTILINE)


def _seen_docx(path: Path, profiles: _Profiles) -> _Seen | None:
    """Cheap, before the sheet is parsed: is there a .docx where its reply would be written, and
    what input record does it carry? None: not known yet (a sheet naming its own profile, or
    whose profile does not load: found out the usual way)."""
    from drafter.output import recorded_inputs
    from drafter.pipeline import output_for

    try:
        if _EXPLICIT_PROFILE.search(path.read_text(encoding="utf-8", errors="replace")):
            return None
    except OSError:
        return None
    profile = profiles.for_sheet(path, {})
    if isinstance(profile, InputError):
        return None
    try:
        target = output_for(path, profile)
    except InputError:
        return None
    if not target.exists():
        return _Seen(False, None)
    return _Seen(True, recorded_inputs(target))


def _docx_by_record(located, loader, inputs, seen: _Seen | None) -> tuple[Freshness | None, object]:
    """(freshness, reply): the .docx's freshness when it is known without composing — no Word
    file where the reply would be written, a sheet that does not load, or a file whose input
    record matches what the sheet is made from now — else None, and the loaded reply to compose.

    A matching record means drafter wrote the file from exactly these inputs: it is current, or
    it was finished in Word since (Word keeps the record) — 已生成 either way, so the file's parts
    are not hashed to tell which: CURRENT."""
    from drafter.output import recorded_inputs
    from drafter.pipeline import default_output

    if seen is not None and not seen.exists:
        return Freshness.MISSING, None
    try:
        reply = loader.from_located(located)
        if seen is None:
            target = default_output(reply)
            seen = _Seen(target.exists(), recorded_inputs(target) if target.exists() else None)
    except InputError:
        return Freshness.FAILED, None
    if not seen.exists:
        return Freshness.MISSING, None
    if seen.record is None or seen.record != inputs.record(reply):
        return None, reply
    return Freshness.CURRENT, None


_worker_state: dict = {}


def _rows_composed(paths: list[Path], folder: Path, fingerprint: str) -> list[LedgerRow]:
    """Rows for sheets whose .docx no input record vouches for: its freshness found by composing
    the reply again (workspace.generate). Runs in a worker process when there are many."""
    from drafter.record import Inputs
    from drafter.workspace.generate import reply_freshness

    loader = _worker_state.setdefault("loader", Loader())  # caches by file content: safe to keep
    profiles, inputs = _Profiles(), Inputs(fingerprint)
    out = []
    for path in paths:
        row, located = read_row(path, folder, profiles)
        if row.needs_docx:
            try:
                row.docx = reply_freshness(loader.from_located(located), inputs)
            except InputError:
                row.docx = Freshness.FAILED
        out.append(row)
    return out


class _Composer:
    """Makes the rows of the sheets that must be composed: in this process when they are few,
    else in worker processes, started when the PARALLEL_FROM-th one turns up and fed chunk by
    chunk while this process goes on reading the other sheets."""

    def __init__(self, folder: Path, jobs: int, fingerprint: str):
        self.folder, self.jobs, self.fingerprint = folder, jobs, fingerprint
        self.pending: list[tuple[Path, LedgerRow | None, object]] = []
        self.sent: list = []
        self.pool = None

    def add(self, path: Path, row: LedgerRow | None = None, reply=None) -> None:
        """A sheet to compose: its path (read again where it is composed), or the row and reply
        already read here (composed here unless worker processes take it)."""
        self.pending.append((path, row, reply))
        if self.pool is None and self.jobs > 1 and len(self.pending) >= PARALLEL_FROM:
            from concurrent.futures import ProcessPoolExecutor

            import drafter.pipeline  # noqa: F401 - imported once here, not in each forked worker
            import drafter.workspace.generate  # noqa: F401

            self.pool = ProcessPoolExecutor(max_workers=self.jobs)
        if self.pool is not None:
            while len(self.pending) >= CHUNK:
                self._send(self.pending[:CHUNK])
                del self.pending[:CHUNK]

    def _send(self, pending: list) -> None:
        paths = [path for path, _, _ in pending]
        self.sent.append(self.pool.submit(_rows_composed, paths, self.folder, self.fingerprint))

    def finish(self) -> list[LedgerRow]:
        """The rows of every sheet added."""
        from drafter.record import Inputs
        from drafter.workspace.generate import reply_freshness

        if self.pool is not None and self.pending:
            self._send(self.pending)
            self.pending = []
        inputs, rows = Inputs(self.fingerprint), []
        for _, row, reply in self.pending:
            if row is not None:
                row.docx = reply_freshness(reply, inputs)
                rows.append(row)
        rows += _rows_composed([path for path, row, _ in self.pending if row is None], self.folder, self.fingerprint)
        return rows + [row for future in self.sent for row in future.result()]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _read_rows(paths: list[Path], folder: Path, fingerprint: str, jobs: int) -> list[LedgerRow]:
    """The rows of the sheets at paths, each .docx's freshness included (runs in a worker process
    when collect reads in several; jobs: processes that may compose)."""
    from drafter.record import Inputs

    profiles, loader, inputs = _Profiles(), _ReportLoader(), Inputs(fingerprint)
    composer = _Composer(folder, jobs, fingerprint)
    rows = []
    try:
        for path in paths:
            seen = _seen_docx(path, profiles)
            if seen is not None and seen.exists and seen.record is None:
                composer.add(path)  # an older drafter's file (or not drafter's): composed in any case, read there
                continue
            row, located = read_row(path, folder, profiles)
            if row.needs_docx:
                row.docx, reply = _docx_by_record(located, loader, inputs, seen)
                if row.docx is None:
                    composer.add(path, row, reply)
                    continue
            rows.append(row)
        rows += composer.finish()
    finally:
        composer.close()
    return rows


def _forks() -> bool:
    """Whether worker processes start as copies of this one (cheap to start, nothing to import
    again) and safely so: this process runs one thread (the CLI; not the TUI, whose other
    threads may hold locks a copy would wait on forever). Elsewhere reading stays here, and
    only composing many replies pays for worker processes."""
    import multiprocessing
    import threading

    return multiprocessing.get_start_method(allow_none=False) == "fork" and threading.active_count() == 1


def collect(folder: Path, *, jobs: int | None = None) -> list[LedgerRow]:
    """Every sheet under folder as a LedgerRow, sorted by kind and number (natural order).

    A reply's .docx is current when its input record matches the sheet (drafter.record): a
    year's end, every reply generated, composes nothing. Files without the record (an older
    drafter's) or with another one are composed and compared, over worker processes when many.
    Many sheets are read in worker processes too, where those start as copies of this one."""
    from drafter.build.deps import drafter_fingerprint
    from drafter.sheets.load import find_sheets

    folder = Path(folder)
    paths = find_sheets(folder)
    fingerprint = drafter_fingerprint()  # once, before any worker starts
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(paths) < READ_PARALLEL_FROM or not _forks():
        return sort_rows(_read_rows(paths, folder, fingerprint, jobs))
    from concurrent.futures import ProcessPoolExecutor

    import drafter.pipeline  # noqa: F401 - imported once here, not in each forked worker
    import drafter.record  # noqa: F401
    import drafter.workspace.generate  # noqa: F401

    size = max(READ_CHUNK_LEAST, -(-len(paths) // (jobs * 4)))  # a few chunks a process: even when some compose
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_read_rows, paths[i:i + size], folder, fingerprint, 1)
                   for i in range(0, len(paths), size)]
        return sort_rows([row for future in futures for row in future.result()])


KIND_ORDER = {"政协提案": 0, "人大建议": 1}


def sort_rows(rows: list[LedgerRow]) -> list[LedgerRow]:
    from drafter.workspace.listing import natural_key

    return sorted(rows, key=lambda r: (KIND_ORDER.get(r.kind, 2), r.session, natural_key(r.number), r.rel))
