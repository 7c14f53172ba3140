"""PDFs for many replies in one LibreOffice run.

Starting LibreOffice costs seconds; converting one more document costs a fraction of that. So a
worker converts its whole chunk at once, in a private LibreOffice profile (several workers, or a
LibreOffice the clerk has open, then do not block each other), with the font substitutes for
every document of the chunk (layout.fonts).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from drafter.layout.pdf import convert, font_plan, require_soffice
from drafter.textio import atomic_write


def convert_batch(docx_paths: list[Path], timeout_each: float = 30) -> tuple[dict[Path, str], str | None]:
    """Write NAME.pdf beside each NAME.docx. Returns ({docx path: error message} for those that
    failed, the clerk's note on substituted fonts or None). Raises PdfUnavailable when
    LibreOffice is not installed."""
    require_soffice()
    errors: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        tmpdir = Path(tmp)
        sources, documents = [], []
        for i, path in enumerate(docx_paths):  # copies under plain names: any path, any characters
            data = Path(path).read_bytes()
            source = tmpdir / f"{i:05d}.docx"
            source.write_bytes(data)
            sources.append(source)
            documents.append(data)
        plan = font_plan(documents)
        detail = ""
        try:
            proc = convert(sources, tmpdir, plan, timeout=60 + timeout_each * len(sources))
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[:300]
        except subprocess.TimeoutExpired:
            detail = "LibreOffice 转换超时"
        for path, source in zip(docx_paths, sources):
            made = source.with_suffix(".pdf")
            if made.is_file():
                atomic_write(Path(path).with_suffix(".pdf"), made.read_bytes())
            else:
                errors[Path(path)] = f"LibreOffice 未能生成 PDF：{detail}" if detail else "LibreOffice 未能生成 PDF"
    return errors, plan.note()
