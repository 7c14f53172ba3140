"""`drafter render` as a whole process (interpreter start, imports, render, write): median of N runs.

    python bench/cli_startup.py [-n 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "examples"
        shutil.copytree(ROOT / "examples", work)
        sheet = next((work / "临沂市科技局").glob("000-*.yaml"))
        cmd = [sys.executable, "-m", "drafter", "render", str(sheet), "--force"]
        times = []
        for _ in range(args.n + 1):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
        times = times[1:]  # the first run warms the file cache
        print(f"drafter render (whole process), n={args.n}: median {statistics.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
        mods = subprocess.run([sys.executable, "-c", "import sys, drafter.cli.cmd_render, drafter.pipeline; "
                               "print(any(m.startswith('textual') for m in sys.modules))"],
                              capture_output=True, text=True, cwd=ROOT).stdout.strip()
        print(f"Textual imported on the render path: {mods}")


if __name__ == "__main__":
    main()
