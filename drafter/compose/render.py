"""Composing a reply: sheet + profile + facts → template → blocks."""

from __future__ import annotations

from pathlib import Path

from drafter.compose.budget import Budget, budget_scope
from drafter.compose.context import build_context
from drafter.compose.environment import BUILTIN_TEMPLATES, render_template
from drafter.compose.loader import hidden_part
from drafter.compose.markup import parse_markup
from drafter.compose.provenance import recording
from drafter.errors import InputError, Where
from drafter.model.blocks import Block
from drafter.model.profile import KIND_ALIASES, Profile
from drafter.sheets.load import Reply, read_located

DEFAULT_TEMPLATES = {"政协提案": "政协提案答复.j2", "人大建议": "人大建议答复.j2"}


def workspace_root(reply: Reply) -> Path:
    """The folder a reply's templates must stay in: the one holding its profile (and below)."""
    anchor = reply.profile.path or reply.sheet.path
    return Path(anchor).parent.resolve()


def _profile_where(profile: Profile, kind: str) -> Where:
    """Where the profile names the template for kind (the file is read again: this is the error path)."""
    field = f"templates.{kind}"
    try:
        located = read_located(profile.path)
        named = located.data.get("templates") or {}
        key = next((k for k in named if KIND_ALIASES.get(str(k), str(k)) == kind), kind)
        return located.where(("templates", key), field)
    except (InputError, AttributeError):
        return Where(profile.path, None, None, field)


def template_path(reply: Reply) -> Path:
    """The template a reply uses: the sheet's, else the profile's for its kind, else built in.
    A named template must lie inside the workspace (or be a built-in one), links resolved."""
    sheet, profile = reply.sheet, reply.profile
    if sheet.template:
        named = sheet.template
        path = Path(sheet.path).parent / named
        where = lambda: reply.located.where(("template",))  # noqa: E731
    elif sheet.kind in profile.templates:
        named = profile.templates[sheet.kind]
        path = Path(profile.path).parent / named
        where = lambda: _profile_where(profile, sheet.kind)  # noqa: E731
    else:
        return BUILTIN_TEMPLATES / DEFAULT_TEMPLATES[sheet.kind]
    real = path.resolve()
    root = workspace_root(reply)
    allowed = next((r for r in (root, BUILTIN_TEMPLATES.resolve()) if real.is_relative_to(r)), None)
    if allowed is None:
        raise InputError(f"模板文件 {named} 在工作文件夹之外，已拒绝读取", where(),
                         f"模板只能放在单位信息文件所在的文件夹（{root}）及其子文件夹里")
    if hidden_part(real, allowed):
        raise InputError(f"模板文件 {named} 是隐藏文件或在隐藏文件夹（如 .git）里，已拒绝读取", where(),
                         "模板请放在普通文件夹里（如“模板”）")
    if not path.is_file():
        raise InputError(f"找不到模板文件 {named}", where())
    return path


def compose(reply: Reply, budget: Budget | None = None, *, lenient: bool = False) -> list[Block]:
    """The reply's layout blocks. Its sheet texts and template share one time and size budget
    (a fresh default one unless given: pass your own to be able to cancel() it from another thread).
    Each block's `sources` say where its text came from (compose.provenance). lenient: a sheet text
    that does not render (an undefined fact) prints without its {{ }} instead of stopping (the
    checker reports the fact where it is cited)."""
    path = template_path(reply)
    with budget_scope(budget), recording() as origins:
        source = render_template(path, build_context(reply, lenient=lenient), workspace_root(reply))
    return parse_markup(source, Where(path), origins)
