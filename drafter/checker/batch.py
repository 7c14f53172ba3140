"""Checking many sheets: one sheet at a time, or over several processes for a whole year's replies.

Processes are started with spawn (as on Windows) and each keeps its own Loader, so profiles and
facts are read once per worker. Results come back in the order the sheets were given.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from drafter.errors import InputError, InputErrors, InternalProblem

PARALLEL_FROM = 120  # below this, starting processes costs more than it saves
CHUNK = 40

_loader = None


def check_one(path: Path, today: dt.date | None = None, loader=None) -> tuple[list[InputError], list]:
    """(input errors, findings) for one sheet: errors when it cannot be read or composed."""
    from drafter.checker import check_reply
    from drafter.compose.render import compose
    from drafter.sheets.load import Loader

    global _loader
    if loader is None:
        _loader = _loader or Loader()
        loader = _loader
    try:
        reply = loader.load(path)
        blocks = compose(reply)
        return [], check_reply(reply, blocks, today=today)
    except InputError as exc:
        return (exc.errors if isinstance(exc, InputErrors) else [exc]), []
    except Exception as exc:  # a defect: this sheet reports it (with the log), the others are checked
        from drafter.crashlog import internal_error

        return [InternalProblem(internal_error(exc, path))], []


def _check_chunk(paths: list[Path], today: dt.date | None) -> list[tuple[list[InputError], list]]:
    return [check_one(p, today) for p in paths]


def check_many(paths: list[Path], today: dt.date | None = None, jobs: int | None = None
               ) -> Iterator[tuple[Path, list[InputError], list]]:
    """(path, input errors, findings) per sheet, in order; parallel when there are many sheets."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        from drafter.sheets.load import Loader

        loader = Loader()
        for p in paths:
            yield (p, *check_one(p, today, loader))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    from drafter.lifeline import die_with_parent

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=die_with_parent) as pool:
        for chunk, results in zip(chunks, pool.map(_check_chunk, chunks, [today] * len(chunks))):
            for p, (errors, findings) in zip(chunk, results):
                yield p, errors, findings
