"""Benchmark: proofread 500 reply sheets (copies of the examples, facts varied) with check_paths.

    python bench/check_bench.py [--sheets 500] [--runs 3]

Each run loads, composes and checks every sheet in a fresh Loader (profiles and facts are
cached per folder, as in real use). Prints, for each run, the wall-clock total and the CPU time
of this process (the fair figure on a busy machine), ms per sheet, the median of the runs, and
where the CPU time goes (YAML loading, composing, the rules).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from drafter.checker import check_paths, check_reply  # noqa: E402
from drafter.compose.render import compose  # noqa: E402
from drafter.sheets.load import Loader, find_sheets  # noqa: E402

EXAMPLES = REPO / "examples"


def _vary_facts(text: str, k: int) -> str:
    """Scale every figure so each workspace cites different numbers."""
    def scale(m: re.Match) -> str:
        value = m.group(2)
        if "." in value:
            return f'{m.group(1)}"{float(value) * (1 + k / 10):.1f}"'
        return f'{m.group(1)}"{int(value) + k * 7}"'
    return re.sub(r'(value:\s*)"(\d+(?:\.\d+)?)"', scale, text)


def build(target: Path, count: int) -> list[Path]:
    """count sheets under target: each example workspace copied several times, facts varied."""
    workspaces = [d for d in sorted(EXAMPLES.iterdir()) if d.is_dir() and find_sheets(d)]
    sheets = [(ws, s) for ws in workspaces for s in find_sheets(ws)]
    if not sheets:
        raise SystemExit("examples/ 里没有答复事实单")
    copies = 10
    made: list[Path] = []
    for k in range(copies):
        for ws in workspaces:
            dest = target / f"{ws.name}-{k}"
            dest.mkdir(parents=True)
            for name in ("profile.yaml", "facts.yaml"):
                if (ws / name).is_file():
                    text = (ws / name).read_text(encoding="utf-8")
                    (dest / name).write_text(_vary_facts(text, k) if name == "facts.yaml" else text, encoding="utf-8")
    i = 0
    while len(made) < count:
        ws, sheet = sheets[i % len(sheets)]
        k = (i // len(sheets)) % copies
        text = sheet.read_text(encoding="utf-8")
        text = re.sub(r'^number:\s*"?\d+"?', f'number: "{100 + i}"', text, count=1, flags=re.M)
        path = target / f"{ws.name}-{k}" / f"{i:03d}-{sheet.name}"
        path.write_text(text, encoding="utf-8")
        made.append(path)
        i += 1
    return made


def run_once(folder: Path) -> tuple[float, float, int]:
    start, cpu = time.perf_counter(), time.process_time()
    findings = check_paths([folder], Loader())
    return time.perf_counter() - start, time.process_time() - cpu, len(findings)


def run_parallel(paths: list[Path]) -> float:
    """What `drafter check FOLDER` does by default: all cores, spawned workers."""
    from drafter.checker.batch import check_many

    start = time.perf_counter()
    for _ in check_many(paths):
        pass
    return time.perf_counter() - start


def breakdown(paths: list[Path]) -> dict[str, float]:
    loader = Loader()
    t0 = time.process_time()
    replies = [loader.load(p) for p in paths]
    t1 = time.process_time()
    blocks = [compose(r) for r in replies]
    t2 = time.process_time()
    for r, b in zip(replies, blocks):
        check_reply(r, b)
    t3 = time.process_time()
    return {"读取 YAML 与校验": t1 - t0, "生成（模板）": t2 - t1, "校对规则": t3 - t2}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sheets", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="drafter-check-bench-"))
    try:
        paths = build(tmp, args.sheets)
        walls, cpus = [], []
        n = len(paths)
        for run in range(1, args.runs + 1):
            wall, cpu, found = run_once(tmp)
            walls.append(wall)
            cpus.append(cpu)
            print(f"第{run}次：{n} 份，用时 {wall:.3f} s（每份 {wall / n * 1000:.2f} ms），"
                  f"CPU {cpu:.3f} s（每份 {cpu / n * 1000:.2f} ms），{found} 条发现")
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(f"中位数：用时 {wall:.3f} s（每份 {wall / n * 1000:.2f} ms），CPU {cpu:.3f} s（每份 {cpu / n * 1000:.2f} ms）"
              "；目标：500 份 < 2 s")
        par = statistics.median(run_parallel(paths) for _ in range(args.runs))
        print(f"并行（drafter check 默认，{__import__('os').cpu_count()} 核）：中位数用时 {par:.3f} s（每份 {par / n * 1000:.2f} ms）")
        parts = breakdown(paths)
        print("CPU 分解：" + "，".join(f"{k} {v / n * 1000:.2f} ms/份" for k, v in parts.items()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
