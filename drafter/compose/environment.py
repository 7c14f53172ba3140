"""Jinja, sandboxed: templates and sheet texts are user input and run with StrictUndefined.

Errors (an undefined fact, a reach for Python internals, a syntax slip) become InputErrors
that name the template or sheet file and line.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from drafter.compose.plain import Record
from drafter.errors import InputError, Where
from drafter.textio import read_text

BUILTIN_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

MAX_TEMPLATE_BYTES = 1_000_000  # the built-in templates are 3 KB; a template is text a clerk edits

_UNDEFINED_ATTR = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")


def escape_parts(text: str) -> str:
    """Escape a value that goes into a |-separated block (heading, item)."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


class DrafterEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's sandbox (no Python internals, no changing lists or dicts in place) over plain data."""

    def getattr(self, obj, attribute):
        # A Record's keys come before its Mapping methods: `s.items` is a section's items.
        if isinstance(obj, Record):
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


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


def _make_env(loader: jinja2.BaseLoader | None) -> DrafterEnvironment:
    env = DrafterEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # XML escaping is the writer's job, never the templates'
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
    )
    env.filters["cn"] = cn_number
    return env


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三 (up to 99)."""
    digits = "零一二三四五六七八九"
    n = int(n)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@lru_cache(maxsize=32)
def _cached_env(search_path: tuple[str, ...], roots: tuple[str, ...], stamps: tuple[int, ...]) -> DrafterEnvironment:
    return _make_env(WorkspaceLoader(list(search_path), [Path(r) for r in roots]))


def template_env(folder: Path, root: Path) -> DrafterEnvironment:
    """The environment for the reply templates in folder: names are looked up there, then among
    the built-in templates; only files inside root (the workspace) or the built-in templates are
    read. Jinja re-checks the files it loaded; a template added or removed in a folder (a clerk's
    new _base.j2 shadowing ours) changes the folder's mtime, which starts a fresh environment."""
    search_path = (str(folder), str(BUILTIN_TEMPLATES))
    stamps = []
    for folder in search_path:
        try:
            stamps.append(os.stat(folder).st_mtime_ns)
        except OSError:
            stamps.append(-1)
    return _cached_env(search_path, (str(root), str(BUILTIN_TEMPLATES)), tuple(stamps))


_TEXT_ENV = _make_env(None)


@lru_cache(maxsize=4096)
def _compile_text(source: str) -> jinja2.Template:
    return _TEXT_ENV.from_string(source)


def describe_error(exc: Exception) -> str:
    """A Chinese sentence for a Jinja error raised while rendering."""
    msg = str(exc)
    if isinstance(exc, SecurityError):
        return f"模板或文字试图访问 Python 内部属性，已拒绝（{msg}）"
    if isinstance(exc, jinja2.UndefinedError):
        m = _UNDEFINED_ATTR.search(msg)
        if m and "FactLibrary" in msg:
            return f"引用了未定义的事实“{m.group(1)}”，请先在事实库（facts.yaml）里添加"
        if m:
            return f"引用了不存在的字段“{m.group(1)}”"
        m = _UNDEFINED_NAME.search(msg)
        if m:
            return f"引用了未定义的名称“{m.group(1)}”（事实请写成 {{{{ facts.名称 }}}}）"
        return f"引用了未定义的内容（{msg}）"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"模板语法错误（{exc.message}）"
    return f"渲染出错（{type(exc).__name__}: {msg}）"


def render_text(source: str, context: dict, where: Where) -> str:
    """Render one sheet text (which may cite {{ facts.name }}); errors name where it came from."""
    if "{" not in source:
        return source
    try:
        # Sheet values are single lines by the schema; a fact must not break the block markup either.
        return _compile_text(source).render(context).replace("\n", "")
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"文字里的 {{{{ }}}} 写法有误（{exc.message}）", where) from None
    except (jinja2.UndefinedError, SecurityError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(describe_error(exc), where) from None


def render_template(path: Path, context: dict, root: Path) -> str:
    """Render the reply template at path (inside root, the workspace, or built in); it may extend
    templates beside it or built in."""
    path = Path(path).resolve()
    env = template_env(path.parent, root)
    try:
        template = env.get_template(path.name)
        return template.render(context)
    except TemplateOutside as exc:
        raise InputError(f"模板“{exc.name}”指向工作文件夹之外（{exc.path} 是链接），已拒绝读取",
                         _template_where(exc, path), "模板只能放在单位信息文件所在的文件夹及其子文件夹里") from None
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"找不到模板 {exc.name}", _template_where(exc, path)) from None
    except jinja2.TemplateSyntaxError as exc:
        where = Where(Path(exc.filename) if exc.filename else path, exc.lineno)
        raise InputError(f"模板语法错误（{exc.message}）", where) from None
    except (jinja2.UndefinedError, SecurityError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(describe_error(exc), _template_where(exc, path)) from None


def _template_where(exc: Exception, path: Path) -> Where:
    """The template file and line an error was raised at (the innermost template frame in the
    traceback Jinja rewrites), else the entry template."""
    tb = exc.__traceback__
    where = Where(path)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = Where(Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return where
