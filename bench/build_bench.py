"""Benchmark `drafter build`: how the cost grows with the number of sheets.

    python bench/build_bench.py                      # N = 10, 100, 1000, 10000 on all cores
    python bench/build_bench.py --sizes 10 100 1000 -j 2
    python bench/build_bench.py --per-document       # only the warm per-document figures

For each N it writes N sheets into a temporary folder — copies of the example sheets, 50 to a
folder, each folder with its own copy of the bureau's profile and a facts library whose values
differ from folder to folder — and times, as separate `drafter build` processes under
`/usr/bin/time -v`:

  cold       nothing built yet (no replies, no manifest);
  no change  the same build again (everything up to date);
  one fact   one fact changed in one folder (rebuilds the sheets of that folder citing it).

The machine's 1-minute load average after each size is printed too: on a shared machine the
wall times are only comparable when it is near zero. Peak RSS is reported twice: GNU time's "Maximum resident set size" is that of the largest single
process (the parent or one worker), and "tree" is the largest sum over the parent and its
workers, sampled from /proc every 10 ms (Linux only).

Before that it measures, warm and in one process, what one reply costs (load = YAML parse and
validation, compose = Jinja and markup, write = the .docx writer) against the zip floor: writing
a finished package's parts into a zip with deflate (python-docx's default package, and
drafter's own), and prints where the time goes (cProfile, by package).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PER_FOLDER = 50


# --- the sheets ---------------------------------------------------------------------------------


def usable_examples() -> list[Path]:
    """The example sheets that render now (the examples are being extended while this runs)."""
    from drafter.pipeline import load_and_render
    from drafter.sheets.load import find_sheets

    good = []
    for path in find_sheets(REPO / "examples"):
        try:
            load_and_render(path)
            good.append(path)
        except Exception as exc:  # noqa: BLE001
            print(f"  (skipped {path.relative_to(REPO)}: {exc})", file=sys.stderr)
    return good


def _vary(match: re.Match, factor: float) -> str:
    text = match.group(2)
    try:
        value = float(text)
    except ValueError:
        return match.group(0)
    varied = str(round(value * factor)) if "." not in text else f"{value * factor:.2f}"
    return f'{match.group(1)}"{varied}"'


def make_workspace(root: Path, n: int, examples: list[Path]) -> Path:
    """root/ws with n sheets: example i % E, 50 to a folder with varied facts."""
    from drafter.sheets.load import is_sheet_text

    ws = root / "ws"
    made_folders: dict[tuple[int, int], Path] = {}
    texts = [p.read_text("utf-8") for p in examples]
    for i in range(n):
        e, copy = i % len(examples), i // len(examples)
        group = copy // PER_FOLDER
        folder = made_folders.get((e, group))
        if folder is None:
            source = examples[e].parent
            folder = made_folders[(e, group)] = ws / f"{e}-{source.name}-{group:03d}"
            folder.mkdir(parents=True)
            factor = 1 + (group + 1) * 0.01
            for other in source.iterdir():
                if other.is_file() and not (other.suffix in (".yaml", ".yml") and other.name not in
                                            ("profile.yaml", "facts.yaml") and is_sheet_text(other.read_text("utf-8"))):
                    text = other.read_text("utf-8") if other.suffix in (".yaml", ".yml", ".j2") else None
                    if other.name == "facts.yaml":
                        text = re.sub(r'(\bvalue: )"([^"]*)"', lambda m: _vary(m, factor), text)
                    if text is None:
                        shutil.copy(other, folder / other.name)
                    else:
                        (folder / other.name).write_text(text, "utf-8")
        text = texts[e]
        number = f'number: "{1000 + i}"'
        text, found = re.subn(r"(?m)^number:.*$", number, text, count=1)
        if not found:
            text = re.sub(r"(?m)^(kind:.*)$", rf"\1\n{number}", text, count=1)
        (folder / f"{i:05d}-{examples[e].name}").write_text(text, "utf-8")
    return ws


def change_one_fact(ws: Path) -> tuple[str, Path] | None:
    """Change, in the first folder that has one, a fact its sheets cite."""
    from drafter.build.deps import facts_in_text

    for folder in sorted(p for p in ws.iterdir() if (p / "facts.yaml").is_file()):
        cited: set[str] = set()
        for sheet in folder.glob("*.yaml"):
            if sheet.name not in ("profile.yaml", "facts.yaml"):
                facts_in_text(sheet.read_text("utf-8"), cited)
                break
        facts = folder / "facts.yaml"
        text = facts.read_text("utf-8")
        for name in sorted(cited):
            new, n = re.subn(rf'(\n  {re.escape(name)}:\n    value: )"([^"]*)"', r'\1"9999"', text, count=1)
            if n:
                facts.write_text(new, "utf-8")
                return name, folder
    return None


# --- running a build --------------------------------------------------------------------------


def _tree_rss_kb(root_pid: int) -> int:
    """Sum of VmRSS over root_pid and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as fh:
                status = fh.read()
        except OSError:
            continue
        ppid = re.search(r"PPid:\s+(\d+)", status)
        vm = re.search(r"VmRSS:\s+(\d+)", status)
        if ppid:
            children.setdefault(int(ppid.group(1)), []).append(int(entry))
        rss[int(entry)] = int(vm.group(1)) if vm else 0
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_build(ws: Path, out: Path, jobs: int | None) -> dict:
    """One `drafter build` as its own process: wall seconds, peak RSS (largest process, tree sum)."""
    cmd = [sys.executable, "-m", "drafter", "build", str(ws), "-o", str(out)] + (["-j", str(jobs)] if jobs else [])
    gnu_time = Path("/usr/bin/time")
    if gnu_time.is_file():
        cmd = [str(gnu_time), "-v"] + cmd
    peak = [0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(REPO))
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            if Path("/proc").is_dir():
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    err = stderr.decode("utf-8", "replace")
    largest = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    summary = stdout.decode("utf-8", "replace").strip().splitlines()
    if proc.returncode != 0:
        print(err[-2000:], file=sys.stderr)
    return {"wall": wall, "rss_mb": int(largest.group(1)) / 1024 if largest else None,
            "tree_mb": peak[0] / 1024 if peak[0] else None, "summary": summary[-1] if summary else "",
            "code": proc.returncode}


