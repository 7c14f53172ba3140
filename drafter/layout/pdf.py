"""PDF through LibreOffice (headless), when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from drafter.textio import atomic_write


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed (or not found)."""


class PdfFailed(RuntimeError):
    """LibreOffice ran but made no PDF."""


def find_soffice() -> str | None:
    """The LibreOffice program: on PATH, or in its usual Windows and macOS folders."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = []
    if sys.platform == "win32":
        for root in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            if root:
                candidates.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(c) for c in candidates if c.is_file()), None)


def docx_to_pdf(docx: bytes, target: Path, timeout: float = 180) -> Path:
    """Convert .docx bytes to a PDF at target (written atomically). Raises PdfUnavailable/PdfFailed."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable("未安装 LibreOffice，无法生成 PDF（Word 文件已生成）")
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / "reply.docx"
        source.write_bytes(docx)
        # A private user profile, so a LibreOffice the clerk has open does not swallow the job.
        profile = (tmpdir / "profile").resolve().as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(tmpdir), str(source)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PdfFailed(f"LibreOffice 转换超时（{timeout:.0f} 秒）") from None
        made = tmpdir / "reply.pdf"
        if not made.is_file():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[:300]
            raise PdfFailed(f"LibreOffice 未能生成 PDF：{detail}")
        atomic_write(Path(target), made.read_bytes())
    return Path(target)
