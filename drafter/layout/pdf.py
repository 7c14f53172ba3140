"""PDF through LibreOffice (headless), when it is installed.

Every conversion runs in a private LibreOffice user profile made for it: a LibreOffice the clerk
has open does not swallow the job, and the profile carries the font replacement table that
prints each GB/T font class with the best installed face (layout.fonts).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from drafter.layout import fonts as F
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


def require_soffice() -> str:
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable("未安装 LibreOffice，无法生成 PDF（Word 文件已生成）")
    return soffice


# LibreOffice reads w:overflowPunct the wrong way round (its DOCX import sets "hanging
# punctuation" when the value is 0), so the copy it converts says 1 where the .docx says 0:
# no full-width mark hangs past the type area in Word or in the PDF (gbt9704 §W, W16).
_NO_HANGING_WORD = b'<w:overflowPunct w:val="0"/>'
_NO_HANGING_LIBREOFFICE = b'<w:overflowPunct w:val="1"/>'


def for_libreoffice(docx: bytes) -> bytes:
    """The .docx as LibreOffice must read it to lay it out as Word does."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        styles = z.read("word/styles.xml")
        if _NO_HANGING_WORD not in styles:
            return docx
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in z.infolist():
                data = z.read(info)
                if info.filename == "word/styles.xml":
                    data = data.replace(_NO_HANGING_WORD, _NO_HANGING_LIBREOFFICE)
                dst.writestr(info, data)
    return out.getvalue()


def convert(sources: list[Path], workdir: Path, plan: F.FontPlan, timeout: float) -> subprocess.CompletedProcess:
    """Run LibreOffice once over sources (all in workdir), PDFs next to them, in a fresh profile
    under workdir that carries plan. Raises subprocess.TimeoutExpired."""
    soffice = require_soffice()
    profile = workdir / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(F.registry_xcu(plan), encoding="utf-8")
    env = dict(os.environ)
    fc = F.fontconfig_xml(plan)
    if fc:
        (workdir / "fonts.conf").write_text(fc, encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(workdir / "fonts.conf")
    cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(workdir), *map(str, sources)]
    return subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)


def font_plan(docx_files: list[bytes]) -> F.FontPlan:
    """The font substitutions converting these documents uses (say plan.note() once to the clerk)."""
    return F.plan(F.fonts_of_docx(d) for d in docx_files)


def docx_to_pdf(docx: bytes, target: Path, timeout: float = 180) -> Path:
    """Convert .docx bytes to a PDF at target (written atomically). Raises PdfUnavailable/PdfFailed."""
    require_soffice()
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / "reply.docx"
        source.write_bytes(for_libreoffice(docx))
        try:
            proc = convert([source], tmpdir, font_plan([docx]), timeout)
        except subprocess.TimeoutExpired:
            raise PdfFailed(f"LibreOffice 转换超时（{timeout:.0f} 秒）") from None
        made = tmpdir / "reply.pdf"
        if not made.is_file():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[:300]
            raise PdfFailed(f"LibreOffice 未能生成 PDF：{detail}")
        atomic_write(Path(target), made.read_bytes())
    return Path(target)
