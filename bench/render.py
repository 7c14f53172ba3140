"""Render the seed-000 example N times in one process; print median ms per document, beside
docxtpl rendering the same paragraphs in the same run.

    python bench/render.py [-n 200]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.compose.render import compose  # noqa: E402
from drafter.layout.docx import write_docx  # noqa: E402
from drafter.pipeline import page_setup  # noqa: E402
from drafter.sheets.load import Loader  # noqa: E402

SHEET = next((ROOT / "examples" / "临沂市科技局").glob("000-*.yaml"))


def timed(fn, n: int) -> list[float]:
    fn()  # warm
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def docxtpl_baseline(texts: list[str], tmp: Path):
    """A docxtpl template that loops over the same paragraphs (no GB/T styling at all)."""
    import docx
    from docxtpl import DocxTemplate

    d = docx.Document()
    d.add_paragraph("{%p for t in paragraphs %}")
    d.add_paragraph("{{ t }}")
    d.add_paragraph("{%p endfor %}")
    path = tmp / "baseline.docx"
    d.save(path)

    def run():
        tpl = DocxTemplate(path)
        tpl.render({"paragraphs": texts})
        tpl.save(io.BytesIO())

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()
    loader = Loader()
    reply = loader.load(SHEET)
    setup = page_setup(reply.profile)
    blocks = compose(reply)

    full = timed(lambda: write_docx(compose(loader.load(SHEET)), setup), args.n)
    compose_write = timed(lambda: write_docx(compose(reply), setup), args.n)
    write_only = timed(lambda: write_docx(blocks, setup), args.n)
    with tempfile.TemporaryDirectory() as tmp:
        baseline = timed(docxtpl_baseline([b.full_text for b in blocks], Path(tmp)), max(20, args.n // 4))
    rows = [
        ("drafter: load sheet + compose + write .docx", full),
        ("drafter: compose + write .docx", compose_write),
        ("drafter: write .docx only", write_only),
        ("docxtpl: same paragraphs, unstyled", baseline),
    ]
    print(f"seed 000 example, {len(blocks)} blocks, {len(write_docx(blocks, setup))} bytes; n={args.n}")
    for name, values in rows:
        print(f"{name:45s} median {statistics.median(values):7.2f} ms  (min {min(values):.2f}, max {max(values):.2f})")
    ratio = statistics.median(baseline) / statistics.median(full)
    print(f"docxtpl / drafter (median, whole path): {ratio:.1f}x")


if __name__ == "__main__":
    main()