def built_count(summary: str) -> str:
    m = re.search(r"生成 (\d+) 份", summary)
    return m.group(1) if m else "?"


# --- one document, warm ------------------------------------------------------------------------


def _best_ms(fn, repeat: int) -> float:
    """Median of per-call times over `repeat` calls (ms)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2] * 1000


def zip_floor_ms(package: bytes, repeat: int = 200) -> float:
    """Writing a finished package's parts (already in memory) into a zip with deflate."""
    source = zipfile.ZipFile(io.BytesIO(package))
    parts = [(info, source.read(info.filename)) for info in source.infolist()]

    def write() -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in parts:
                z.writestr(info.filename, data)

    return _best_ms(write, repeat)


def per_document(examples: list[Path], repeat: int = 200) -> None:
    from drafter.compose.render import compose
    from drafter.layout.docx import write_docx
    from drafter.pipeline import page_setup, render
    from drafter.sheets.load import Loader, read_located

    print("## One reply, warm, in one process (median ms)\n")
    print("| sheet | YAML bytes | load | compose | write (.docx) | total | .docx bytes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    loader = Loader()
    totals, packages = [], []
    for path in examples:
        reply = loader.load(path)
        render(reply)  # warm: templates compiled, fixed parts deflated
        blocks = compose(reply)
        setup = page_setup(reply.profile)
        load_ms = _best_ms(lambda: loader.from_located(read_located(path)), repeat)
        compose_ms = _best_ms(lambda: compose(reply), repeat)
        write_ms = _best_ms(lambda: write_docx(blocks, setup), repeat)
        total_ms = _best_ms(lambda: render(loader.load(path)), repeat)
        package = write_docx(blocks, setup)
        packages.append(package)
        totals.append((total_ms, write_ms))
        print(f"| {path.parent.name}/{path.name[:12]}… | {path.stat().st_size} | {load_ms:.2f} | {compose_ms:.2f} | "
              f"{write_ms:.2f} | {total_ms:.2f} | {len(package)} |")
    mean_total = sum(t for t, _ in totals) / len(totals)
    mean_write = sum(w for _, w in totals) / len(totals)

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    pydocx = buf.getvalue()
    floor_pydocx = zip_floor_ms(pydocx)
    floor_ours = sum(zip_floor_ms(p) for p in packages) / len(packages)
    print(f"\nzip floor, python-docx default package ({len(pydocx)} bytes, "
          f"{len(zipfile.ZipFile(io.BytesIO(pydocx)).namelist())} parts): {floor_pydocx:.2f} ms")
    print(f"zip floor, drafter's own packages (mean): {floor_ours:.2f} ms")
    print(f"drafter write_docx (mean): {mean_write:.2f} ms = {mean_write / floor_pydocx:.2f}× the python-docx floor, "
          f"{mean_write / floor_ours:.2f}× its own package's floor")
    print(f"whole reply, sheet file → .docx bytes (mean): {mean_total:.2f} ms = "
          f"{mean_total / floor_pydocx:.2f}× the python-docx floor\n")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(max(1, repeat // 4)):
        for path in examples:
            render(loader.load(path))
    profile.disable()
    stats = pstats.Stats(profile)
    by_package: dict[str, float] = {}
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        f = filename.replace("\\", "/")
        key = ("drafter/" + f.split("/drafter/", 1)[1].split("/")[0] if "/drafter/" in f
               else "yaml" if "/yaml/" in f else "jinja2" if "/jinja2/" in f
               else "markupsafe" if "markupsafe" in f else "stdlib/builtins")
        by_package[key] = by_package.get(key, 0.0) + tottime
    total = sum(by_package.values())
    print("Where a warm render's time goes (cProfile, own time by package):\n")
    for key, value in sorted(by_package.items(), key=lambda kv: -kv[1]):
        print(f"- {key}: {100 * value / total:.0f}%")
    print()


# --- main -------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("-j", "--jobs", type=int, help="worker processes (default: drafter's, all cores)")
    parser.add_argument("--per-document", action="store_true", help="only the warm per-document figures")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()

    examples = usable_examples()
    if not examples:
        print("no example renders", file=sys.stderr)
        return 1
    print(f"examples: {len(examples)} sheets; cores: {os.cpu_count()}; "
          f"jobs: {args.jobs or 'all'}; Python {sys.version.split()[0]}\n")
    per_document(examples)
    if args.per_document:
        return 0

    print("## drafter build (separate processes; wall s, peak RSS MB: largest process / all processes)\n")
    print("| sheets | cold wall | cold RSS | no-change wall | no-change RSS | one fact changed: wall (rebuilt) "
          "| load avg after |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        base = Path(tempfile.mkdtemp(prefix=f"drafter-bench-{n}-")) if not args.keep else args.keep / str(n)
        try:
            ws = make_workspace(base, n, examples)
            out = base / "out"
            cold = run_build(ws, out, args.jobs)
            again = run_build(ws, out, args.jobs)
            changed = change_one_fact(ws)
            one = run_build(ws, out, args.jobs) if changed else None

            def rss(r: dict) -> str:
                return f"{r['rss_mb']:.0f} / {r['tree_mb']:.0f}" if r["rss_mb"] and r["tree_mb"] else "?"

            one_text = f"{one['wall']:.2f} ({built_count(one['summary'])})" if one else "n/a"
            load = f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"
            print(f"| {n} | {cold['wall']:.2f} | {rss(cold)} | {again['wall']:.2f} | {rss(again)} | {one_text} "
                  f"| {load} |", flush=True)
            for r in (cold, again, one):
                if r and r["code"] != 0:
                    print(f"  build failed: {r['summary']}", file=sys.stderr)
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":  # spawn-safe: workers re-import this module
    raise SystemExit(main())
