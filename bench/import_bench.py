"""Batch import benchmark: `drafter import FOLDER --into OUT` on 200 files.

The corpus (seeds, the invented corpus, and ../shared/corpus when present) is replicated into a
temporary folder up to 200 files, a few of them as .docx; the command runs as a clerk would run
it (a fresh process), RUNS times. Prints ms per file and the total for each run and the median.

    python bench/import_bench.py [--files 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
NOT_REPLIES = ("002_", "004_")  # press pages among the seeds: refused, not imported


def corpus() -> list[Path]:
    files = [p for p in sorted((REPO / "seeds").glob("*.txt")) if not p.name.startswith(NOT_REPLIES)]
    files += sorted((REPO / "tests" / "corpus").glob("*/*.txt"))
    if SHARED.is_dir():
        for sub in ("replies", "pages", "partial"):
            files += sorted((SHARED / sub).glob("*.txt"))
    return files


def as_docx(text: str, path: Path) -> None:
    """The text as a Word file, one paragraph per line, runs split mid-word."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        p = document.add_paragraph()
        for i in range(0, len(line), 7):
            p.add_run(line[i:i + 7])
    document.save(str(path))


def prepare(folder: Path, n: int) -> None:
    sources = corpus()
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        if i % 20 == 19:
            as_docx(text, folder / f"{i:03d}_{src.stem}.docx")
        else:
            (folder / f"{i:03d}_{src.stem}.txt").write_text(text, encoding="utf-8")


def run_once(inbox: Path, out: Path) -> float:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "drafter", "import", str(inbox), "--into", str(out)],
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8", env=env)
    elapsed = time.perf_counter() - started
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    print(f"  {last}")
    if proc.returncode not in (0, 2):
        raise SystemExit(f"drafter import failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-import-bench-") as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        prepare(inbox, args.files)
        times = []
        for run in range(1, args.runs + 1):
            out = Path(tmp) / f"out{run}"
            seconds = run_once(inbox, out)
            times.append(seconds)
            print(f"run {run}: {seconds:.2f} s total, {seconds / args.files * 1000:.1f} ms per file")
        median = statistics.median(times)
        print(f"median of {args.runs}: {median:.2f} s for {args.files} files "
              f"({median / args.files * 1000:.1f} ms per file; budget 10 s)")


if __name__ == "__main__":
    main()
