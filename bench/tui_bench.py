"""TUI benchmark: launch → first painted sheet list, and keystroke → updated preview.

    python bench/tui_bench.py [--runs 7] [FOLDER]

Targets (issue 4): first list paint ≤ 1.0 s with the examples; keystroke → preview ≤ 50 ms for a
four-page reply. The launch is timed in a fresh Python process (imports included), from just
before the process is started to the moment the list has its rows and has been painted. The
keystroke is timed in-process with Textual's Pilot, from the key press to the refreshed preview.
Medians are printed; the examples are copied to a temporary folder first (never modified).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CHILD = r"""
import sys, time
from pathlib import Path
from drafter.tui.app import DrafterApp

class Bench(DrafterApp):
    def on_mount(self):  # Textual also runs DrafterApp.on_mount (handlers run along the MRO)
        self.timer = self.set_interval(0.002, self._probe)

    def _probe(self):
        screen = self.list_screen()
        if screen is None or self.screen is not screen or not screen.is_mounted:
            return
        table = screen.query_one("#sheets")
        if table.row_count and table.row_count == len(screen.rows):
            self.timer.stop()
            self.call_after_refresh(self._painted)

    def _painted(self):
        Path(sys.argv[2]).write_text(f"{time.time():.6f}")  # stdout belongs to the app
        self.exit()

Bench(Path(sys.argv[1]), pdf=False, offer_drafts=False).run(headless=True, size=(100, 30))
"""


def launch_times(folder: Path, runs: int) -> list[float]:
    out = []
    stamp = folder.parent / "painted.txt"
    for _ in range(runs):
        stamp.unlink(missing_ok=True)
        start = time.time()
        proc = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(stamp)], capture_output=True,
                              text=True, cwd=REPO, timeout=60)
        if not stamp.exists():
            raise SystemExit(f"launch run failed:\n{proc.stdout}\n{proc.stderr}")
        out.append(float(stamp.read_text()) - start)
    return out


def four_page_sheet(folder: Path) -> Path:
    """The sheet whose preview is closest to four pages."""
    from drafter.compose.render import compose
    from drafter.sheets.load import Loader, find_sheets
    from drafter.tui.paper import page_count

    loader = Loader()
    best = None
    for path in find_sheets(folder):
        try:
            pages = page_count(compose(loader.load(path)))
        except Exception:
            continue
        score = abs(pages - 4)
        if best is None or score < best[0]:
            best = (score, pages, path)
    print(f"keystroke sheet: {best[2].relative_to(folder)} (preview: about {best[1]} pages)")
    return best[2]


async def keystroke_times(folder: Path, sheet: Path, runs: int) -> tuple[list[float], list[float]]:
    from textual import events
    from textual.widgets import Input

    from drafter.tui.app import DrafterApp
    from drafter.tui.screens.editor import EditorScreen

    app = DrafterApp(folder, pdf=False, git=False, offer_drafts=False)
    wall, inside = [], []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause(0.3)
        app.open_sheet(sheet)
        for _ in range(200):
            if isinstance(app.screen, EditorScreen) and app.screen.paper_text:
                break
            await pilot.pause(0.02)
        editor = app.screen
        field = editor.query_one("#f-session", Input)
        field.focus()
        await pilot.press("end")
        await pilot.pause(0.5)  # let the opening check finish
        keys = ["X", "backspace"] * (runs // 2 + 1)
        for key in keys[:runs]:
            await pilot.pause(0.15)  # a typist's gap: each key is measured on its own
            serial = editor.preview_serial
            editor.preview_ms.clear()
            painted = asyncio.Event()
            start = time.perf_counter()
            # As the terminal driver delivers a key (Pilot.press adds idle waits of its own).
            app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
            while editor.preview_serial == serial:
                await asyncio.sleep(0.0005)
            editor.call_after_refresh(painted.set)  # the updated preview has been painted
            await painted.wait()
            wall.append((time.perf_counter() - start) * 1000)
            inside.extend(editor.preview_ms)
    return wall, inside


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=REPO / "examples")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        folder = Path(tmp) / "examples"
        shutil.copytree(args.folder, folder, ignore=shutil.ignore_patterns("*.docx", "*.pdf", ".*"))
        sheets = len(list(folder.rglob("*.yaml")))
        launch = launch_times(folder, args.runs)
        print(f"launch → first painted list ({sheets} YAML files): median {statistics.median(launch) * 1000:.0f} ms "
              f"(runs: {', '.join(f'{t * 1000:.0f}' for t in launch)}; target ≤ 1000 ms)")
        sheet = four_page_sheet(folder)
        wall, inside = asyncio.run(keystroke_times(folder, sheet, max(args.runs, 15)))
        print(f"keystroke → preview painted (key event to repaint): median {statistics.median(wall):.1f} ms "
              f"(min {min(wall):.1f}, max {max(wall):.1f}; target ≤ 50 ms)")
        print(f"field change → preview updated (inside the app): median {statistics.median(inside):.1f} ms")


if __name__ == "__main__":
    main()
