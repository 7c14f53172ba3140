"""Composing a reply: sheet + profile + facts → template → blocks."""

from __future__ import annotations

from pathlib import Path

from drafter.compose.context import build_context
from drafter.compose.environment import BUILTIN_TEMPLATES, render_template
from drafter.compose.markup import parse_markup
from drafter.errors import InputError, Where
from drafter.model.blocks import Block
from drafter.sheets.load import Reply

DEFAULT_TEMPLATES = {"政协提案": "政协提案答复.j2", "人大建议": "人大建议答复.j2"}


def template_path(reply: Reply) -> Path:
    """The template a reply uses: the sheet's, else the profile's for its kind, else built in."""
    sheet, profile = reply.sheet, reply.profile
    if sheet.template:
        path = Path(sheet.path).parent / sheet.template
        where = reply.located.where(("template",))
    elif sheet.kind in profile.templates:
        path = Path(profile.path).parent / profile.templates[sheet.kind]
        where = Where(profile.path, None, None, f"templates.{sheet.kind}")
    else:
        return BUILTIN_TEMPLATES / DEFAULT_TEMPLATES[sheet.kind]
    if not path.is_file():
        raise InputError(f"找不到模板文件 {path}", where)
    return path


def compose(reply: Reply) -> list[Block]:
    """The reply's layout blocks."""
    path = template_path(reply)
    source = render_template(path, build_context(reply))
    return parse_markup(source, Where(path))
