"""`drafter build`: every reply under a folder, rendered only when what it depends on changed.

1. discover the sheets and their OUTDIR targets;
2. check each against the manifest (content hashes, see check) — no parsing unless a profile or
   facts library changed — and against its Word file (a hand-edited one is left alone);
3. render the stale ones in a process pool (worker), each worker warm across its chunks;
4. record the new manifest (only if its bytes change) and report.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from drafter.build import worker as W
from drafter.build.check import Checker, Verdict
from drafter.build.deps import digest, drafter_fingerprint
from drafter.build.discover import PathCodec, discover
from drafter.build.manifest import MANIFEST_NAME, Manifest, load, save, source_of
from drafter.errors import InputError, one_line, os_reason
from drafter.textio import read_bytes

BUILT, UPTODATE, EDITED, FAILED, PENDING = "built", "uptodate", "edited", "failed", "pending"


@dataclass
class Options:
    folder: Path = Path(".")
    outdir: Path | None = None
    jobs: int | None = None          # None: every core this process may use
    force: bool = False
    dry_run: bool = False
    pdf: bool = False
    start_method: str | None = None  # multiprocessing context; None: the platform's default
    serial_below: int = 24           # fewer stale sheets than this: render in this process


@dataclass
class Outcome:
    key: str
    path: Path                       # the sheet
    status: str                      # BUILT | UPTODATE | EDITED | FAILED | PENDING (dry run)
    message: str = ""
    reasons: list[str] = field(default_factory=list)
    target: str | None = None
    entry: dict | None = field(default=None, repr=False)  # the manifest entry of a reply just rendered


@dataclass
class Report:
    outcomes: list[Outcome]
    dry_run: bool
    manifest: Path
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)
    unrecorded: str | None = None    # why the manifest could not be written

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def having(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def failed(self) -> bool:
        return any(o.status == FAILED for o in self.outcomes)

    @property
    def incomplete(self) -> bool:
        """Something was not written: a failure, a hand-edited file left alone, the manifest."""
        return self.failed or any(o.status == EDITED for o in self.outcomes) or self.unrecorded is not None


def default_jobs() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # Windows, macOS
        return max(1, os.cpu_count() or 1)


def build(options: Options, progress=None) -> Report:
    """Build the folder's replies. progress(done, total) is called as rendering proceeds.
    Raises InputError only for a bad FOLDER/OUTDIR; every per-sheet problem is an Outcome."""
    from drafter.output import OverwriteRefused, State, docx_state

    started = time.perf_counter()
    folder = Path(options.folder)
    outdir = Path(options.outdir) if options.outdir is not None else None
    sheets = discover(folder, outdir)
    home = outdir if outdir is not None else folder
    manifest_path = home / MANIFEST_NAME
    manifest, note = load(manifest_path, source_of(folder, home))
    fingerprint = drafter_fingerprint()
    src, out = PathCodec(folder), PathCodec(home)
    checker = Checker(src, fingerprint)
    report = Report([], options.dry_run, manifest_path)
    if note and manifest.sheets == {}:
        report.notices.append(f"提示：{note}，全部重新生成")

    outcomes: dict[str, Outcome] = {}
    hashes: dict[str, str] = {}
    verdicts: dict[str, Verdict] = {}
    jobs: list[W.Job] = []
    claimed: dict[Path, str] = {}
    resolved = _Resolver()
    outdir_real = outdir.resolve() if outdir is not None else None
    for s in sheets:
        outcome = outcomes[s.key] = Outcome(s.key, s.path, UPTODATE, target=str(s.target) if s.target else None)
        try:
            hashes[s.key] = digest(read_bytes(s.path))
        except InputError as exc:
            outcome.status, outcome.message = FAILED, str(exc)
            continue
        if s.target is not None:
            real = resolved(s.target)
            other = claimed.setdefault(real, s.key)
            if other != s.key:
                outcome.status = FAILED
                outcome.message = f"{s.path}: 错误：与 {other} 输出到同一个 Word 文件 {s.target}，请改名其中一份"
                continue
            if not real.is_relative_to(outdir_real):
                outcome.status, outcome.message = FAILED, f"{s.path}: 错误：输出位置 {s.target} 超出了输出文件夹"
                continue
        entry = manifest.sheets.get(s.key)
        verdict = Verdict(["强制重新生成（--force）"]) if options.force else checker.check(s.path, hashes[s.key], entry)
        verdicts[s.key] = verdict
        # The Word file: known beforehand under OUTDIR, or recorded when the inputs are unchanged
        # (otherwise the profile may have moved it: the worker checks it when writing).
        target = s.target
        recorded = (verdict.entry or {}).get("output")
        if target is None and recorded and not verdict.reasons:
            target = out.decode(recorded["path"])
        outcome.target = str(target) if target else outcome.target
        if target is not None:
            now = checker.file_hash(target)
            if now is None and recorded and not verdict.reasons:
                verdict.reasons.append("Word 文件不存在")
            elif now is not None and now != (recorded or {}).get("hash"):
                state = docx_state(target)
                if state in (State.EDITED, State.FOREIGN) and not options.force:
                    outcome.status, outcome.message = EDITED, str(OverwriteRefused(target, state))
                    continue
                if recorded and not verdict.reasons:
                    verdict.reasons.append("Word 文件与上次生成的不同")
        pdf_only = False
        if options.pdf and not verdict.reasons and target is not None:
            entry_now = verdict.entry
            if entry_now.get("pdf") != recorded["hash"] or not target.with_suffix(".pdf").is_file():
                verdict.reasons.append("PDF 未生成或已过期")
                pdf_only = True
        if verdict.reasons:
            outcome.status, outcome.reasons = PENDING, verdict.reasons
            known = target if pdf_only else s.target  # a PDF-only job needs the recorded default output
            jobs.append(W.Job(s.key, str(s.path), hashes[s.key], str(known) if known else None,
                              pdf_only, verdict.entry if pdf_only else None))

    if not options.dry_run:
        try:
            if jobs:
                _render(jobs, options, outcomes, report, fingerprint, progress)
                if outdir is None:  # under OUTDIR, targets are distinct by construction (checked above)
                    _collisions(outcomes, sheets, resolved)
        finally:  # interrupted too: what was built is recorded, the rest keeps its old entry
            try:
                _record(manifest, manifest_path, note is None, sheets, outcomes, hashes, verdicts)
            except OSError as exc:  # a read-only or full folder: the report still reaches the clerk
                report.unrecorded = f"{one_line(manifest_path)}: 错误：无法写入构建记录：{os_reason(exc)}（下次将全部重新检查）"
    report.outcomes = [outcomes[s.key] for s in sheets]
    report.seconds = time.perf_counter() - started
    return report


def _record(manifest, manifest_path: Path, loaded_ok: bool, sheets, outcomes: dict[str, Outcome],
            hashes: dict[str, str], verdicts: dict[str, Verdict]) -> None:
    """The new manifest: an entry per sheet present (deleted sheets drop out)."""
    new = {}
    for s in sheets:
        o, old = outcomes[s.key], manifest.sheets.get(s.key)
        if o.entry is not None:
            new[s.key] = o.entry
        elif o.status == FAILED and s.key in hashes:
            new[s.key] = {"sheet": hashes[s.key], "failed": True}  # retried next time
        elif o.status == UPTODATE and s.key in verdicts:
            new[s.key] = verdicts[s.key].entry  # with hashes refreshed where only formatting changed
        elif old is not None:
            new[s.key] = old  # hand-edited (or not reached): keep what it was built from, still stale
    loaded = Manifest(manifest.source, manifest.sheets)
    manifest.sheets = new
    save(manifest_path, manifest, loaded if loaded_ok else None)


def _render(jobs, options: Options, outcomes: dict[str, Outcome], report: Report, fingerprint: str, progress) -> None:
    config = W.Config(str(Path(options.folder)), str(options.outdir) if options.outdir is not None else None,
                      options.force, options.pdf, fingerprint)
    done = 0
    seen_notices: set[str] = set()

    def on_results(results: list[W.Result]) -> None:
        nonlocal done
        for r in results:
            o = outcomes[r.key]
            o.status = {W.BUILT: BUILT, W.UNCHANGED: UPTODATE, W.EDITED: EDITED}.get(r.status, FAILED)
            o.message, o.target = r.message, r.target or o.target
            o.entry = r.entry
            for n in r.notices:
                if n not in seen_notices:
                    seen_notices.add(n)
                    report.notices.append(n)
        done += len(results)
        if progress:
            progress(done, len(jobs))

    workers = options.jobs or default_jobs()
    if os.name == "nt":
        workers = min(workers, 61)  # ProcessPoolExecutor's limit on Windows
    W.run_jobs(jobs, config, workers, on_results, options.start_method, options.serial_below)


class _Resolver:
    """Paths with the links in their folders followed, once per folder (a link at the file's own
    name is replaced by the atomic write, not written through)."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / path.name


def _collisions(outcomes: dict[str, Outcome], sheets, resolved: _Resolver) -> None:
    """Sheets whose default outputs coincide (a shared output_dir, same file name): each one
    written overwrote the other, so all of them are failures until one is renamed."""
    by_target: dict[Path, list[Outcome]] = {}
    for s in sheets:
        o = outcomes[s.key]
        if o.target and o.status in (BUILT, UPTODATE):
            by_target.setdefault(resolved(Path(o.target)), []).append(o)
    for target, group in by_target.items():
        if len(group) > 1:
            names = "、".join(str(o.path) for o in group)
            for o in group:
                o.status, o.entry = FAILED, None
                o.message = f"{o.path}: 错误：{names} 输出到同一个 Word 文件 {target}，请改名其中一份"
