"""PDFs for many replies in one LibreOffice run.

Starting LibreOffice costs seconds; converting one more document costs a fraction of that. So a
worker converts its whole chunk at once, in a private LibreOffice profile (several workers, or a
LibreOffice the clerk has open, then do not block each other).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.layout.pdf import PdfUnavailable, find_soffice
from drafter.textio import atomic_write


def convert_batch(docx_paths: list[Path], timeout_each: float = 30) -> dict[Path, str]:
    """Write NAME.pdf beside each NAME.docx. Returns {docx path: error message} for those that
    failed (empty when all succeeded). Raises PdfUnavailable when LibreOffice is not installed."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable("未安装 LibreOffice，无法生成 PDF（Word 文件已生成）")
    errors: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        tmpdir = Path(tmp)
        sources = []
        for i, path in enumerate(docx_paths):  # copies under plain names: any path, any characters
            source = tmpdir / f"{i:05d}.docx"
            shutil.copyfile(path, source)
            sources.append(source)
        profile = (tmpdir / "profile").resolve().as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(tmpdir), *map(str, sources)]
        detail = ""
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=60 + timeout_each * len(sources))
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[:300]
        except subprocess.TimeoutExpired:
            detail = "LibreOffice 转换超时"
        for path, source in zip(docx_paths, sources):
            made = source.with_suffix(".pdf")
            if made.is_file():
                atomic_write(Path(path).with_suffix(".pdf"), made.read_bytes())
            else:
                errors[Path(path)] = f"LibreOffice 未能生成 PDF：{detail}" if detail else "LibreOffice 未能生成 PDF"
    return errors
