"""Writing a reply's .docx (and PDF) from an analysed sheet, with the CLI's no-clobber rule."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError
from drafter.output import State, docx_state, same_document, same_parts, write_reply
from drafter.textio import MAX_INPUT_BYTES
from drafter.workspace.freshness import Freshness
from drafter.workspace.session import Analysis


@dataclass
class Generated:
    path: Path
    written: bool  # False when the file already held exactly this document
    docx: bytes


class NotReady(Exception):
    """The sheet has errors; nothing was written."""


class PdfNotMade(Exception):
    """No PDF (LibreOffice missing, failing or too slow); the .docx stands. The message says why."""


def output_path(analysis: Analysis) -> Path:
    from drafter.pipeline import default_output

    return default_output(analysis.reply)


def docx_bytes(analysis: Analysis) -> bytes:
    from drafter.pipeline import reply_docx

    return reply_docx(analysis.reply, analysis.blocks)


def generate(analysis: Analysis, *, force: bool = False) -> Generated:
    """Write the .docx for an error-free analysis. Raises NotReady or OverwriteRefused."""
    if not analysis.ok:
        raise NotReady(analysis.errors[0].message if analysis.errors else "答复无法生成")
    path = output_path(analysis)
    data = docx_bytes(analysis)
    written = write_reply(path, data, force=force)
    return Generated(path, written, data)


def pdf_available() -> bool:
    from drafter.layout.pdf import find_soffice

    return find_soffice() is not None


def make_pdf(generated: Generated) -> Path:
    """The PDF beside the .docx. Raises PdfNotMade, or OSError when it cannot be written."""
    from drafter.layout.pdf import PdfFailed, PdfUnavailable, docx_to_pdf

    try:
        return docx_to_pdf(generated.docx, generated.path.with_suffix(".pdf"))
    except (PdfUnavailable, PdfFailed) as exc:
        raise PdfNotMade(str(exc)) from exc


def pdf_font_note(generated: Generated) -> str:
    """Which fonts the PDF printed with instead of missing official ones ('' : none missing), as
    `drafter build --pdf` says it."""
    from drafter.layout.pdf import font_plan

    return font_plan([generated.docx]).note()


def freshness(analysis: Analysis) -> Freshness:
    """The .docx's state against the sheet."""
    if not analysis.ok:
        return Freshness.FAILED
    return _freshness(output_path(analysis), lambda: docx_bytes(analysis))


def reply_freshness(reply, inputs=None) -> Freshness:
    """freshness() for a loaded Reply without the checker; composes only when a .docx of
    drafter's own is there to compare with (the 台账 asks this of sheets their .docx's input
    record does not vouch for). inputs: a drafter.record.Inputs to share."""
    from drafter.pipeline import default_output, render

    try:
        path = default_output(reply)
        return _freshness(path, lambda: render(reply, inputs).docx)
    except InputError:
        return Freshness.FAILED


def _freshness(path: Path, make) -> Freshness:
    # Compare first: a file equal to what the sheet renders now is drafter's own and current, and
    # that is the common case; the no-clobber state (an unzip and a hash) only tells the others apart.
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_INPUT_BYTES:
            return Freshness.FOREIGN  # a folder, pipe or device (never read: a pipe waits), or far too big
        data = path.read_bytes()
    except OSError:
        return Freshness.MISSING
    new = make()
    if data == new or same_parts(data, new):  # same_parts: only the records differ (an older
        return Freshness.CURRENT                # drafter's file, or a change the reply does not show)
    state = docx_state(path)
    if state is State.OURS and same_document(data, new):
        return Freshness.CURRENT  # the same parts, zipped otherwise
    if state is State.EDITED:
        return Freshness.EDITED
    if state is State.FOREIGN:
        return Freshness.FOREIGN
    return Freshness.STALE if state is State.OURS else Freshness.MISSING
