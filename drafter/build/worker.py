"""Rendering sheets in a worker process and recording what each one was built from.

A Worker keeps one Loader (profiles and facts parsed once per process) and its own caches of
file hashes and template closures for the whole build, so the sheets of a chunk — and of every
later chunk the same process gets — share them. Everything here is picklable and importable at
module level, as the spawn start method (Windows) requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

BUILT, UNCHANGED, EDITED, FAILED = "built", "unchanged", "edited", "failed"


@dataclass(frozen=True)
class Config:
    """What every worker needs to know about the build."""

    folder: str
    outdir: str | None
    force: bool
    pdf: bool
    fingerprint: str


@dataclass
class Job:
    key: str
    path: str                  # the sheet, as found (messages show it this way)
    sheet_hash: str
    target: str | None         # OUTDIR target; None: the sheet's default output
    pdf_only: bool = False     # the .docx is current, only its PDF is missing or stale
    entry: dict | None = None  # the current manifest entry (pdf_only jobs)


@dataclass
class Result:
    key: str
    status: str                # BUILT | UNCHANGED | EDITED | FAILED
    message: str = ""
    target: str | None = None
    entry: dict | None = None  # the new manifest entry; None: keep the old one (or record failure)
    notices: list[str] = field(default_factory=list)


class Worker:
    """Renders jobs; one per process (or one for a serial build)."""

    def __init__(self, config: Config):
        from drafter.build.discover import PathCodec
        from drafter.record import Inputs
        from drafter.sheets.load import Loader

        self.config = config
        self.loader = Loader()
        self.src = PathCodec(Path(config.folder))
        self.out = PathCodec(Path(config.outdir or config.folder))
        self._files: dict[Path, str | None] = {}
        self._closures: dict[tuple[Path, Path], object] = {}
        self._contents: dict[tuple, object] = {}
        self._io = None  # the write threads, started with the first chunk
        self.inputs = Inputs(config.fingerprint)  # the input record each .docx carries

    # -- cached hashes (a build is short: files are taken as stable while it runs) --

    def file_hash(self, path: Path | None) -> str | None:
        from drafter.build.deps import digest
        from drafter.errors import InputError
        from drafter.textio import MAX_INPUT_BYTES, read_bytes

        if path is None:
            return None
        path = Path(path)  # resolved by the Loader already
        if path not in self._files:
            try:
                self._files[path] = digest(read_bytes(path, MAX_INPUT_BYTES))
            except InputError:
                self._files[path] = None
        return self._files[path]

    def _content(self, kind: str, obj, file_hash: str | None, make):
        key = (kind, getattr(obj, "path", None), file_hash)
        if key not in self._contents:
            self._contents[key] = make(obj)
        return self._contents[key]

    def closure(self, entry: Path, root: Path):
        from drafter.build.deps import template_closure

        if (entry, root) not in self._closures:
            self._closures[entry, root] = template_closure(entry, root)
        return self._closures[entry, root]

    # -- jobs --

    def run_chunk(self, jobs: list[Job]) -> list[Result]:
        """Render the chunk's sheets, each written by a thread while the next one renders: the
        atomic write's fsync waits on the disk without holding the GIL (at thousands of files
        it costs more than rendering)."""
        if self._io is None:
            from concurrent.futures import ThreadPoolExecutor

            self._io = ThreadPoolExecutor(2, thread_name_prefix="drafter-write")
        started = [self.start(job) for job in jobs]
        results = [self.finish(job, s) for job, s in zip(jobs, started)]
        if self.config.pdf:
            self._pdfs(jobs, results)
        return results

    def close(self) -> None:
        if self._io is not None:
            self._io.shutdown(wait=True)
            self._io = None

    def run(self, job: Job) -> Result:
        """One job, start to finish (no overlap)."""
        return self.finish(job, self.start(job))

    def start(self, job: Job):
        """Render the job and hand its write to the I/O thread: a Result when it ended early,
        else (future of write_reply, target, entry)."""
        from drafter.errors import InputError
        from drafter.output import write_reply

        if job.pdf_only:
            return Result(job.key, UNCHANGED, target=job.target, entry=dict(job.entry))
        try:
            target, docx, entry = self._render(job)
        except InputError as exc:
            return Result(job.key, FAILED, str(exc))
        except Exception as exc:  # a bug must not stop the other sheets; say where it happened
            return _internal(job, exc)
        if self._io is None:
            return _Done(write_reply, target, docx, force=self.config.force), target, entry
        return self._io.submit(write_reply, target, docx, force=self.config.force), target, entry

    def finish(self, job: Job, started) -> Result:
        from drafter.output import OverwriteRefused, WriteFailed

        if isinstance(started, Result):
            return started
        future, target, entry = started
        try:
            written = future.result()
        except OverwriteRefused as exc:
            return Result(job.key, EDITED, str(exc), str(exc.path))
        except WriteFailed as exc:
            return Result(job.key, FAILED, str(exc))
        except Exception as exc:
            return _internal(job, exc)
        return Result(job.key, BUILT if written else UNCHANGED, target=str(target), entry=entry)

    def _render(self, job: Job) -> tuple[Path, bytes, dict]:
        from drafter.build.deps import digest
        from drafter.pipeline import default_output, render
        from drafter.sheets.load import read_located

        located = read_located(Path(job.path))
        reply = self.loader.from_located(located)
        target = Path(job.target) if job.target is not None else default_output(reply)
        docx = render(reply, self.inputs).docx
        return target, docx, self.entry(job, reply, located, target, digest(docx))

    def entry(self, job: Job, reply, located, target: Path, docx_hash: str) -> dict:
        """The manifest entry for a reply just rendered: the hashes of everything it used."""
        from drafter.build.deps import fact_digests, facts_in_sheet, object_digest, used_digests
        from drafter.compose.render import template_path, workspace_root

        sheet, profile, facts = reply.sheet, reply.profile, reply.facts
        profile_file = self.file_hash(profile.path)
        facts_file = self.file_hash(facts.path)
        template = template_path(reply)
        closure = self.closure(template, workspace_root(reply))
        all_facts = self._content("facts", facts, facts_file, fact_digests)
        return {
            "sheet": job.sheet_hash,
            "drafter": self.config.fingerprint,
            "profile": {"path": self.src.encode(profile.path), "explicit": bool(sheet.profile), "file": profile_file,
                        "content": self._content("profile", profile, profile_file, object_digest)},
            "facts": {"path": self.src.encode(facts.path), "explicit": bool(sheet.facts), "file": facts_file,
                      "used": used_digests(all_facts, facts_in_sheet(located.data) | closure.facts)},
            "template": {"entry": self.src.encode(template),
                         "files": {self.src.encode(p): h for p, h in closure.files.items()}},
            "output": {"path": self.out.encode(target), "hash": docx_hash},
        }

    def _pdfs(self, jobs: list[Job], results: list[Result]) -> None:
        """PDFs for the replies of a chunk that have a current .docx, in one LibreOffice run."""
        from drafter.build.pdf import convert_batch
        from drafter.layout.pdf import PdfUnavailable

        todo = [(job, r) for job, r in zip(jobs, results) if r.status in (BUILT, UNCHANGED) and r.entry
                and (job.pdf_only or r.status == BUILT or not _pdf_current(r))]
        if not todo:
            return
        targets = [Path(r.target) for _, r in todo]
        try:
            errors, fonts_note = convert_batch(targets)
        except PdfUnavailable as exc:
            for _, r in todo:
                r.notices.append(f"提示：{exc}")
            return
        if fonts_note:  # the build prints each notice once
            todo[0][1].notices.append(fonts_note)
        for (job, r), target in zip(todo, targets):
            if errors.get(target):
                r.status, r.message = FAILED, f"{target.with_suffix('.pdf')}: 错误：{errors[target]}"
                r.entry.pop("pdf", None)
            else:
                r.entry["pdf"] = r.entry["output"]["hash"]
                if job.pdf_only:
                    r.status = BUILT


class _Done:
    """A write done on the spot, shaped like a future (run() needs no thread)."""

    def __init__(self, fn, *args, **kwargs):
        self._fn, self._args, self._kwargs = fn, args, kwargs

    def result(self):
        return self._fn(*self._args, **self._kwargs)


def _internal(job: Job, exc: Exception) -> Result:
    from drafter.crashlog import internal_error

    return Result(job.key, FAILED, internal_error(exc, job.path))


def _pdf_current(r: Result) -> bool:
    return r.entry.get("pdf") == r.entry["output"]["hash"] and Path(r.target).with_suffix(".pdf").is_file()


# -- the process pool -------------------------------------------------------------------------

_WORKER: Worker | None = None


def _init(config: Config) -> None:
    from drafter.lifeline import die_with_parent

    global _WORKER
    die_with_parent()
    _WORKER = Worker(config)


def _run_chunk(jobs: list[Job]) -> list[Result]:
    return _WORKER.run_chunk(jobs)


def chunks(jobs: list[Job], workers: int, least: int = 1) -> list[list[Job]]:
    """Contiguous runs of sheets (neighbours share a profile and facts), small enough that the
    workers stay evenly loaded and the progress bar moves, large enough to amortise the pickling
    (and, with PDFs, LibreOffice's start-up: `least` sheets per run)."""
    size = max(least, min(64, len(jobs) // (workers * 8)))
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def run_jobs(jobs: list[Job], config: Config, workers: int, on_results, start_method: str | None = None,
             serial_below: int = 24) -> None:
    """Run jobs, calling on_results(list[Result]) as each batch finishes (in the calling process).

    A build of a few sheets runs in this process: starting workers (a fresh interpreter each
    under spawn) would cost more than it saves."""
    if workers <= 1 or len(jobs) < max(2, serial_below):
        worker = Worker(config)
        try:
            for chunk in chunks(jobs, 1, 16 if config.pdf else 1):
                on_results(worker.run_chunk(chunk))
        finally:
            worker.close()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    parts = chunks(jobs, workers, 8 if config.pdf else 1)
    context = multiprocessing.get_context(start_method)
    pool = ProcessPoolExecutor(min(workers, len(parts)), mp_context=context, initializer=_init, initargs=(config,))
    try:
        futures = {pool.submit(_run_chunk, part): part for part in parts}
        for future in as_completed(futures):
            try:
                results = future.result()
            except Exception as exc:  # a worker died (killed, out of memory): its sheets failed
                results = [Result(job.key, FAILED, f"{job.path}: 错误：处理进程异常退出（{type(exc).__name__}: {exc}）")
                           for job in futures[future]]
            on_results(results)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
