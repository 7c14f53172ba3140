"""Benchmark saving beside git: the three-way merge at save, and the polling that notices pulls.

    python bench/merge_bench.py                 # merge on the largest example sheet; poll 100/500/2000 files
    python bench/merge_bench.py --files 500     # poll figures for one folder size

merge   one save of the 069 example (the largest bundled sheet, ~130 lines) after a pull changed
        another field: merge_text (parse base and disk, merge, minimal-diff write-back) against a
        plain minimal-diff save (apply_changes) of the same edit. Minimum and median of 50 runs.
poll    FolderWatch.poll over N sheets when nothing changed (one stat each) and when one file
        changed (its stat moved: it is read and hashed), minimum and median of 20 polls.

The machine's 1-minute load average is printed: on a shared machine the figures are only
comparable when it is near zero.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from drafter.sheets.edit import apply_changes
from drafter.sheets.merge import merge_text
from drafter.sheets.yamlio import load_yaml
from drafter.workspace.watch import FolderWatch

SHEET = Path(__file__).resolve().parents[1] / "examples" / "临沂市科技局" / "000-赵洁-专精特新.yaml"


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def bench_merge() -> None:
    base = SHEET.read_text(encoding="utf-8")
    mine = load_yaml(base).data
    mine["wenhao"] = "临科函字〔2024〕7号"
    mine["sections"][0]["items"][1]["text"] = "改过的一段。\n"
    theirs = base.replace('number: "069"', 'number: "070"')
    assert not merge_text(base, mine, theirs).conflicts
    lo, med = timed(lambda: merge_text(base, mine, theirs), 50)
    print(f"merge_text (save after a pull)   min {lo:7.2f} ms   median {med:7.2f} ms")
    lo, med = timed(lambda: apply_changes(base, mine), 50)
    print(f"apply_changes (plain save)        min {lo:7.2f} ms   median {med:7.2f} ms")


def bench_poll(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(n):
            sub = folder / f"组{i // 50:03d}"
            sub.mkdir(exist_ok=True)
            shutil.copy(SHEET, sub / f"{i:05d}.yaml")
        watch = FolderWatch(folder)
        old = time.time() - 3600  # files older than the racy window: the stat alone vouches for them
        for path in folder.rglob("*.yaml"):
            os.utime(path, (old, old))
        watch.poll()
        lo, med = timed(watch.poll, 20)
        print(f"poll {n:5d} files, none changed  min {lo:7.2f} ms   median {med:7.2f} ms")
        target = folder / "组000" / "00000.yaml"

        def one_changed():
            target.write_text(target.read_text(encoding="utf-8") + "# x\n", encoding="utf-8")
            assert watch.poll() == {target}

        lo, med = timed(one_changed, 20)
        print(f"poll {n:5d} files, one changed   min {lo:7.2f} ms   median {med:7.2f} ms   (includes the write)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="*", default=[100, 500, 2000])
    args = parser.parse_args()
    print(f"load average (1 min): {os.getloadavg()[0]:.2f}")
    bench_merge()
    for n in args.files:
        bench_poll(n)
    print(f"load average (1 min): {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
