"""The front doors' shared path: a sheet on disk → blocks → .docx (→ PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.compose.render import compose
from drafter.errors import InputError, Where
from drafter.layout.docx import write_docx
from drafter.layout.parts import FontSet, PageSetup
from drafter.model.blocks import Block
from drafter.model.profile import Profile
from drafter.sheets.load import Loader, Reply


def page_setup(profile: Profile) -> PageSetup:
    """The writer's settings for an organisation: fonts and letterhead."""
    f = profile.fonts
    fonts = FontSet(f.title, f.body, f.heading1, f.heading2, f.page_number)
    return PageSetup(fonts, profile.letterhead_text if profile.letterhead else None)


@dataclass
class Rendered:
    reply: Reply
    blocks: list[Block]
    docx: bytes


def render(reply: Reply, inputs=None) -> Rendered:
    """Compose and lay out a loaded reply (nothing is written). inputs: a drafter.record.Inputs
    to share its caches (a build, a report); a fresh one by default."""
    blocks = compose(reply)
    return Rendered(reply, blocks, reply_docx(reply, blocks, inputs))


def reply_docx(reply: Reply, blocks: list[Block], inputs=None) -> bytes:
    """The .docx of a composed reply, with its input record: every front door (render, build,
    the TUI) writes replies through here, so every .docx says what it was made from."""
    from drafter.record import Inputs

    record = (inputs or Inputs()).record(reply)
    return write_docx(blocks, page_setup(reply.profile), record)


def default_output(reply: Reply) -> Path:
    """Where a reply's .docx goes: beside the sheet, or in the profile's output folder."""
    return output_for(Path(reply.sheet.path), reply.profile)


def output_for(sheet_path: Path, profile: Profile) -> Path:
    """default_output for a sheet file and the profile it uses (no need to load the sheet)."""
    if profile.output_dir:
        base = Path(profile.path).parent.resolve()
        folder = (base / profile.output_dir).resolve()
        if not folder.is_relative_to(base):  # output stays inside the workspace it belongs to (links resolved)
            raise InputError("输出文件夹必须在单位信息文件所在文件夹之内", _output_dir_where(profile),
                             f"{profile.output_dir} 指向 {folder}")
        return folder / (sheet_path.stem + ".docx")
    return sheet_path.with_suffix(".docx")


def _output_dir_where(profile: Profile) -> Where:
    """Where the profile sets output_dir (the file is read again: this is the error path)."""
    from drafter.sheets.load import read_located

    try:
        return read_located(profile.path).where(("output_dir",))
    except InputError:
        return Where(profile.path, None, None, "output_dir")


def resolve_output(reply: Reply, out: Path | None) -> Path:
    """The target path; `out` may be a file or an existing folder. Must end in .docx."""
    if out is None:
        return default_output(reply)
    out = Path(out)
    if out.is_dir():
        return out / (Path(reply.sheet.path).stem + ".docx")
    if out.suffix.lower() != ".docx":
        raise InputError("输出文件名应以 .docx 结尾", Where(out))
    return out


def load_and_render(path: Path, loader: Loader | None = None) -> Rendered:
    return render((loader or Loader()).load(Path(path)))
