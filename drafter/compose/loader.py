"""Where templates are read from: the workspace (the folder holding profile.yaml, and below) and
drafter's built-in templates, nothing else."""

from __future__ import annotations

import atexit
import os
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from drafter.errors import InputError, Where
from drafter.textio import read_text



def _builtin_templates() -> Path:
    """The package's own templates/ folder (package data), as a real folder for Jinja's loader: the
    folder itself when drafter is installed as files, an extracted copy kept for the process's
    lifetime otherwise. The repository's top-level templates/ is a copy for reading, kept identical
    by a test."""
    resources = ExitStack()
    atexit.register(resources.close)
    return Path(resources.enter_context(as_file(files("drafter") / "templates"))).resolve()


BUILTIN_TEMPLATES = _builtin_templates()

MAX_TEMPLATE_BYTES = 1_000_000  # the built-in templates are 3 KB; a template is text a clerk edits


class TemplateOutside(Exception):
    """A template name that resolves (through a link) outside the workspace and the built-in
    templates, or to a hidden file or folder (.git/config holds a remote's token)."""

    def __init__(self, name: str, path: Path, hidden: bool = False):
        super().__init__(name)
        self.name, self.path, self.hidden = name, path, hidden

    @property
    def message(self) -> str:
        if self.hidden:
            return f"模板“{self.name}”是隐藏文件或在隐藏文件夹（如 .git）里，已拒绝读取"
        return f"模板“{self.name}”指向工作文件夹之外（{self.path} 是链接），已拒绝读取"

    @property
    def hint(self) -> str:
        if self.hidden:
            return "模板请放在普通文件夹里（如“模板”）"
        return "模板只能放在单位信息文件所在的文件夹及其子文件夹里"


def hidden_part(path: Path, root: Path) -> str | None:
    """The first component of path below root that is hidden (starts with a dot), if any:
    templates never live there, and .git or .env hold what must not reach a reply."""
    return next((part for part in path.relative_to(root).parts if part.startswith(".")), None)


class WorkspaceLoader(jinja2.FileSystemLoader):
    """Templates from the searched folders (`{% extends %}`, `{% include %}`, `{% import %}` names
    included). Jinja already refuses `..` in names; this also refuses a file that resolves outside
    the allowed roots (a link pointing out of the workspace), anything but a regular file (a FIFO,
    /dev/zero) and a file too big to be a template."""

    def __init__(self, searchpath: list[str], roots: list[Path]):
        super().__init__(searchpath, encoding="utf-8")
        self.roots = [Path(r).resolve() for r in roots]

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(os.path.normpath(os.path.join(folder, *pieces)))
            if not path.is_file():
                continue
            real = path.resolve()
            root = next((root for root in self.roots if real.is_relative_to(root)), None)
            if root is None:
                raise TemplateOutside(template, path)
            if hidden_part(real, root):
                raise TemplateOutside(template, path, hidden=True)
            if real.stat().st_size > MAX_TEMPLATE_BYTES:
                raise InputError(f"模板文件过大（超过 {MAX_TEMPLATE_BYTES // 1000} KB），不像是模板", Where(path))
            source = read_text(real)
            mtime = os.path.getmtime(path)

            def uptodate(path=path, mtime=mtime) -> bool:
                try:
                    return os.path.getmtime(path) == mtime
                except OSError:
                    return False

            return source, str(path), uptodate
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        # A dynamic include depends on every template (build.deps): hidden folders are not looked
        # through (a .git folder holds thousands of files, none of them templates).
        return [name for name in super().list_templates()
                if not any(part.startswith(".") for part in name.split("/"))]
