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
    """A template name that resolves (through a link) outside the workspace and the built-in templates."""

    def __init__(self, name: str, path: Path):
        super().__init__(name)
        self.name, self.path = name, path


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
            if not any(real.is_relative_to(root) for root in self.roots):
                raise TemplateOutside(template, path)
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
