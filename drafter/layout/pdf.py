"""PDF through LibreOffice (headless), when it is installed.

Every conversion runs in a private LibreOffice user profile made for it, so a LibreOffice the
clerk has open does not swallow the job. LibreOffice first saves the .docx in its own format
(ODT); drafter sets there what its DOCX import ignores and prints each GB/T font class with the
best installed face (layout.fonts); then LibreOffice prints that.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from drafter.layout import fonts as F
from drafter.layout.docx import KEEP_FROM_BOOKMARK
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


# What LibreOffice's DOCX import does not take from the .docx, set on its own document format
# before printing: Word's layout switches (no space between Chinese and Latin text, no hanging
# punctuation: w:autoSpaceDE, w:overflowPunct) and the fonts (layout.fonts).
_AUTOSPACE = (b'style:text-autospace="ideograph-alpha"', b'style:text-autospace="none"')
_HANGING = (b'style:punctuation-wrap="hanging"', b'style:punctuation-wrap="simple"')
# Font names: in the font declarations (svg:font-family, looked up through style:font-name for
# Latin text and style:font-name-asian/-complex) and repeated on every style's text properties
# (fo:font-family for Latin text, style:font-family-asian/-complex).
_FONT_FACE = re.compile(rb'(<style:font-face style:name=")([^"]+)(" svg:font-family=")([^"]+)(")')
_FAMILY = re.compile(rb'((fo:font-family|style:font-family-asian|style:font-family-complex)=")([^"]+)(")')
_LATIN_FACE = re.compile(rb'style:font-name="([^"]+)"')
_TEXT_PROPS = re.compile(rb"<style:text-properties [^>]*>")
_BOLD = b' fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"'


def _family(value: bytes) -> str:
    return value.decode("utf-8").replace("&apos;", "").replace("'", "").strip()


def fix_odt_part(xml: bytes, plan: F.FontPlan) -> bytes:
    """One part (styles.xml, content.xml) of the ODT LibreOffice made from a drafter .docx, as
    Word would lay it out: no Chinese–Latin autospace, no hanging punctuation, each missing font
    replaced by its class's substitute (with half-width Latin digits, as in the GB2312 fonts;
    the 小标宋 substitute in bold)."""
    xml = xml.replace(*_AUTOSPACE).replace(*_HANGING)
    faces = {s.requested: s.face for s in plan.substitutions if s.face}
    latin = set(_LATIN_FACE.findall(xml))
    bold: set[bytes] = set()

    def name(face: F.Face, for_latin: bool) -> bytes:
        # Latin text asks for the face's half-width forms; Chinese text keeps its full-width marks.
        feature = ":hwid" if for_latin and F.has_halfwidth_feature(face.family) else ""
        return f"&apos;{face.family}{feature}&apos;".encode("utf-8")

    def declaration(m: re.Match) -> bytes:
        chosen = faces.get(_family(m.group(4)))
        if chosen is None:
            return m.group(0)
        if chosen.bold:
            bold.add(m.group(2))
        return m.group(1) + m.group(2) + m.group(3) + name(chosen, m.group(2) in latin) + m.group(5)

    def attribute(m: re.Match) -> bytes:
        chosen = faces.get(_family(m.group(3)))
        if chosen is None:
            return m.group(0)
        return m.group(1) + name(chosen, m.group(2) == b"fo:font-family") + m.group(4)

    xml = _FAMILY.sub(attribute, _FONT_FACE.sub(declaration, xml))
    if bold:
        names = re.compile(rb'style:font-name(?:-asian|-complex)?="(' + b"|".join(map(re.escape, bold)) + rb')"')

        def weight(m: re.Match) -> bytes:
            tag = m.group(0)
            if names.search(tag) and b"fo:font-weight=" not in tag:
                return tag[:-2] + _BOLD + b"/>" if tag.endswith(b"/>") else tag[:-1] + _BOLD + b">"
            return tag

        xml = _TEXT_PROPS.sub(weight, xml)
    return xml


def fix_odt(odt: bytes, plan: F.FontPlan) -> bytes:
    """The ODT with fix_odt_part applied to its styles and content (mimetype first, stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in ("styles.xml", "content.xml"):
                data = fix_odt_part(data, plan)
            dst.writestr(info, data, zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


_KEEP_FROM = re.compile(
    r'<w:p><w:pPr>((?:(?!</w:pPr>).)*?)<w:keepNext/>((?:(?!</w:pPr>).)*?)</w:pPr>((?:(?!</w:p>).)*?)'
    r'<w:bookmarkStart w:id="\d+" w:name="' + KEEP_FROM_BOOKMARK + r'"/><w:bookmarkEnd w:id="\d+"/>'
    r'((?:(?!</w:p>).)*?)</w:p>', re.S)


def keep_last_line_apart(docx: bytes) -> bytes:
    """The .docx with its last body paragraph cut where drafter marked its last line
    (docx.KEEP_FROM_BOOKMARK): LibreOffice moves a paragraph that keeps with the next whole to
    the next page, where Word moves only its last line with the end block (R4.10). The first part
    is justified to its last line, which is a full line; the second starts at the left edge."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as src:
            document = src.read("word/document.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return docx
    if KEEP_FROM_BOOKMARK not in document:
        return docx

    def cut(m: re.Match) -> str:
        before, after, head, tail = m.groups()
        return (f'<w:p><w:pPr>{before}{after}<w:jc w:val="distribute"/></w:pPr>{head}</w:p>'
                f'<w:p><w:pPr>{before}<w:keepNext/>{after}<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>'
                f'{tail}</w:p>')

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = _KEEP_FROM.sub(cut, document, count=1).encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def _soffice(soffice: str, profile: Path, target: str, outdir: Path, sources: list[Path],
             timeout: float) -> subprocess.CompletedProcess:
    cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(outdir), *map(str, sources)]
    return subprocess.run(cmd, capture_output=True, timeout=timeout)


def convert(sources: list[Path], workdir: Path, plan: F.FontPlan, timeout: float) -> subprocess.CompletedProcess:
    """PDFs next to sources (all in workdir): LibreOffice turns each .docx into its own format
    (ODT), drafter sets there what the DOCX import ignores (fix_odt), then LibreOffice prints the
    ODT — two runs in one fresh profile under workdir. Raises subprocess.TimeoutExpired."""
    soffice = require_soffice()
    profile, odt_dir = workdir / "profile", workdir / "odt"
    odt_dir.mkdir(exist_ok=True)
    for source in sources:
        data = source.read_bytes()
        split = keep_last_line_apart(data)
        if split is not data:
            source.write_bytes(split)
    first = _soffice(soffice, profile, "odt", odt_dir, sources, timeout)
    fixed = []
    for source in sources:
        odt = odt_dir / (source.stem + ".odt")
        if odt.is_file():
            odt.write_bytes(fix_odt(odt.read_bytes(), plan))
            fixed.append(odt)
    if not fixed:
        return first
    second = _soffice(soffice, profile, "pdf", workdir, fixed, timeout)
    return second if second.returncode or second.stderr else first


def font_plan(docx_files: list[bytes]) -> F.FontPlan:
    """The font substitutions converting these documents uses (say plan.note() once to the clerk)."""
    return F.plan(F.fonts_of_docx(d) for d in docx_files)


def docx_to_pdf(docx: bytes, target: Path, timeout: float = 180) -> Path:
    """Convert .docx bytes to a PDF at target (written atomically). Raises PdfUnavailable/PdfFailed."""
    require_soffice()
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / "reply.docx"
        source.write_bytes(docx)
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
